import type { Population } from '@onething/legacy-kit';
import {
  confirmSale,
  HOUSE_TRANSFER_UPLOADS,
  houseTransferParties,
  houseTransferValues,
  SAMPLE_FILES,
  unitOfSeller,
  uploadMaterial,
} from '../../scripts/house-transfer-form';
import type { StackClient } from './support';

/** A filled one form ready to hand in, with the token of the applicant handing it in. */
export interface Prepared {
  readonly bundleCode: string;
  readonly token: string;
  readonly applicantIdNumber: string;
  readonly input: Record<string, unknown>;
}

interface FormField {
  key: string;
  type: string;
  required: boolean;
  min: number | null;
  max: number | null;
  options: { value: string }[] | null;
}
interface FormMaterial {
  id: string;
  required: boolean;
  submit: boolean;
}

const FORM = `query Form($code: ID!) { bundle(code: $code) { form {
  fields { key type required min max options { value } } materials { id required submit } } } }`;

/** A valid value of a field no department prefilled, by its type and rules. */
function valueFor(
  f: FormField,
  n: number,
  applicant: { idNumber: string; name: string },
  bundleCode: string,
): string {
  if (f.type === 'ID_NUMBER') return applicant.idNumber;
  if (f.key === 'applicant.name') return applicant.name;
  if (f.key.endsWith('legalRepName') || f.key.endsWith('ContactName') || f.key.endsWith('contactName'))
    return applicant.name;
  if (f.key === 'enterprise.name')
    return bundleCode === 'SOLE-TRADER' ? `湖州基准${n}号便民小店` : `湖州一件事基准${n}号科技有限公司`;
  if (f.options?.length) return f.options[0]!.value;
  switch (f.type) {
    case 'PHONE':
      return '13800138000';
    case 'MONEY':
      return '500000.00';
    case 'INTEGER':
      return String(Math.max(f.min ?? 1, Math.min(f.max ?? 10, 10)));
    case 'DECIMAL':
      return '88.50';
    case 'DATE':
      return new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    case 'BOOLEAN':
      return 'true';
    case 'BANK_ACCOUNT':
      return '6222020200112233445';
    default:
      return f.key.includes('Scope') ? '软件开发；信息技术咨询服务' : `基准测试填写内容${n}`;
  }
}

/** Companies fit for an enterprise bundle: active, a taxpayer in good standing with a fund employer account, no tax owed by it or its legal representative. */
function companies(population: Population) {
  const employers = new Set(population.employerAccounts.map((e) => e.uscc));
  const owing = new Set(population.taxpayers.filter((t) => t.arrearsFen > 0).map((t) => t.taxpayerId));
  const taxpayers = new Set(
    population.taxpayers.filter((t) => t.status === 'normal').map((t) => t.taxpayerId),
  );
  return population.enterprises.filter(
    (e) =>
      e.status === 'active' &&
      e.kind === 'company' &&
      employers.has(e.uscc) &&
      taxpayers.has(e.uscc) &&
      !owing.has(e.uscc) &&
      !owing.has(e.legalRepIdNumber),
  );
}

/** People without an enterprise: they start one. */
function founders(population: Population) {
  const reps = new Set(population.enterprises.map((e) => e.legalRepIdNumber));
  return population.persons.filter((p) => !reps.has(p.idNumber));
}

const pairsOf = new WeakMap<Population, ReturnType<typeof houseTransferParties>>();
const housePairs = (population: Population) => {
  const known = pairsOf.get(population);
  if (known) return known;
  const pairs = houseTransferParties(population);
  pairsOf.set(population, pairs);
  return pairs;
};

/**
 * The n-th application of a bundle as its applicant would fill it: consent to every department, the
 * hall's prefill, the rest of the fields filled validly, and every material to hand in uploaded. What
 * stack tests and benchmarks hand in for the bundles other than the house transfer's fixed form.
 */
export async function prepareApplication(
  s: StackClient,
  population: Population,
  bundleCode: string,
  n: number,
): Promise<Prepared> {
  let applicant: { idNumber: string; name: string };
  let enterprises: string[] = [];
  let values: { key: string; value: string }[] = [];
  if (bundleCode === 'HOUSE-TRANSFER') {
    const p = housePairs(population)(n);
    applicant = p.buyer;
    // The seller confirms the sale first (《不动产登记暂行条例》第十四条: both parties apply).
    const seller = await s.customToken({
      role: 'applicant',
      name: p.seller.name,
      id_number: p.seller.idNumber,
    });
    const confirmation = await confirmSale(
      s.gatewayUrl,
      seller,
      unitOfSeller(population, p.seller.idNumber),
      p.buyer.idNumber,
    );
    values = houseTransferValues(population, p.buyer.idNumber, p.seller.idNumber, {
      'seller.confirmation': confirmation,
    });
  } else if (bundleCode === 'COMPANY-CHANGE' || bundleCode === 'COMPANY-DEREGISTRATION') {
    const e = companies(population)[n + (bundleCode === 'COMPANY-DEREGISTRATION' ? 500 : 0)];
    if (!e) throw new Error(`no ${n}-th company to apply for`);
    applicant = population.persons.find((p) => p.idNumber === e.legalRepIdNumber)!;
    enterprises = [e.uscc];
  } else {
    applicant = founders(population)[n + (bundleCode === 'SOLE-TRADER' ? 1000 : 0)]!;
  }
  const token = await s.customToken({
    role: 'applicant',
    name: applicant.name,
    id_number: applicant.idNumber,
    enterprises,
  });
  const form = await s.gql<{ bundle: { form: { fields: FormField[]; materials: FormMaterial[] } } }>(
    FORM,
    { code: bundleCode },
    token,
  );
  const { fields, materials } = form.data!.bundle.form;
  let prefillId: string | undefined;
  if (values.length === 0) {
    const scopes = await s.gql<{ bundle: { consentScopes: { key: string }[] } }>(
      'query S($c: ID!) { bundle(code: $c) { consentScopes { key } } }',
      { c: bundleCode },
    );
    await s.gql(
      'mutation G($b: ID!, $s: [String!]!) { grantConsent(bundleCode: $b, scopes: $s) { id } }',
      { b: bundleCode, s: scopes.data!.bundle.consentScopes.map((c) => c.key) },
      token,
    );
    const prefill = await s.gql<{ prefillForm: { id: string; values: { key: string; value: string }[] } }>(
      'mutation P($b: ID!, $e: USCC) { prefillForm(bundleCode: $b, enterpriseUscc: $e) { id values { key value } } }',
      { b: bundleCode, e: enterprises[0] ?? null },
      token,
    );
    if (prefill.errors) throw new Error(`prefill of ${bundleCode}: ${JSON.stringify(prefill.errors)}`);
    prefillId = prefill.data!.prefillForm.id;
    const prefilled = new Map(prefill.data!.prefillForm.values.map((v) => [v.key, v.value]));
    values = fields
      .filter((f) => f.required || prefilled.has(f.key))
      .map((f) => ({ key: f.key, value: prefilled.get(f.key) ?? valueFor(f, n, applicant, bundleCode) }));
  }
  const handedIn = [];
  for (const m of materials.filter((x) => x.submit && x.required)) {
    const sample = HOUSE_TRANSFER_UPLOADS.find((u) => u.id === m.id);
    const uploadId = await uploadMaterial(
      s.gatewayUrl,
      token,
      sample?.file ?? SAMPLE_FILES.pdf,
      sample?.name ?? `${m.id}.pdf`,
    );
    handedIn.push({ id: m.id, uploadId });
  }
  return {
    bundleCode,
    token,
    applicantIdNumber: applicant.idNumber,
    input: {
      bundleCode,
      values,
      materials: handedIn,
      ...(prefillId ? { prefillId } : {}),
      ...(enterprises[0] ? { enterpriseUscc: enterprises[0] } : {}),
    },
  };
}

export const SUBMIT = `mutation Submit($i: ApplicationInput!) { submitApplication(input: $i) {
  application { id status } problems { field code message { en } } } }`;

/** Hands in a prepared application; answers its id, or throws every problem the hall named. */
export async function submitPrepared(s: StackClient, p: Prepared): Promise<string> {
  const r = await s.gql<{
    submitApplication: {
      application: { id: string } | null;
      problems: { field: string; code: string; message: { en: string } }[];
    };
  }>(SUBMIT, { i: p.input }, p.token);
  const answer = r.data?.submitApplication;
  if (r.errors || !answer?.application)
    throw new Error(
      `${p.bundleCode} was not accepted: ${JSON.stringify(r.errors ?? answer?.problems.map((x) => `${x.field} ${x.code}: ${x.message.en}`))}`,
    );
  return answer.application.id;
}
