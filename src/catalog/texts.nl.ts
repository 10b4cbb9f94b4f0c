/** Texts people read (API error reasons, demo content labels), in Dutch. */
export const catalogTexts = {
  noMatch: 'Ongeldige hyperlink: de URL wijst niet naar een bekend object van deze soort.',
  doesNotExist: 'Ongeldige hyperlink: het object bestaat niet.',
  notUnique: (fields: string) => `De combinatie ${fields} bestaat al.`,
  otherOrganisation: 'Dit object hoort bij een andere organisatie; u mag het niet wijzigen.',
  catalogusOtherOrganisation:
    'Deze catalogus hoort bij een andere organisatie; u mag er geen typen aan toevoegen.',
  rsinInvalid: 'Het RSIN moet uit 9 cijfers bestaan en de elfproef doorstaan.',
  rsinOrganisation: (rsin: string) =>
    `Het RSIN van een catalogus moet het RSIN van uw organisatie zijn (${rsin}).`,
  domeinTaken: 'Uw organisatie heeft al een catalogus met dit domein.',
  overlap: (soort: string) =>
    `Dit ${soort} komt al voor binnen de catalogus en opgegeven geldigheidsperiode.`,
  nonConceptObject:
    'Het is niet toegestaan om een gepubliceerd object te wijzigen; alleen de einddatum van de geldigheid mag nog worden gezet.',
  nonConceptDelete: 'Alleen concepten kunnen worden verwijderd.',
  nonConceptZaaktype: 'Een object van een gepubliceerd zaaktype kan niet worden gewijzigd of verwijderd.',
  nonConceptZaaktypeRelation: 'Een relatie met een gepubliceerd zaaktype kan niet worden gelegd.',
  nonConceptRelation: (field: string) =>
    `Dit object heeft een relatie met gepubliceerde ${field}; het kan daarom niet worden gewijzigd of verwijderd.`,
  nonConceptRelationNew: (field: string) =>
    `Een nieuwe relatie met gepubliceerde ${field} is niet toegestaan.`,
  nonConceptBoth:
    'Een relatie tussen een gepubliceerd zaaktype en een gepubliceerd informatieobjecttype kan niet worden gewijzigd of verwijderd.',
  conceptRelation: 'Publiceer eerst alle gerelateerde besluittypen, informatieobjecttypen en deelzaaktypen.',
  relationsIncorrectCatalogus: (field: string) =>
    `De ${field} horen bij een andere catalogus dan dit object.`,
  deelzaaktypenCatalogus: 'Hoofd- en deelzaaktypen moeten tot dezelfde catalogus behoren.',
  ziotCatalogus: 'Het zaaktype en het informatieobjecttype horen bij verschillende catalogi.',
  verlenging: 'Geef een verlengingstermijn op als verlenging mogelijk is.',
  bronZaaktype: 'Geef broncatalogus en bronzaaktype allebei op, of geen van beide.',
  procestypeMismatch: 'De selectielijstklasse hoort niet bij het selectielijstprocestype van het zaaktype.',
  afleidingswijzeForProcestermijn: (afleidingswijze: string, procestermijn: string) =>
    `De afleidingswijze "${afleidingswijze}" past niet bij de procestermijn "${procestermijn}" van de selectielijstklasse.`,
  mustBeEmpty: (afleidingswijze: string) =>
    `Dit veld moet leeg zijn bij afleidingswijze "${afleidingswijze}".`,
  requiredFor: (afleidingswijze: string) => `Dit veld is verplicht bij afleidingswijze "${afleidingswijze}".`,
  brondatumRequired:
    'Geef een brondatum archiefprocedure op, tenzij de archiefnominatie "blijvend_bewaren" is.',
  statustypeOtherZaaktype: 'Het statustype hoort bij een ander zaaktype.',
  otherZaaktype: (field: string) => `De ${field} horen bij een ander zaaktype.`,
  invalidDate: 'Geef een geldige datum op (JJJJ-MM-DD).',
  noPage: 'Ongeldige pagina.',
  noVersionOnDate: 'Er is geen versie van dit type geldig op de gevraagde datum.',
} as const;
