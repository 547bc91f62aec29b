/**
 * Fees (收费) in the domain: what a department charges for items of an application, assessed by the
 * department's own system from the values typed so far. A read: nothing is submitted, nothing is kept.
 */

import { z } from 'zod';
import type { Bilingual, FieldValues } from './domain';

/** The rule that produced a fee line: what it says, in both languages, and where the law says it. */
export interface FeeRule {
  readonly zh: string;
  readonly en: string;
  /** The instrument and its article, e.g. `财政部 税务总局 住房城乡建设部公告2024年第16号 第一条第（一）项`. */
  readonly citation: string;
}

/** One amount an applicant pays for one item, with the rule that produced it. */
export interface FeeLine {
  readonly itemCode: string;
  /** What is charged, e.g. 契税 deed tax, 不动产登记费 registration fee, 证书工本费 certificate fee. */
  readonly name: Bilingual;
  /** Who is paid: the department's account (国库 for a tax, the registry's fee account for its fee). */
  readonly payee: Bilingual;
  /** Exact, in fen; 0 when the item charges the applicant nothing. */
  readonly amountFen: number;
  /** For a charge at a rate: the amount it applies to (计税依据), in fen. */
  readonly baseFen?: number;
  /** For a charge at a rate: the rate in basis points (100 = 1 %). */
  readonly rateBasisPoints?: number;
  /** For a charge by count: how many (cases, certificates) and what one costs, in fen. */
  readonly quantity?: number;
  readonly unitFen?: number;
  readonly rule: FeeRule;
}

/** A department's assessment of what it charges for the items asked about. */
export interface FeeAssessment {
  readonly department: string;
  /** At least one line per item asked about (a free item has a line of 0 saying why). */
  readonly lines: readonly FeeLine[];
  /** The sum of the lines, in fen. */
  readonly totalFen: number;
}

/** What is asked: the department's items of an application, and the values typed so far. */
export interface FeeRequest {
  readonly itemCodes: readonly string[];
  readonly values: FieldValues;
}

/** The sum of fee lines, in fen (exact: integers). */
export function totalOf(lines: readonly FeeLine[]): number {
  return lines.reduce((sum, l) => sum + l.amountFen, 0);
}

const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

/** A department's statement that its items charge nothing, and the rule that says so: kept as data. */
export const freeOfChargeSchema = z
  .object({
    department: z.string().min(1),
    payee: bilingual,
    name: bilingual,
    rule: z.object({ zh: z.string().min(1), en: z.string().min(1), citation: z.string().min(1) }).strict(),
  })
  .strict();

/** A department's statement that its items charge nothing (see {@link freeOfChargeSchema}). */
export type FreeOfCharge = z.infer<typeof freeOfChargeSchema>;

/**
 * The assessment of a department that charges nothing for any of its items, by the rule its data cites:
 * one line of 0 per item asked about, and no call to its system (there is nothing to compute).
 */
export function freeOfChargeAssessment(statement: FreeOfCharge, request: FeeRequest): FeeAssessment {
  const lines = [...new Set(request.itemCodes)].map(
    (itemCode): FeeLine => ({
      itemCode,
      name: statement.name,
      payee: statement.payee,
      amountFen: 0,
      rule: statement.rule,
    }),
  );
  return { department: statement.department, lines, totalFen: 0 };
}
