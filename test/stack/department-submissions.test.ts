import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actingFor, CASE_ITEMS, caseInput, caseOperations, casesAt } from './department-cases';
import {
  type ApplicationView,
  advanceClocks,
  application,
  buyerToken,
  eventually,
  FILES,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  parties,
  population,
  statusOf,
  submit,
  upload,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * Who may hand a case to a department, and whose records a unit shows, on the whole stack: the
 * departments' submission operations are the hall's, acting for the applicant whose case it is; a
 * material reaches a department's staff only when an application sent it to them; a unit's deed tax and
 * fund loan records are their payer's and borrower's, not every owner's.
 */
describe('department cases and records, on the whole stack', () => {
  let s: TestStack;
  let personas: string[];
  let pairs = 0;

  beforeAll(async () => {
    s = await startTestStack({
      hallEnv: {
        POLL_INTERVAL_MS: '60000',
        DISPATCH_BACKOFF_MS: '100',
        DISPATCH_BACKOFF_MAX_MS: '800',
        DISPATCH_MAX_ATTEMPTS: '6',
      },
    });
    personas = [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))];
  });
  afterAll(() => s?.stop());

  /** A fresh buyer and seller, the buyer signed in. */
  const applicant = async () => {
    const p = parties(pairs++, personas);
    return {
      ...p,
      token: await buyerToken(s, p),
      form: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
    };
  };
  const open = (id: string, token: string) =>
    fetch(`${s.gatewayUrl}/materials/${id}`, { headers: { authorization: `Bearer ${token}` } });

  it('refuses an applicant handing a case straight to a department, for themselves, and nothing reaches it', async () => {
    const attacker = await applicant();
    const victim = await applicant();
    const victimsCard = await upload(s, victim.token, FILES.jpeg, '身份证.jpg');
    const price = attacker.form.find((v) => v.key === 'transaction.price')!.value;
    // The finding: a withdrawal above the price, with another applicant's upload as the ID card.
    const form = houseTransferValues(attacker.buyer.idNumber, attacker.seller.idNumber, {
      values: { 'fund.withdrawalAmount': (Number(price) + 100_000).toFixed(2) },
    });
    // The fund first: the finding's own case.
    for (const department of ['fund', 'tax', 'realestate', 'market'] as const) {
      const before = await casesAt(s, department);
      const ops = caseOperations(department);
      const r = await s.gql(
        ops.submitQuery,
        {
          i: caseInput(department, attacker.buyer, form, `attack-${department}`, `upload:${victimsCard}`),
        },
        attacker.token,
      );
      expect(r.data?.[ops.submit] ?? null, `${ops.submit} answered ${JSON.stringify(r)}`).toBeNull();
      expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(r.errors?.[0]?.message).toMatch(/through the hall/);
      expect(await casesAt(s, department), `cases at ${department}`).toBe(before);
    }
    // Nor may department staff hand in cases through the federation: theirs is their own system.
    const staff = await s.gql(
      caseOperations('fund').submitQuery,
      { i: caseInput('fund', attacker.buyer, form, 'attack-staff') },
      await s.token('staff-fund'),
    );
    expect(staff.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // No application sent the victim's card anywhere: no department's staff may open it.
    for (const staffer of ['staff-fund', 'staff-tax', 'staff-realestate', 'staff-market'])
      expect((await open(victimsCard, await s.token(staffer))).status, staffer).toBe(404);
  });

  it('lets the hall submit, read and correct a case only for the applicant it acts for', async () => {
    const a = await applicant();
    const b = await applicant();
    const hall = await s.serviceToken();
    const tax = caseOperations('tax');
    const before = await casesAt(s, 'tax');

    // Acting for A, a case naming B is refused before it reaches the department.
    const forB = await s.gql(
      tax.submitQuery,
      { i: caseInput('tax', b.buyer, b.form, 'hall-for-b-as-a') },
      hall,
      actingFor(a.buyer.idNumber),
    );
    expect(forB.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await casesAt(s, 'tax')).toBe(before);

    const key = 'hall-for-a';
    const mine = await s.gql<{ submitTaxCase: { caseNumber: string; status: string } }>(
      tax.submitQuery,
      { i: caseInput('tax', a.buyer, a.form, key) },
      hall,
      actingFor(a.buyer.idNumber),
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.submitTaxCase.status).toBe('ACCEPTED');
    expect(await casesAt(s, 'tax')).toBe(before + 1);
    const n = mine.data!.submitTaxCase.caseNumber;

    const asA = actingFor(a.buyer.idNumber);
    const asB = actingFor(b.buyer.idNumber);
    expect((await s.gql(tax.readQuery, { n }, hall, asA)).data?.taxCase).toMatchObject({ caseNumber: n });
    const byKeyA = await s.gql(tax.byKeyQuery, { c: CASE_ITEMS.tax.itemCode, k: key }, hall, asA);
    expect(byKeyA.data?.taxCaseByKey).toMatchObject({ caseNumber: n });

    // Acting for B, A's case is neither shown (by number, by key, through a part's entity) nor corrected.
    for (const r of [
      await s.gql(tax.readQuery, { n }, hall, asB),
      await s.gql(tax.byKeyQuery, { c: CASE_ITEMS.tax.itemCode, k: key }, hall, asB),
      await s.gql(
        tax.correctQuery,
        { n, k: 'hall-correct-as-b', f: [{ key: 'transaction.price', value: '1.00' }] },
        hall,
        asB,
      ),
    ]) {
      expect(JSON.stringify(r.data ?? {})).not.toContain(n);
      expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect((await s.admin('tax').case(n)).status).toBe('accepted');
    expect(await casesAt(s, 'tax')).toBe(before + 1);

    // The registry is not idempotent: its adapter looks a reference up before it submits, and would answer
    // A's case to a submission for B under the same key. The answer is refused, not shown.
    const registry = caseOperations('realestate');
    const atRegistry = await casesAt(s, 'realestate');
    const theirs = await s.gql<{ submitRealEstateCase: { caseNumber: string } }>(
      registry.submitQuery,
      { i: caseInput('realestate', a.buyer, a.form, key) },
      hall,
      asA,
    );
    expect(theirs.errors).toBeUndefined();
    const again = await s.gql(
      registry.submitQuery,
      { i: caseInput('realestate', b.buyer, b.form, key) },
      hall,
      asB,
    );
    expect(JSON.stringify(again.data ?? {})).not.toContain(theirs.data!.submitRealEstateCase.caseNumber);
    expect(again.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await casesAt(s, 'realestate')).toBe(atRegistry + 1);
  });

  it('opens a handed-in material to the staff of the departments it was sent to, and to no other', async () => {
    const buyer = await applicant();
    const materials = await houseTransferMaterials(s, buyer.token);
    await submit(s, buyer.token, { bundleCode: 'HOUSE-TRANSFER', values: buyer.form, materials });
    const uploadOf = (id: string) => materials.find((m) => m.id === id)!.uploadId;
    const status = async (id: string, staffer: string) =>
      (await open(uploadOf(id), await s.token(staffer))).status;
    // The sale contract goes to all three; the bank card only to the fund, whose withdrawal pays into it.
    for (const staffer of ['staff-tax', 'staff-fund', 'staff-realestate'])
      expect(await status('sale-contract', staffer), staffer).toBe(200);
    expect(await status('bank-card', 'staff-fund')).toBe(200);
    expect(await status('bank-card', 'staff-tax')).toBe(404);
    expect(await status('bank-card', 'staff-realestate')).toBe(404);
    expect(await status('sale-contract', 'staff-market')).toBe(404);
  });

  it('shows the new owner of a unit only their own deed tax records; tax staff see every one', async () => {
    const { buyer, seller, token, form } = await applicant();
    const unitCode = form.find((v) => v.key === 'property.unitCode')!.value;
    const materials = await houseTransferMaterials(s, token);
    const submitted = await submit(s, token, { bundleCode: 'HOUSE-TRANSFER', values: form, materials });
    const until = (check: (a: ApplicationView) => boolean, what: string) =>
      eventually(() => application(s, token, submitted.id), check, what, 60_000);
    await until(
      (a) =>
        statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED' && statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the deed tax and the withdrawal accepted',
    );
    await advanceClocks(s, 48);
    await until((a) => statusOf(a, 'RE-TRANSFER') === 'ACCEPTED', 'the transfer registration accepted');
    await advanceClocks(s, 24 * 10);
    await until((a) => a.status === 'COMPLETED', 'the transfer completed');

    const query =
      'query U($u: UnitCode!) { property(unitCode: $u) { owners { idNumber } deedTaxRecords { payerIdNumber amount } } }';
    type Unit = { property: { owners: { idNumber: string }[]; deedTaxRecords: { payerIdNumber: string }[] } };
    const mine = await s.gql<Unit>(query, { u: unitCode }, token);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.property.owners).toEqual([{ idNumber: buyer.idNumber }]);
    expect(mine.data!.property.deedTaxRecords.map((r) => r.payerIdNumber)).toEqual([buyer.idNumber]);
    const staff = await s.gql<Unit>(query, { u: unitCode }, await s.token('staff-tax'));
    expect(new Set(staff.data!.property.deedTaxRecords.map((r) => r.payerIdNumber))).toEqual(
      new Set([seller.idNumber, buyer.idNumber]),
    );
  });

  it('shows a co-owner only their own deed tax and fund loan records of the unit; the departments’ staff every one', async () => {
    const loans = new Map(population.fundLoans.map((l) => [l.unitCode, l.idNumber]));
    const unit = population.properties.find(
      (p) => p.ownerIdNumbers.length > 1 && loans.get(p.unitCode) === p.ownerIdNumbers[0],
    )!;
    const [payer, coOwner] = unit.ownerIdNumbers as [string, string];
    const person = population.persons.find((p) => p.idNumber === coOwner)!;
    const token = await s.customToken({ role: 'applicant', id_number: coOwner, name: person.name });
    const query =
      'query U($u: UnitCode!) { property(unitCode: $u) { deedTaxRecords { payerIdNumber } fundLoans { borrowerIdNumber } } }';
    type Unit = {
      property: { deedTaxRecords: { payerIdNumber: string }[]; fundLoans: { borrowerIdNumber: string }[] };
    };
    const mine = await s.gql<Unit>(query, { u: unit.unitCode }, token);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.property).toEqual({ deedTaxRecords: [], fundLoans: [] });
    const tax = await s.gql<Unit>(
      'query U($u: UnitCode!) { property(unitCode: $u) { deedTaxRecords { payerIdNumber } } }',
      { u: unit.unitCode },
      await s.token('staff-tax'),
    );
    expect(tax.data!.property.deedTaxRecords.map((r) => r.payerIdNumber)).toEqual([payer]);
    const fund = await s.gql<Unit>(
      'query U($u: UnitCode!) { property(unitCode: $u) { fundLoans { borrowerIdNumber } } }',
      { u: unit.unitCode },
      await s.token('staff-fund'),
    );
    expect(fund.data!.property.fundLoans.map((r) => r.borrowerIdNumber)).toEqual([payer]);
  });
});
