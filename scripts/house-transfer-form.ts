import type { Population } from '@onething/legacy-kit';

/**
 * The second-hand house transfer's one form filled in from what the departments hold: what `npm start`
 * offers the demo buyer in GraphiQL, and what stack tests and benchmarks submit.
 */

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Real file headers with some bytes after them: what a scanner or a phone camera would send. */
export const SAMPLE_FILES = {
  pdf: Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(2048, 7)]),
  jpeg: Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]),
    Buffer.alloc(2048, 9),
  ]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 3)]),
};

/** The materials the house transfer asks of the applicant, with a sample file and name for each. */
export const HOUSE_TRANSFER_UPLOADS = [
  { id: 'id-card', file: SAMPLE_FILES.jpeg, name: '身份证.jpg' },
  { id: 'sale-contract', file: SAMPLE_FILES.pdf, name: '买卖合同.pdf' },
  { id: 'bank-card', file: SAMPLE_FILES.png, name: '银行卡.png' },
] as const;

/**
 * The form as the buyer fills it: the seller's home and certificate, a price above the last one (no
 * deed-tax query), a withdrawal within the buyer's fund balance, a contract signed a week ago.
 */
export function houseTransferValues(
  population: Population,
  buyerId: string,
  sellerId: string,
  overrides: Record<string, string> = {},
): { key: string; value: string }[] {
  const buyer = population.persons.find((p) => p.idNumber === buyerId);
  const seller = population.persons.find((p) => p.idNumber === sellerId);
  const unit = population.properties.find((p) => p.ownerIdNumbers.includes(sellerId));
  const fund = population.fundAccounts.find((a) => a.idNumber === buyerId);
  if (!buyer || !seller || !unit || !fund)
    throw new Error(`${buyerId} cannot buy ${sellerId}'s home in this population`);
  const contractDate = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const values: Record<string, string> = {
    'applicant.idNumber': buyer.idNumber,
    'applicant.name': buyer.name,
    'applicant.phone': '13800138000',
    'seller.idNumber': seller.idNumber,
    'seller.name': seller.name,
    'buyer.isFirstHome': 'true',
    'buyer.maritalStatus': 'single',
    'property.unitCode': unit.unitCode,
    'property.address': unit.address,
    'property.area': unit.areaM2.toFixed(2),
    'property.use': unit.use,
    'property.certificateNumber': unit.certificateNumber,
    'transaction.price': yuan(Math.round(unit.lastPriceFen * 1.2)),
    'transaction.contractNumber': 'HT-2026-000123',
    'transaction.contractDate': contractDate,
    'fund.personalAccount': fund.personalAccount,
    'fund.withdrawalAmount': yuan(Math.min(fund.balanceFen, 3_000_000)),
    'fund.receivingBankAccount': '6222020200112233445',
    ...overrides,
  };
  return Object.entries(values).map(([key, value]) => ({ key, value }));
}

/** The seller's one home in a population: the unit they sell. */
export function unitOfSeller(population: Population, sellerId: string): string {
  const unit = population.properties.find((p) => p.ownerIdNumbers.includes(sellerId));
  if (!unit) throw new Error(`${sellerId} owns no unit in this population`);
  return unit.unitCode;
}

/** The mutation by which an owner confirms selling a unit to a buyer (出卖人确认). */
export const CONFIRM_SALE = `mutation ConfirmSale($unit: UnitCode!, $buyer: IdNumber!, $price: Money) {
  confirmSale(unitCode: $unit, buyerIdNumber: $buyer, price: $price) { id unitCode address expiresAt live }
}`;

/**
 * The seller, signed in, confirms selling their home to the buyer (《不动产登记暂行条例》第十四条: both
 * parties apply); answers the confirmation id the buyer's form carries as `seller.confirmation`.
 */
export async function confirmSale(
  gatewayUrl: string,
  sellerToken: string,
  unitCode: string,
  buyerIdNumber: string,
): Promise<string> {
  const res = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sellerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: CONFIRM_SALE, variables: { unit: unitCode, buyer: buyerIdNumber } }),
  });
  const json = (await res.json()) as {
    data?: { confirmSale?: { id: string } };
    errors?: { message: string; extensions?: { code?: string; retryable?: boolean } }[];
  };
  const id = json.data?.confirmSale?.id;
  if (!id)
    throw new SaleNotConfirmed(
      `the seller could not confirm the sale of ${unitCode}: ${json.errors?.[0]?.message}`,
      json.errors?.[0]?.extensions?.retryable === true,
    );
  return id;
}

/** A confirmation refused; `retryable` when the registry could not be asked and the seller may try again. */
export class SaleNotConfirmed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** A buyer and a seller for one house transfer: a completed transfer changes the registry's owner. */
export interface Parties {
  readonly buyer: { readonly idNumber: string; readonly name: string };
  readonly seller: { readonly idNumber: string; readonly name: string };
}

/**
 * The pairs of a population fit for a house transfer: a sole owner of one unmortgaged home without tax
 * owed, and a person without a home whose fund account can pay a withdrawal. `parties(n, exclude)` is the
 * n-th pair of persons not in `exclude`.
 */
export function houseTransferParties(population: Population) {
  const owned = new Map<string, number>();
  for (const p of population.properties)
    for (const o of p.ownerIdNumbers) owned.set(o, (owned.get(o) ?? 0) + 1);
  const owing = new Set(population.taxpayers.filter((t) => t.arrearsFen > 0).map((t) => t.taxpayerId));
  const loanUnits = new Set(population.fundLoans.map((l) => l.unitCode));
  const sellersAll = population.properties
    .filter(
      (p) =>
        p.ownerIdNumbers.length === 1 &&
        p.use === 'residential' &&
        !p.mortgage &&
        !loanUnits.has(p.unitCode) &&
        owned.get(p.ownerIdNumbers[0]!) === 1 &&
        !owing.has(p.ownerIdNumbers[0]!),
    )
    .map((p) => p.ownerIdNumbers[0]!);
  const buyersAll = population.fundAccounts
    .filter(
      (a) =>
        a.status === 'normal' &&
        a.balanceFen >= 5_000_000 &&
        !owned.has(a.idNumber) &&
        !owing.has(a.idNumber),
    )
    .map((a) => a.idNumber);

  const byId = new Map(population.persons.map((p) => [p.idNumber, p]));
  return function parties(n: number, exclude: readonly string[] = []): Parties {
    const taken = new Set(exclude);
    const sellers = sellersAll.filter((id) => !taken.has(id));
    const selling = new Set(sellers);
    const buyers = buyersAll.filter((id) => !taken.has(id) && !selling.has(id));
    const person = (id: string | undefined) => {
      const p = id === undefined ? undefined : byId.get(id);
      if (!p) throw new Error(`the seeded population has fewer than ${n + 1} house transfers to test with`);
      return { idNumber: p.idNumber, name: p.name };
    };
    return { buyer: person(buyers[n]), seller: person(sellers[n]) };
  };
}

/** Uploads a file through the gateway (`POST /materials`); answers the upload id or throws why not. */
export async function uploadMaterial(
  gatewayUrl: string,
  token: string,
  body: Buffer,
  name: string,
): Promise<string> {
  const res = await fetch(`${gatewayUrl}/materials`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      'x-material-name': encodeURIComponent(name),
    },
    // A plain Uint8Array: a body both Node's and the DOM's fetch types accept (the browser tests use both).
    body: new Uint8Array(body),
  });
  const json = (await res.json()) as { id?: string; errors?: { message: string }[] };
  if (res.status !== 201 || !json.id)
    throw new Error(`upload of ${name} answered ${res.status}: ${json.errors?.[0]?.message ?? ''}`);
  return json.id;
}

/** The mutation that hands in a filled one form. */
export const SUBMIT_APPLICATION = `# Hands in the house transfer filled with your data (the materials were uploaded for you).
mutation Submit($input: ApplicationInput!) {
  submitApplication(input: $input) {
    problems { field code message { zh en } }
    application { id status parts { itemCode department status } }
  }
}

# Then watch it complete on the departments' clocks: run this again and again. Once the deed tax is
# assessed it waits for the fees (PAYMENT_DUE): open payment.order.checkoutUrl and pay there (online
# banking's page for the code), then Watch again.
query Watch {
  myApplications(limit: 1) {
    id status submittedAt completedAt
    payment { status total order { paymentCode checkoutUrl } }
    parts { itemCode name { zh } department status caseNumber acceptedAt deadline result { key value } }
  }
}
`;
