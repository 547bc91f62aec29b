import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A payee (收款单位): where a sub-order's money goes, and whether it is a tax or a non-tax fee. */
export const payeeSchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/),
    name: z.string().min(1),
    account: z.string().regex(/^\d{10,32}$/),
    kind: z.enum(['tax', 'non-tax']),
    department: z.string().min(1),
  })
  .strict();

export type Payee = z.infer<typeof payeeSchema>;

/** The payees the platform collects for, from `data/payees.json`. */
export function loadPayees(
  file = new URL('../data/payees.json', import.meta.url),
): ReadonlyMap<string, Payee> {
  const parsed = z
    .object({ $comment: z.string().optional(), payees: z.array(payeeSchema).min(1) })
    .parse(JSON.parse(readFileSync(file, 'utf8')));
  return new Map(parsed.payees.map((p) => [p.code, p]));
}
