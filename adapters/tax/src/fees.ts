import type { FeeAssessment, FeeLine } from '@onething/adapter-core';
import { z } from 'zod';

const line = z.object({
  item_code: z.string().min(1),
  fee_code: z.string().min(1),
  fee_name_zh: z.string().min(1),
  fee_name_en: z.string().min(1),
  payee_zh: z.string().min(1),
  payee_en: z.string().min(1),
  base_fen: z.number().int().nonnegative().nullable(),
  rate_permille: z.number().nonnegative().nullable(),
  amount_fen: z.number().int().nonnegative(),
  rule_zh: z.string().min(1),
  rule_en: z.string().min(1),
  rule_citation: z.string().min(1),
});

/** `data` of `POST /api/v1/fee-assessments`: every line integer fen, the total their sum. */
export const feeAssessmentData = z
  .object({ lines: z.array(line).min(1), total_fen: z.number().int().nonnegative() })
  .refine((d) => d.total_fen === d.lines.reduce((s, l) => s + l.amount_fen, 0), {
    message: 'total_fen is not the sum of the lines',
  });

/** The tax system's assessment in domain terms (per mille → basis points). */
export function feeAssessment(d: z.infer<typeof feeAssessmentData>): FeeAssessment {
  const lines = d.lines.map(
    (l): FeeLine => ({
      itemCode: l.item_code,
      name: { zh: l.fee_name_zh, en: l.fee_name_en },
      payee: { zh: l.payee_zh, en: l.payee_en },
      amountFen: l.amount_fen,
      ...(l.base_fen === null ? {} : { baseFen: l.base_fen }),
      ...(l.rate_permille === null ? {} : { rateBasisPoints: Math.round(l.rate_permille * 10) }),
      rule: { zh: l.rule_zh, en: l.rule_en, citation: l.rule_citation },
    }),
  );
  return { department: 'tax', lines, totalFen: d.total_fen };
}
