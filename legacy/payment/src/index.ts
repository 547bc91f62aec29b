export { type AdminOrder, Payer, PaymentAdmin } from './clients';
export { PAYMENT_CODES, type PaymentCode } from './codes';
export type { Channel, OrderStatus } from './ledger';
export { type DeliveryAttempt, NO_NOTIFICATION_FAULTS, type NotificationFaults } from './notifier';
export { isPaymentCode, luhnDigit, paymentCode } from './payment-code';
export { MAX_ORDERS_PER_QUERY, MAX_SUB_ORDERS } from './routes/services';
export { createPaymentStandIn, platformKeys } from './server';
export { type PaymentConfig, paymentSettings } from './settings';
export {
  canonicalJson,
  type KeyFiles,
  keyPairIn,
  readPrivateKey,
  readPublicKey,
  SIGNATURE_HEADERS,
  signedText,
  signHeaders,
  verifySignature,
} from './signing';
export { STATEMENT_HEADER, type StatementFaults } from './statement';
