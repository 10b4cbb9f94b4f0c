/** Texts of the demo identity provider. */
export const idpTexts = {
  organisation: 'Demo-inlogdienst',
  titleCitizen: 'Inloggen (demo) — kies een testpersoon',
  titleStaff: 'Inloggen medewerker (demo) — kies een medewerker',
  explanation:
    'Dit is de test-inlogdienst van de demo. In het echt logt u in met DigiD of met de inlog van uw organisatie.',
  unknownAccount: 'Deze testpersoon bestaat niet.',
} as const;
