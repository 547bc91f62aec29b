export { MARKET_ERROR_STATUS, type MarketErrorCode } from './errors';
export { semanticKey, wireCode } from './field-codes';
export { marketProtocol } from './protocol';
export { createMarketStandIn } from './server';
export { type MarketConfig, marketSettings } from './settings';
export type { WireApplication, WireOutcome, WireStatus } from './wire-applications';
export type { WireEnterprise } from './wire-enterprises';
export type { WireFormField, WireItem } from './wire-items';
