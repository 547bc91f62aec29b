import { generatePopulation, type Population } from '@onething/legacy-kit';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { expect } from 'vitest';
import {
  confirmSale,
  houseTransferValues as formValues,
  HOUSE_TRANSFER_UPLOADS,
  houseTransferParties,
  type Parties,
  SAMPLE_FILES,
  unitOfSeller,
  uploadMaterial,
} from '../../scripts/house-transfer-form';
import type { TestStack } from './support';

/**
 * What stack tests of applications share: the second-hand house transfer filled in as the demo buyer
 * would (from the seeded data the departments hold), materials uploaded through the gateway, and waiting
 * for what the dispatcher does on the stand-ins' clocks.
 */

/** The seeded data behind a test stack of 2000 persons (the stand-ins' default seed). */
export const population: Population = generatePopulation({ seed: 20261122, persons: 2000 });

/** The id number in a token of the development IdP. */
export const idNumberOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).id_number as string;

/** Real file headers with some bytes after them. */
export const FILES = SAMPLE_FILES;

/** Uploads a file through the gateway (`POST /materials`) and answers its upload id. */
export const upload = (s: TestStack, token: string, body: Buffer, name = 'scan.pdf'): Promise<string> =>
  uploadMaterial(s.gatewayUrl, token, body, name);

export type { Parties };

/**
 * The n-th buyer and seller fit for a house transfer, other than the demo personas (whose transfer the
 * demo keeps for itself); tests take a fresh pair per application (see scripts/house-transfer-form.ts).
 */
export const parties: (n: number, exclude?: readonly string[]) => Parties = houseTransferParties(population);

/**
 * Sellers' confirmations given in this test file, by `buyer|seller`: the last stack's (a test file that
 * starts a second stack has the seller confirm again there).
 */
let confirmations = new Map<string, string>();
let confirmedOn: TestStack | undefined;

/** A token of the development IdP for the seller of a pair. */
export const sellerToken = (s: TestStack, p: Parties) =>
  s.customToken({ role: 'applicant', id_number: p.seller.idNumber, name: p.seller.name });

/**
 * The seller of a pair confirms selling their home to the buyer, as every house transfer starts
 * (《不动产登记暂行条例》第十四条); houseTransferValues then carries the confirmation.
 */
export async function saleConfirmed(s: TestStack, p: Parties): Promise<string> {
  if (confirmedOn !== s) {
    confirmations = new Map();
    confirmedOn = s;
  }
  const key = `${p.buyer.idNumber}|${p.seller.idNumber}`;
  const known = confirmations.get(key);
  if (known) return known;
  const id = await confirmSale(
    s.gatewayUrl,
    await sellerToken(s, p),
    unitOfSeller(population, p.seller.idNumber),
    p.buyer.idNumber,
  );
  confirmations.set(key, id);
  return id;
}

/** A token of the development IdP for the buyer of a pair, once the seller has confirmed the sale to them. */
export async function buyerToken(s: TestStack, p: Parties): Promise<string> {
  await saleConfirmed(s, p);
  return s.customToken({ role: 'applicant', id_number: p.buyer.idNumber, name: p.buyer.name });
}

export interface HouseTransferOptions {
  /** Overrides of form values (a low price, a wrong certificate number…). */
  readonly values?: Record<string, string>;
}

/** The house transfer's one form as a buyer fills it (see scripts/house-transfer-form.ts). */
export const houseTransferValues = (
  buyerId: string,
  sellerId: string,
  options: HouseTransferOptions = {},
) => {
  const confirmation = confirmations.get(`${buyerId}|${sellerId}`);
  return formValues(population, buyerId, sellerId, {
    ...(confirmation ? { 'seller.confirmation': confirmation } : {}),
    ...options.values,
  });
};

/** Uploads the materials the house transfer asks the applicant for, and answers them for the input. */
export async function houseTransferMaterials(s: TestStack, token: string) {
  const out: { id: string; uploadId: string }[] = [];
  for (const m of HOUSE_TRANSFER_UPLOADS)
    out.push({ id: m.id, uploadId: await upload(s, token, m.file, m.name) });
  return out;
}

export const PART_FIELDS =
  'id itemCode department status caseNumber deadline reason correctionFields attempts lastError { code message { zh en } detail } result { key value }';
export const APPLICATION_FIELDS = `id status bundleCode submittedAt completedAt parts { ${PART_FIELDS} }`;

export interface PartView {
  id: string;
  itemCode: string;
  department: string;
  status: string;
  caseNumber: string | null;
  deadline: string | null;
  reason: string | null;
  correctionFields: string[];
  attempts: number;
  lastError: { code: string; message: { zh: string; en: string }; detail: string | null } | null;
  result: { key: string; value: string }[];
}
export interface ApplicationView {
  id: string;
  status: string;
  bundleCode: string;
  submittedAt: string;
  completedAt: string | null;
  parts: PartView[];
}

/** Submits an application and expects it stored. */
export async function submit(
  s: TestStack,
  token: string,
  input: Record<string, unknown>,
): Promise<ApplicationView> {
  const r = await s.gql<{
    submitApplication: { application: ApplicationView | null; problems: { field: string; code: string }[] };
  }>(
    `mutation S($i: ApplicationInput!) { submitApplication(input: $i) { application { ${APPLICATION_FIELDS} } problems { field code } } }`,
    { i: input },
    token,
  );
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  expect(r.data!.submitApplication.problems).toEqual([]);
  return r.data!.submitApplication.application!;
}

/**
 * The n-th buyer of {@link parties} hands in a house transfer of their own (the seller's confirmation
 * given first), with `values` over the form's; answers the buyer, their token and the application.
 */
export async function handInHouseTransfer(
  s: TestStack,
  n: number,
  values: Record<string, string> = {},
): Promise<{ p: Parties; token: string; application: ApplicationView }> {
  const p = parties(n);
  const token = await buyerToken(s, p);
  const handedIn = await submit(s, token, {
    bundleCode: 'HOUSE-TRANSFER',
    values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber, { values }),
    materials: await houseTransferMaterials(s, token),
  });
  return { p, token, application: handedIn };
}

export async function application(s: TestStack, token: string, id: string): Promise<ApplicationView> {
  const r = await s.gql<{ application: ApplicationView }>(
    `query A($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`,
    { id },
    token,
  );
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!.application;
}

/** Polls until `check` passes (the dispatcher works in the background), or fails with the last view. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last, null, 1)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

/** Moves every stand-in's clock on (cases advance on it: review after ½ h, decision after hours). */
export async function advanceClocks(s: TestStack, hours: number): Promise<void> {
  await Promise.all(DEPARTMENT_KEYS.map((d) => s.admin(d).advanceClock({ advanceHours: hours })));
}

export const statusOf = (a: ApplicationView, item: string) =>
  a.parts.find((p) => p.itemCode === item)?.status;

const partsIn = (apps: readonly ApplicationView[], item: string, statuses: readonly string[]) =>
  apps.every((a) => statuses.includes(a.parts.find((p) => p.itemCode === item)?.status ?? ''));
const SENT = ['ACCEPTED', 'IN_REVIEW', 'APPROVED'];

/**
 * Takes handed-in house transfers to completion on the stand-ins' clocks, all on the same moves: once the
 * deed tax and the withdrawal have reached their departments, two days on (they are decided, the fees
 * paid by the stack's payers); once the transfer registration has reached the registry, ten days on.
 * Each clock moves only after the cases it must decide have arrived, so none is scheduled after the move.
 * Answers them completed (or delivered since: a completed application stays completed).
 */
export async function completeHouseTransfers(
  s: TestStack,
  handedIn: readonly { readonly token: string; readonly id: string }[],
  timeoutMs = 60_000,
): Promise<ApplicationView[]> {
  const read = () => Promise.all(handedIn.map((a) => application(s, a.token, a.id)));
  await eventually(
    read,
    (all) => partsIn(all, 'TAX-DEED-TAX', SENT) && partsIn(all, 'FUND-PURCHASE-WITHDRAWAL', SENT),
    'the deed tax and the withdrawal at their departments',
    timeoutMs,
  );
  await advanceClocks(s, 48);
  await eventually(
    read,
    (all) => partsIn(all, 'RE-TRANSFER', SENT),
    'the transfers at the registry',
    timeoutMs,
  );
  await advanceClocks(s, 24 * 10);
  return eventually(
    read,
    (all) => all.every((a) => a.completedAt !== null),
    'every transfer completed',
    timeoutMs,
  );
}
