export {
  createTaxAdapter,
  TAX_BATCH_LIMIT,
  type TaxAdapter,
  type TaxAdapterOptions,
  type TaxLoaders,
} from './adapter';
export type { DeedTaxRecord, Taxpayer } from './records';
export { fieldCode, keyOfFieldCode } from './wire';
