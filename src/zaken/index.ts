/** The Zaken module's interface for other modules (case engine, portal, workbench). */
export { zaakJson } from './json.ts';
export { casesOfSubject, createResultaat, createRol, createStatus } from './service-children.ts';
export { type Caller, createZaak, loadZaak, readZaak, type ZakenContext } from './service-zaak.ts';
