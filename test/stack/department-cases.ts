import { DEPARTMENT } from '@onething/schema';
import type { Department, TestStack } from './support';

/**
 * A case at each department, as the hall would send it for an applicant: one item per department, its
 * fields taken from a filled form. What tests of the departments' case operations (who may submit, read
 * and correct) send straight to the departments' subgraphs.
 */

/**
 * The item of each department tried, the semantic keys of its fields and the ids of the materials it
 * requires (every one).
 */
export const CASE_ITEMS: Readonly<
  Record<
    Department,
    { readonly itemCode: string; readonly keys: readonly string[]; readonly materials: readonly string[] }
  >
> = {
  tax: {
    itemCode: 'TAX-DEED-TAX',
    keys: [
      'applicant.idNumber',
      'applicant.name',
      'applicant.phone',
      'seller.idNumber',
      'property.unitCode',
      'property.address',
      'property.area',
      'property.use',
      'transaction.price',
      'transaction.contractNumber',
      'transaction.contractDate',
      'buyer.isFirstHome',
      'buyer.maritalStatus',
    ],
    materials: ['id-card', 'sale-contract', 'property-certificate'],
  },
  fund: {
    itemCode: 'FUND-PURCHASE-WITHDRAWAL',
    keys: [
      'applicant.idNumber',
      'applicant.name',
      'applicant.phone',
      'fund.personalAccount',
      'fund.withdrawalAmount',
      'fund.receivingBankAccount',
      'property.unitCode',
      'transaction.price',
      'transaction.contractNumber',
    ],
    materials: ['id-card', 'sale-contract', 'bank-card'],
  },
  realestate: {
    itemCode: 'RE-TRANSFER',
    keys: [
      'applicant.idNumber',
      'applicant.name',
      'applicant.phone',
      'seller.idNumber',
      'seller.name',
      'seller.confirmation',
      'property.unitCode',
      'property.certificateNumber',
      'property.address',
      'property.area',
      'transaction.price',
      'transaction.contractNumber',
      'buyer.maritalStatus',
    ],
    materials: ['id-card', 'property-certificate', 'sale-contract', 'deed-tax-receipt'],
  },
  market: {
    itemCode: 'MKT-ESTABLISH-INDIVIDUAL',
    keys: [
      'applicant.idNumber',
      'applicant.name',
      'applicant.phone',
      'enterprise.name',
      'enterprise.registeredCapital',
      'enterprise.address',
      'enterprise.businessScope',
      'enterprise.employeeCount',
    ],
    materials: ['id-card', 'premises-proof'],
  },
};

/** What a sole trader's registration says beyond the house transfer's form. */
const SOLE_TRADER: Readonly<Record<string, string>> = {
  'enterprise.name': '湖州一件事便民小店',
  'enterprise.registeredCapital': '50000.00',
  'enterprise.address': '浙江省湖州市吴兴区人民路1号',
  'enterprise.businessScope': '日用百货零售',
  'enterprise.employeeCount': '2',
};

/**
 * The case input of a department's item for an applicant, its fields from a filled form (a house
 * transfer's; a sole trader's registration where the form has none), every material it requires handed
 * in as `reference`.
 */
export function caseInput(
  department: Department,
  applicant: { readonly idNumber: string; readonly name: string },
  form: readonly { key: string; value: string }[],
  idempotencyKey: string,
  reference = 'document:TEST-0001',
) {
  const values = new Map([...Object.entries(SOLE_TRADER), ...form.map((v) => [v.key, v.value] as const)]);
  values.set('applicant.idNumber', applicant.idNumber);
  values.set('applicant.name', applicant.name);
  const { itemCode, keys, materials } = CASE_ITEMS[department];
  return {
    itemCode,
    idempotencyKey,
    applicantIdNumber: applicant.idNumber,
    applicantName: applicant.name,
    fields: keys.map((key) => ({ key, value: values.get(key) ?? '' })),
    materials: materials.map((id) => ({ id, reference })),
  };
}

/** The department's operations by name: `submitTaxCase`, `correctTaxCase`, `taxCase`, `taxCaseByKey`. */
export function caseOperations(department: Department) {
  const { typePrefix: Type, fieldPrefix: field } = DEPARTMENT[department];
  return {
    submit: `submit${Type}Case`,
    correct: `correct${Type}Case`,
    read: `${field}Case`,
    byKey: `${field}CaseByKey`,
    submitQuery: `mutation S($i: CaseInput!) { submit${Type}Case(input: $i) { caseNumber status } }`,
    correctQuery: `mutation C($n: ID!, $k: String!, $f: [FieldValueInput!]!) { correct${Type}Case(caseNumber: $n, idempotencyKey: $k, fields: $f) { caseNumber status } }`,
    readQuery: `query R($n: ID!) { ${field}Case(caseNumber: $n) { caseNumber status } }`,
    byKeyQuery: `query K($c: ID!, $k: String!) { ${field}CaseByKey(itemCode: $c, idempotencyKey: $k) { caseNumber status } }`,
  };
}

/** The headers of the hall acting for an applicant, beside its service token. */
export const actingFor = (idNumber: string, enterprises: readonly string[] = []): Record<string, string> => ({
  'x-onething-acting-for': idNumber,
  'x-onething-acting-for-enterprises': enterprises.join(','),
});

/** How many cases a department's stand-in holds (every case it ever accepted, on its admin port). */
export const casesAt = async (s: TestStack, department: Department): Promise<number> =>
  (await s.admin(department).cases()).length;
