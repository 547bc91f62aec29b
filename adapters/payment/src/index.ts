export {
  createPaymentAdapter,
  PAYMENT_BATCH_LIMIT,
  PAYMENT_SYSTEM,
  type PaymentAdapter,
  type PaymentAdapterOptions,
  type PaymentLoaders,
} from './adapter';
export type * from './domain';
export {
  checkAgainstOrder,
  isNews,
  type NotificationRefusalReason,
  NotificationRefused,
  verifyNotification,
} from './notifications';
export {
  canonicalJson,
  documentSignatureHolds,
  HEADERS as PAYMENT_SIGNATURE_HEADERS,
  platformSignatureProblem,
  privateKeyFile,
  publicKeyFile,
  signRequest,
} from './signature';
export { parseCsv, parseStatement } from './statement';
