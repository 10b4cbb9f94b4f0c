/** Texts of the Besluiten API (Dutch, B1). */
export const besluitenTexts = {
  rsin: 'Geef een geldig RSIN: 9 cijfers die de elfproef doorstaan.',
  futureNotAllowed: 'Deze datum mag niet in de toekomst liggen.',
  identificatieNotUnique: 'Deze identificatie bestaat al voor deze verantwoordelijke organisatie.',
  immutable: 'Dit gegeven kan na het aanmaken niet meer worden gewijzigd.',
  besluittypeConcept: 'Het besluittype is nog een concept. Er kunnen nog geen besluiten van worden gemaakt.',
  zaaktypeMismatch: 'Het besluittype hoort niet bij het zaaktype van de zaak.',
  iotMismatch: 'Het type van het document hoort niet bij het besluittype van het besluit.',
  noBesluit: 'Dit is geen besluit in deze Besluiten API.',
  besluitMissing: 'Dit besluit bestaat niet.',
  bioNotUnique: 'Dit document is al aan dit besluit gekoppeld.',
  closedZaak:
    'De zaak van dit besluit is afgesloten. Alleen met het recht om afgesloten zaken bij te werken kan dat nog.',
  unknownExpand: (fields: string[]) => `Deze velden kunnen niet worden uitgeklapt: ${fields.join(', ')}.`,
  audittrailNotFound: 'Deze regel van de audit trail bestaat niet.',
  apiDescription: `Besluiten van Loket: besluiten in de zin van de Awb, met hun besluittype en de zaak waaruit zij voortkomen, en de documenten waarin zij zijn vastgelegd.

**Zaak.** Een besluit bij een zaak van deze Loket is ook zichtbaar vanuit die zaak. Het besluittype moet bij het zaaktype van de zaak horen (\`zaaktype-mismatch\`). Een besluit bij een afgesloten zaak kan alleen worden gemaakt, gewijzigd of verwijderd met de scope \`zaken.geforceerd-bijwerken\`.

**Identificatie.** Zonder identificatie maakt Loket er een: \`BESLUIT-<jaar>-<volgnummer>\`, uniek per verantwoordelijke organisatie. Identificatie, verantwoordelijke organisatie en besluittype kunnen niet meer wijzigen.

**Documenten.** Een besluitinformatieobject koppelt een document aan een besluit; het type van het document moet bij het besluittype horen. De Documenten API toont dezelfde koppeling als objectinformatieobject. Besluit en document van een koppeling kunnen niet wijzigen; PUT en PATCH op een koppeling zijn er alleen om dat duidelijk te melden.

**Autorisatie.** Per besluittype: een applicatie ziet alleen besluiten van besluittypen waarvoor zij rechten heeft; voor andere krijgt zij 403.

**Notificaties.** Deze API publiceert notificaties op het kanaal \`besluiten\`, met de kenmerken \`verantwoordelijkeOrganisatie\` en \`besluittype\`.`,
} as const;
