export { createRealestateAdapter, type RealestateAdapter, type RealestateAdapterOptions } from './adapter';
export { type RealestateLoaders, UNITS_PER_QUERY } from './loaders';
export type { Mortgage, Property } from './records';
