export { fieldCode, resultCode } from './codes';
export { TAX_CODES, type TaxCode } from './envelope';
export {
  applyRate,
  assessDeedTax,
  type DeedTaxCircumstances,
  DeedTaxRuleError,
  type GeneralRate,
} from './fees/deed-tax-rates';
export type { WireFeeLine } from './fees/wire';
export { createTaxStandIn } from './server';
export { type ApiKeys, type TaxConfig, taxSettings, ZHEJIANG_DEED_TAX_DECISION } from './settings';
export { CASE_STATUS_CODES, type WireCase } from './wire-cases';
export type { WireItem } from './wire-items';
export type { WireDeedTax, WireTaxpayer } from './wire-records';
