export {
  type AddressQuery,
  type BrpClient,
  BrpError,
  HaalCentraalBrpClient,
  type HaalCentraalBrpConfig,
  InvalidRequestError,
  type LookupOptions,
  type NameAndBirthDateQuery,
  SourceAccessDeniedError,
  SourceUnavailableError,
} from './client.ts';
export { type BrpAttribute, type BrpFact, persoonFacts } from './facts.ts';
export { checkFieldPath, covers } from './fields.ts';
export { ageOn, type Datum, type HaalCentraalPersoon, toDatum } from './haal-centraal.ts';
export {
  type Address,
  ageOf,
  contentVersion,
  isMinorOn,
  type MaritalStatus,
  type PartnerRelation,
  type PersonName,
  type Persoon,
  type Provenance,
  toPersoon,
} from './persoon.ts';
