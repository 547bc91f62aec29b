export { StandInAdmin } from './admin-client';
export {
  CaseError,
  type CaseListener,
  type CaseRecord,
  type CaseRules,
  type CaseStatus,
  CaseStore,
  type CaseSubmission,
  type CaseView,
  type Decision,
  type Phase,
  scheduleFromItems,
} from './cases';
export { SimClock } from './clock';
export {
  DocumentOffice,
  type DocumentSignature,
  type IssuedDocumentRecord,
  issuingAuthority,
  type NoDocuments,
} from './documents';
export { type FaultSettings, Faults, faultSettingsSchema, NO_FAULTS } from './faults';
export {
  ITEM_TYPES,
  loadItems,
  type PublishedField,
  type PublishedItem,
  type PublishedMaterial,
} from './items';
export { PLACES, type Place } from './places';
export * from './population';
export { hugeBody, jsonProtocolBase, type Protocol } from './protocol';
export { type LoggedRequest, RequestLog } from './request-log';
export { type Rng, rngFor } from './rng';
export { createStandIn, type StandIn, type StandInContext, type StandInOptions } from './server';
export { type StandInConfig, standInSettings } from './settings';
export * from './vocabulary';
