/** Texts of the Documenten API that people read (error details), in plain Dutch (B1). */
export const documentenTexts = {
  required: 'Dit veld is verplicht.',
  date: 'Dit is geen geldige datum. Gebruik de vorm JJJJ-MM-DD.',
  dateTime: 'Dit is geen geldig tijdstip. Gebruik de vorm JJJJ-MM-DDTuu:mm:ss.',
  notPublished: 'Dit informatieobjecttype is nog een concept. Publiceer het eerst.',
  invalidForReceived:
    'Een ontvangen document (met een ontvangstdatum) kan niet de status "in bewerking" of "ter vaststelling" hebben.',
  missingGebruiksrechten:
    'Zet de indicatie niet zelf op "ja". Maak gebruiksrechten aan; dan wordt de indicatie vanzelf "ja".',
  existingGebruiksrechten: 'Er zijn gebruiksrechten vastgelegd. Daarom moet de indicatie "ja" blijven.',
  base64: 'De inhoud is geen geldige base64-tekst.',
  fileSize: (expected: number, received: number) =>
    `Het bestand is ${received} bytes, maar de bestandsomvang is ${expected} bytes.`,
  identificatieNotUnique: 'Deze identificatie is al in gebruik bij deze bronorganisatie.',
  unlocked: 'Het document is niet vergrendeld. Vergrendel het eerst (lock) en stuur de lock mee.',
  missingLock: 'Stuur de lock van het document mee.',
  incorrectLock: 'De lock klopt niet.',
  existingLock: 'Het document is al vergrendeld.',
  incompleteUpload: 'Nog niet alle bestandsdelen zijn ontvangen.',
  emptyFile: 'Stuur het bestand mee, of geef een bestandsomvang van 0.',
  pendingRelations: 'Het document hoort nog bij een zaak of besluit. Verwijder eerst die relaties.',
  destroyLocked: 'Een vergrendeld document kan niet verwijderd worden. Ontgrendel het eerst.',
  noContent: 'Dit document (of deze versie) heeft geen inhoud.',
  notMultipart: 'Stuur een bestandsdeel als multipart/form-data met de velden "lock" en "inhoud".',
  relationExists: 'Deze combinatie van object en informatieobject bestaat al.',
  inconsistentRelation:
    'De relatie tussen het object en het informatieobject bestaat niet aan de kant van het object.',
  relationStillExists:
    'De relatie bestaat nog aan de kant van de zaak of het besluit. Verwijder haar daar; deze relatie verdwijnt dan vanzelf.',
  oneChannel:
    'Een verzending gaat via precies één kanaal: één adres, of een faxnummer, e-mailadres, MijnOverheid of telefoonnummer.',
  emptySearch: 'Geef minstens één zoekveld mee.',
  immutable: 'Dit veld kan niet gewijzigd worden.',
  eioNotFound: 'Dit informatieobject bestaat niet.',
} as const;
