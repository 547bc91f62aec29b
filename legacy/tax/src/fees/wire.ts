import type { TaxFeeLine } from './assessment';

/** A line of `POST /api/v1/fee-assessments` on the wire. */
export interface WireFeeLine {
  readonly item_code: string;
  /** `deed_tax` 契税, `none` for an item that charges nothing. */
  readonly fee_code: TaxFeeLine['feeCode'];
  readonly fee_name_zh: string;
  readonly fee_name_en: string;
  readonly payee_zh: string;
  readonly payee_en: string;
  /** The amount the rate applies to (计税依据), fen; null for a line without a rate. */
  readonly base_fen: number | null;
  /** Per mille: 15 is 1.5 %; null for a line without a rate. */
  readonly rate_permille: number | null;
  readonly amount_fen: number;
  readonly rule_zh: string;
  readonly rule_en: string;
  readonly rule_citation: string;
}

/** A line in the wire's terms. */
export function feeLineToWire(l: TaxFeeLine): WireFeeLine {
  return {
    item_code: l.itemCode,
    fee_code: l.feeCode,
    fee_name_zh: l.name.zh,
    fee_name_en: l.name.en,
    payee_zh: l.payee.zh,
    payee_en: l.payee.en,
    base_fen: l.baseFen ?? null,
    rate_permille: l.rateBp === undefined ? null : l.rateBp / 10,
    amount_fen: l.amountFen,
    rule_zh: l.rule.zh,
    rule_en: l.rule.en,
    rule_citation: l.rule.citation,
  };
}
