export {
  createFundAdapter,
  FUND_BATCH_LIMIT,
  type FundAdapter,
  type FundAdapterOptions,
  type FundLoaders,
} from './adapter';
export { FIELDS as FUND_FIELDS, semanticKey } from './dictionary';
export type { EmployerAccount, FundAccount, FundLoan } from './records';
export { fundAdapterOptions, fundAdapterSettings } from './settings';
export { canonicalString, signParams } from './signature';
