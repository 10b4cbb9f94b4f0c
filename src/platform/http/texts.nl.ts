/** Error texts API clients and people read. Dutch, like the ZGW reference implementations. */
export const httpTexts = {
  required: 'Dit veld is vereist.',
  invalid: 'De waarde is ongeldig.',
  unknownParameters: (names: string[]) => `Onbekende query parameter(s): ${names.join(', ')}.`,
  validationTitle: 'Invalid input.',
  parseError: 'De inhoud van het verzoek is geen geldige JSON.',
  unsupportedMediaType: 'Dit type inhoud wordt niet ondersteund.',
  tooLarge: 'Het verzoek is te groot.',
  notAuthenticated: 'Authenticatiegegevens zijn niet opgegeven of ongeldig.',
  permissionDenied: 'U heeft geen toestemming om deze actie uit te voeren.',
  notFound: 'Niet gevonden.',
  methodNotAllowed: 'Deze methode is niet toegestaan.',
  serverError: 'Er is een fout opgetreden op de server. Er is niets half opgeslagen.',
  tooManyRequests: 'Te veel verzoeken.',
} as const;
