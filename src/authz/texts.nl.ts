/** Texts API clients and administrators read (Dutch, like the ZGW reference implementations). */
export const authzTexts = {
  invalidUrl: 'Voer een geldige URL in.',
  requiredFor: (component: string) => `Dit veld is verplicht als \`component\` ${component} is.`,
  duplicateClientIds: (ids: string[]) => `Deze client ids staan er meer dan eens in: ${ids.join(', ')}.`,
  clientIdExists: (ids: string[], applicaties: string[]) =>
    `De client id(s) ${ids.join(', ')} worden al gebruikt in applicatie(s) ${applicaties.join(', ')}.`,
  clientIdRace: 'Een van deze client ids is zojuist aan een andere applicatie gegeven.',
  ambiguous: 'Geef óf autorisaties óf heeftAlleAutorisaties op, niet allebei.',
  missing: 'Geef autorisaties op, of zet heeftAlleAutorisaties op true.',
  noPage: 'Ongeldige pagina.',
} as const;
