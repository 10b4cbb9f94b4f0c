/**
 * The Besluiten module's interface for other modules: the case (zaken), the portal and the decisions
 * module read and write the same besluit records the Besluiten API serves.
 */
export { besluitenModule } from './module.ts';
export {
  type BesluitJson,
  type BesluitRecord,
  besluitenOfZaak,
  besluitJson,
  besluitUrl,
  loadBesluit as getBesluit,
} from './repository.ts';
export { type BesluitInput, createBesluit, type References } from './service-besluit.ts';
export { type Caller, systemCaller } from './support.ts';
