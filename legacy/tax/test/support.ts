import { type Person, type Population, type Property, StandInAdmin } from '@onething/legacy-kit';
import { createLogger } from '@onething/runtime';
import { usccCheckCharacter } from '@onething/schema';
import { createTaxStandIn } from '../src/server';

export const KEY = 'tax-test-key-1';

/** The tax stand-in on port 0 with a small population, and helpers to speak its protocol. */
export async function startTax() {
  const s = createTaxStandIn(
    {
      host: '127.0.0.1',
      port: 0,
      adminPort: 0,
      seed: 20261122,
      persons: 2000,
      clockSpeed: 0,
      apiKeys: new Map([
        [KEY, 'hall'],
        ['other-caller-key', 'other'],
      ]),
    },
    createLogger('legacy-tax-test', 'silent'),
  );
  await s.listen();
  const admin = new StandInAdmin(s.adminUrl);
  /** One request; the answer's HTTP status and parsed envelope. */
  const api = async (
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; headers?: Record<string, string>; key?: string | null } = {},
  ) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key !== null) headers['x-api-key'] = options.key ?? KEY;
    const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${s.url}/api/v1${path}`, { method, headers, body: payload ?? null });
    // biome-ignore lint/suspicious/noExplicitAny: tests read envelopes of every shape
    const body = (await res.json()) as { code: string; msg: string; data: any };
    return { status: res.status, ...body };
  };
  return { s, admin, api, population: s.ctx.population };
}

let seq = 0;
/** A request id no other request of this process used. */
export const rid = (label = 'req') => `${label}-${process.pid}-${Date.now()}-${++seq}`;

/** A valid USCC the seeded population does not hold, as market regulation would just have issued. */
export function freshUscc(n: number): string {
  const first17 = `91330502MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

/** Persons with no tax owed, and those with some. */
export function personsByArrears(pop: Population) {
  const taxpayer = new Map(pop.taxpayers.map((t) => [t.taxpayerId, t]));
  const clear = pop.persons.filter((p) => taxpayer.get(p.idNumber)?.arrearsFen === 0);
  const owing = pop.persons.filter((p) => (taxpayer.get(p.idNumber)?.arrearsFen ?? 0) > 0);
  return { clear, owing };
}

/** A deed tax declaration of `buyer` buying `property`, at the price of its last transfer unless told. */
export function deedTaxBody(
  buyer: Person,
  property: Property,
  form: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    item_code: 'TAX-DEED-TAX',
    applicant_id_number: buyer.idNumber,
    applicant_name: buyer.name,
    form: {
      applicant_phone: '13800138000',
      seller_id_number: property.ownerIdNumbers[0],
      property_unit_code: property.unitCode,
      property_address: property.address,
      property_area: property.areaM2,
      property_use: property.use,
      transaction_price: property.lastPriceFen,
      transaction_contract_number: 'HT-2026-000123',
      transaction_contract_date: '2026-06-01',
      buyer_is_first_home: 'Y',
      buyer_marital_status: 'married',
      ...form,
    },
    materials: [
      { material_id: 'id-card', file_ref: 'files/id-card.pdf' },
      { material_id: 'sale-contract', file_ref: 'files/contract.pdf' },
    ],
  };
}

/** Tax matters of a new taxpayer (新办纳税人) for `uscc`. */
export function newTaxpayerBody(applicant: Person, uscc: string, form: Record<string, unknown> = {}) {
  return {
    item_code: 'TAX-NEW-TAXPAYER',
    applicant_id_number: applicant.idNumber,
    applicant_name: applicant.name,
    form: {
      applicant_phone: '13900139000',
      enterprise_uscc: uscc,
      enterprise_name: '湖州青禾云帆科技有限公司',
      enterprise_legal_rep_id_number: applicant.idNumber,
      enterprise_legal_rep_name: applicant.name,
      enterprise_address: '浙江省湖州市吴兴区人民路1号',
      tax_taxpayer_type: 'small-scale',
      tax_accounting_standard: 'small-enterprise',
      tax_financial_contact_name: '李会计',
      tax_financial_contact_phone: '13700137000',
      ...form,
    },
    materials: [{ material_id: 'id-card', file_ref: 'files/id.pdf' }],
  };
}

/** An enterprise item (invoice, clearance, information update) for the enterprise `uscc`. */
export function enterpriseBody(
  itemCode: string,
  applicant: Person,
  uscc: string,
  name: string,
  form: Record<string, unknown>,
  materials: string[] = ['id-card'],
) {
  return {
    item_code: itemCode,
    applicant_id_number: applicant.idNumber,
    applicant_name: applicant.name,
    form: { applicant_phone: '13900139000', enterprise_uscc: uscc, enterprise_name: name, ...form },
    materials: materials.map((m) => ({ material_id: m, file_ref: `files/${m}.pdf` })),
  };
}
