/**
 * The Zaken module's interface for other modules (case engine, portal, workbench, Besluiten, Documenten).
 * The zaak is Loket's case record; these functions read and write it without HTTP, with the same rules,
 * events and audit trail as the ZGW API.
 */
export { type ZaakJson, zaakJson, zaakUrl } from './json.ts';
export { createChild as addZaakPart } from './service-children.ts';
export { createResultaat } from './service-resultaat.ts';
export { createRol } from './service-rol.ts';
export { createStatus, setStatus } from './service-status.ts';
export { updateZaak } from './service-update.ts';
export { type Caller, createZaak, readZaak, type ZakenContext } from './service-zaak.ts';
export {
  caseIdsOfSubjectQuery,
  caseSummariesOfSubjectQuery,
  casesOfSubject,
  findZaak as getZaak,
  loadZaak,
  type ZaakRow,
  zaakTypesOfQuery,
} from './store.ts';
export { linkBesluit, unlinkBesluit } from './zaakbesluit.ts';
