/**
 * The contact module's interface for other modules (portal, workbench): contact history per person and
 * per case, open call-back requests, recording a contact. They never read the contact tables themselves.
 */
export {
  CHANNELS,
  type Channel,
  type ContactHistory,
  type ContactMoment,
  contactHistoryOfCase,
  contactHistoryOfPerson,
  type NewContact,
  RequestClosedError,
  recordContact,
  recordOutcome,
} from './history.ts';
export { caughtMail, type Mail, type MailSender } from './mailbox.ts';
export {
  type ContactRequest,
  type QueueEntry,
  requestQueue,
  requestsOfCase,
  requestsOfPerson,
} from './requests.ts';
export { callBackDueDate, routeRequest } from './service-level.ts';
export { contactTexts } from './texts.nl.ts';
