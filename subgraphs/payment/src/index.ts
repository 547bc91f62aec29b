export { PaymentAccess } from './access';
export { createPaymentSubgraph, NOTIFICATION_PATH } from './server';
export { type PaymentSubgraphConfig, paymentSubgraphSettings } from './settings';
