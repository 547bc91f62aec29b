import { readFileSync } from 'node:fs';
import { type FreeOfCharge, freeOfChargeSchema } from '@onething/adapter-core';

/**
 * Market regulation charges nothing for its registrations: the rule that says so is data
 * (`data/fees.json`), read and checked when the adapter is loaded.
 */
export const MARKET_FEES: FreeOfCharge = freeOfChargeSchema.parse(
  JSON.parse(readFileSync(new URL('../data/fees.json', import.meta.url), 'utf8')),
);
