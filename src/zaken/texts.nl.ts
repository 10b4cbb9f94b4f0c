/** Texts of the Zaken API (Dutch). */
export const zakenTexts = {
  required: 'Dit veld is vereist.',
  rsin: 'Ongeldig RSIN: 9 cijfers die de elfproef doorstaan.',
  date: 'Geef een datum als JJJJ-MM-DD.',
  identificatieNotUnique: 'Deze identificatie bestaat al voor deze bronorganisatie.',
  zaaktypeConcept: 'Het zaaktype is nog een concept; er kunnen nog geen zaken van worden aangemaakt.',
  zaaktypeImmutable: 'Het zaaktype van een zaak kan niet worden gewijzigd.',
  identificatieImmutable: 'De identificatie van een zaak kan niet worden gewijzigd.',
  typeMismatch: 'Het type hoort niet bij het zaaktype van de zaak.',
  closed: 'De zaak is afgesloten. Alleen met de juiste rechten kan zij nog worden gewijzigd.',
  noResultaat: 'Een zaak kan pas worden afgesloten als zij een resultaat heeft.',
  resultaatExists: 'De zaak heeft al een resultaat.',
  crsMissing: "De header 'Content-Crs' (of 'Accept-Crs') ontbreekt.",
  crsUnsupported: 'Alleen het coördinatenstelsel EPSG:4326 wordt ondersteund.',
} as const;
