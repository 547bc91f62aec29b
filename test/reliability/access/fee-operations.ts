import { DEPARTMENT, DEPARTMENT_KEYS } from '@onething/schema/departments';
import { population } from '../../stack/house-transfer';
import type { Department } from '../../stack/support';
import { PERSONAS } from './fixture';
import { judgeAnswer, type Operation } from './operation';

const home = population.properties.find((p) => p.use === 'residential')!;

/** One item of each department and the values its assessment needs (a home's, for the tax and the registry). */
const ASKED: Record<Department, { itemCodes: string[]; values: { key: string; value: string }[] }> = {
  tax: {
    itemCodes: ['TAX-DEED-TAX'],
    values: [
      { key: 'transaction.price', value: '1500000.00' },
      { key: 'property.area', value: home.areaM2.toFixed(2) },
      { key: 'property.use', value: 'residential' },
      { key: 'buyer.isFirstHome', value: 'true' },
    ],
  },
  realestate: { itemCodes: ['RE-TRANSFER'], values: [{ key: 'property.unitCode', value: home.unitCode }] },
  market: { itemCodes: ['MKT-ESTABLISH'], values: [] },
  fund: { itemCodes: ['FUND-PURCHASE-WITHDRAWAL'], values: [] },
};

/**
 * A department's fee assessment: a read of no one's personal data, for every signed-in persona (the one
 * form shows the fees before submission, the window shows them to a walk-in); never for an anonymous
 * caller, since each costs the department's system a call.
 */
function feeRead(d: Department): Operation {
  const field = `${DEPARTMENT[d].fieldPrefix}FeeAssessment`;
  return {
    key: `fees.${d}`,
    label: `assess ${DEPARTMENT[d].title} fees (${field})`,
    allowed: PERSONAS.filter((p) => p !== 'anonymous'),
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          `query Fees($i: FeeAssessmentInput!) { ${field}(input: $i) { total lines { amount } } }`,
          { i: ASKED[d] },
          f.tokens[as],
          f.headers[as],
        ),
        [field],
      ),
  };
}

export const FEE_READS: readonly Operation[] = DEPARTMENT_KEYS.map(feeRead);
