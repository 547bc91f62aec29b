// The department's public key for its documents: the SPKI PEM file when given, else its development key's half.
export { documentPublicKey } from '@onething/runtime/documents';
export { parseRetryAfter, type RetrySettings, retryDelayMs } from './backoff';
export { type BreakerSettings, type BreakerState, CircuitBreaker } from './breaker';
export { currentDeadline, withDeadline } from './deadline';
export { type UncheckedDocument, verifiedDocument } from './documents';
export * from './domain';
export {
  ADAPTER_ERROR_CODES,
  AdapterError,
  type AdapterErrorCode,
  type AdapterErrorDetails,
  isAdapterError,
} from './errors';
export {
  type FeeAssessment,
  type FeeLine,
  type FeeRequest,
  type FeeRule,
  type FreeOfCharge,
  freeOfChargeAssessment,
  freeOfChargeSchema,
  totalOf,
} from './fees';
export type { AdapterHooks, CallEvent } from './hooks';
export { type CallOptions, type ClientSettings, DepartmentClient, type WireResponse } from './http-client';
export { batchLoader, Semaphore, singleKeyLoader } from './loaders';
export { clientSettings } from './settings';
export { requireIdentifiers } from './validate';
