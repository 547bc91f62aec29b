export {
  createRealestateAdapter,
  type RealestateAdapter,
  type RealestateAdapterOptions,
  type RealestateLoaders,
  UNITS_PER_QUERY,
} from './adapter';
export type { Mortgage, Property } from './records';
