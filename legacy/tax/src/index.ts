export { fieldCode, resultCode } from './codes';
export { TAX_CODES, type TaxCode } from './envelope';
export { deedTaxRateBp } from './rules';
export { createTaxStandIn } from './server';
export { type ApiKeys, type TaxConfig, taxSettings } from './settings';
export { CASE_STATUS_CODES, type WireCase } from './wire-cases';
export type { WireItem } from './wire-items';
export type { WireDeedTax, WireTaxpayer } from './wire-records';
