/** Texts API clients and administrators read (Dutch, like the ZGW reference implementations). */
export const notificationTexts = {
  kanaalExists: 'Er bestaat al een kanaal met deze naam.',
  kanaalUnknown: 'Kanaal met deze naam bestaat niet.',
  filtersInconsistent: 'De filters van het abonnement passen niet bij de filters van het kanaal.',
  kenmerkenInconsistent: 'De kenmerken passen niet bij de filters van het kanaal.',
  callbackUnreachable: 'De opgegeven callback URL kan geen notificaties ontvangen.',
  invalidUrl: 'Voer een geldige URL in.',
  noPage: 'Ongeldige pagina.',
} as const;
