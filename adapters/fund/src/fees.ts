import { readFileSync } from 'node:fs';
import { type FreeOfCharge, freeOfChargeSchema } from '@onething/adapter-core';

/**
 * The housing provident fund charges nothing for its services: the rule that says so is data
 * (`data/fees.json`), read and checked when the adapter is loaded.
 */
export const FUND_FEES: FreeOfCharge = freeOfChargeSchema.parse(
  JSON.parse(readFileSync(new URL('../data/fees.json', import.meta.url), 'utf8')),
);
