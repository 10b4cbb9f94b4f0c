/**
 * The Documenten module's interface for other modules (portal, workbench): registering a document a
 * person sent in, and listing the documents of a zaak or besluit. The zaak/besluit relation itself is
 * written by Zaken and Besluiten through `linkObject` (object-relations.ts), in their transaction.
 */
export type { DocumentenContext } from './context.ts';
export type { EioJson } from './json.ts';
export {
  documentenOf,
  documentsOfObject,
  forgetContent,
  type ListedDocument,
  type ReceivedDocument,
  receiveContent,
  registerReceivedDocument,
} from './received.ts';
