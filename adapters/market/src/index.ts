export {
  createMarketAdapter,
  type MarketAdapter,
  type MarketAdapterOptions,
  type MarketLoaders,
} from './adapter';
export { toItemSpec } from './catalogue';
export type { Enterprise } from './records';
