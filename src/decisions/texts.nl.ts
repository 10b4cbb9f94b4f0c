/** Everything a citizen or professional reads from the decisions module (Dutch, B1). */
export const decisionTexts = {
  notFound: 'Deze beslissing bestaat niet, of u mag haar niet zien.',
  inputMissing: (input: string, source: string) =>
    `Het gegeven "${input}" ontbreekt. Het komt van: ${source}.`,
  inputType: (input: string, source: string, type: string) =>
    `Het gegeven "${input}" (van ${source}) heeft niet de goede vorm. Verwacht: ${type}.`,
  inputUnknown: (input: string) => `Het gegeven "${input}" hoort niet bij deze regel.`,
  cannotEvaluate: (reason: string) =>
    `De regel kon niet worden toegepast. Een medewerker moet dit bekijken. Reden: ${reason}`,
  wrongStatus: (status: string) => `Dit kan niet bij een beslissing met de status "${status}".`,
  motivationRequired: 'Schrijf op waarom u afwijkt van de uitkomst van de regel.',
  unknownReason: 'Kies een geldige reden om af te wijken.',
  sameApprover:
    'Een andere medewerker moet de afwijking goedkeuren. U kunt uw eigen afwijking niet goedkeuren.',
  adverseNeedsHuman:
    'Deze beslissing valt nadelig uit. Een medewerker moet haar eerst bekijken voordat zij definitief wordt.',
  objectionClosed: (until: string) =>
    `De termijn voor bezwaar is voorbij. Bezwaar maken kon tot en met ${until}.`,
  objectionReasonRequired: 'Schrijf op waarom u het niet eens bent met de beslissing.',
  notYourDecision: 'U kunt alleen bezwaar maken tegen een beslissing over uzelf.',
  objectionNotOpen: 'Op dit bezwaar is al beslist.',
  deviationReasons: {
    hardheidsclausule: 'Hardheidsclausule: de regel pakt in deze situatie onredelijk uit.',
    evenredigheid: 'Evenredigheid (Awb 3:4): de gevolgen zijn te zwaar in verhouding tot het doel.',
    bijzondere_omstandigheden: 'Bijzondere omstandigheden die de regel niet kent.',
  },
} as const;

export type DeviationReason = keyof typeof decisionTexts.deviationReasons;
