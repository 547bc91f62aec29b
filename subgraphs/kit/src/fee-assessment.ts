import type { DepartmentAdapter, FeeAssessment, ItemSpec } from '@onething/adapter-core';
import type { Department } from '@onething/schema';
import type { Catalogue } from './catalogue';
import type { SubgraphContext } from './context';
import { subgraphError } from './errors';
import { fieldValues, type ValueProblem } from './field-values';

/** Items one assessment takes at most: a bundle's items of one department fit many times over. */
export const MAX_FEE_ITEMS = 20;

interface FeeAssessmentInput {
  itemCodes: string[];
  values: { key: string; value: string }[];
}

/** An assessment as the schema's `FeeAssessment` (money in fen, which the Money scalar writes as yuan). */
export function feeAssessmentShape(of: Department, a: FeeAssessment) {
  return {
    department: of.enumValue,
    lines: a.lines.map((l) => ({
      itemCode: l.itemCode,
      name: l.name,
      payee: l.payee,
      amount: l.amountFen,
      base: l.baseFen ?? null,
      rateBasisPoints: l.rateBasisPoints ?? null,
      quantity: l.quantity ?? null,
      unitAmount: l.unitFen ?? null,
      rule: l.rule,
    })),
    total: a.totalFen,
  };
}

/**
 * `<dept>FeeAssessment`: what the department charges for some of its items given the one form's values
 * so far. The items must be the department's; values of keys the items do not use are ignored (the one
 * form holds other departments' fields), the others are checked as a submission's, every problem at once.
 */
export function feeAssessmentOperation(of: Department, adapter: DepartmentAdapter, catalogue: Catalogue) {
  const invalid = (problems: ValueProblem[]) =>
    subgraphError(
      'INVALID_INPUT',
      of.key,
      `${problems.length} invalid value(s): ${problems.map((p) => p.message.en).join('; ')}`,
      { problems },
    );
  return {
    Query: {
      [`${of.fieldPrefix}FeeAssessment`]: async (
        _: unknown,
        { input }: { input: FeeAssessmentInput },
        ctx: SubgraphContext<unknown>,
      ) => {
        ctx.access.signedIn(`the ${of.key} fee assessment`);
        const problems: ValueProblem[] = [];
        const codes = [...new Set(input.itemCodes)];
        if (codes.length === 0 || codes.length > MAX_FEE_ITEMS)
          problems.push({
            path: 'input.itemCodes',
            rule: 'list.length',
            message: {
              zh: `应有1至${MAX_FEE_ITEMS}个事项`,
              en: `itemCodes: 1 to ${MAX_FEE_ITEMS} items`,
            },
          });
        const items: ItemSpec[] = [];
        const known = await catalogue.list();
        input.itemCodes.forEach((code, i) => {
          const item = known.find((k) => k.code === code);
          if (item) items.push(item);
          else
            problems.push({
              path: `input.itemCodes[${i}]`,
              rule: 'item.unknown',
              message: {
                zh: `${of.name.zh}没有事项 ${code}`,
                en: `no item ${code} at ${of.key}; known: ${known.map((k) => k.code).join(', ')}`,
              },
            });
        });
        const fields = new Map(items.flatMap((i) => i.fields).map((f) => [f.key, f]));
        const checked = fieldValues(
          { code: codes.join('+'), fields: [...fields.values()] },
          input.values,
          'input.values',
        );
        problems.push(...checked.problems.filter((p) => p.rule !== 'field.unknown'));
        if (problems.length > 0) throw invalid(problems);
        return feeAssessmentShape(of, await adapter.assessFees({ itemCodes: codes, values: checked.values }));
      },
    },
  };
}
