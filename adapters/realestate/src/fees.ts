import type { FeeAssessment, FeeLine } from '@onething/adapter-core';
import { z } from 'zod';
import { bilingual, count, list, nonEmpty, yuan } from './records';

const fee = z
  .object({
    ItemCode: nonEmpty,
    FeeCode: z.enum(['REGISTRATION', 'CERTIFICATE', 'NONE']),
    Name: bilingual,
    Payee: bilingual,
    Quantity: count,
    UnitYuan: yuan,
    AmountYuan: yuan,
    Rule: z
      .object({ Zh: nonEmpty, En: nonEmpty, Citation: nonEmpty })
      .strict()
      .transform((r) => ({ zh: r.Zh, en: r.En, citation: r.Citation })),
  })
  .strict()
  .refine((f) => f.AmountYuan === f.Quantity * f.UnitYuan, {
    message: 'AmountYuan is not Quantity × UnitYuan',
  });

/** `<bdc:AssessFeesResponse>`: at least one fee, and the total their sum (yuan → fen, exact). */
export const assessFeesAnswer = z
  .object({ Fee: list(fee).pipe(z.array(z.any()).min(1)), TotalYuan: yuan })
  .strict()
  .refine(
    (a) => a.TotalYuan === a.Fee.reduce((s: number, f: { AmountYuan: number }) => s + f.AmountYuan, 0),
    {
      message: 'TotalYuan is not the sum of the fees',
    },
  )
  .transform(
    (a): FeeAssessment => ({
      department: 'realestate',
      lines: (a.Fee as z.output<typeof fee>[]).map(
        (f): FeeLine => ({
          itemCode: f.ItemCode,
          name: f.Name,
          payee: f.Payee,
          amountFen: f.AmountYuan,
          quantity: f.Quantity,
          unitFen: f.UnitYuan,
          rule: f.Rule,
        }),
      ),
      totalFen: a.TotalYuan,
    }),
  );
