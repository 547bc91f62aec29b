import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actingFor, caseInput, caseOperations, casesAt } from '../../stack/department-cases';
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
} from '../../stack/house-transfer';
import { type Answer, startTestStack, type TestStack } from '../../stack/support';
import { type FigureRow, recordSection, rounds } from '../figures';

/** How many times each attack straight at a department is sent, each under a key of its own. */
const TRIES = rounds(5, 1);

const codes = (r: Answer) => (r.errors ?? []).map((e) => String(e.extensions?.code ?? 'NO_CODE'));

/**
 * The security findings about the departments' submission operations and a unit's records, replayed as
 * attacks on the whole stack as `npm start` runs it, so they stay fixed: (1) applicants submitting
 * straight to a department, skipping the hall, with another applicant's uploads; (14) a unit's new owner
 * reading the previous owner's deed tax record.
 */
describe('security: department submissions and a unit’s records', () => {
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

  const applicant = async () => {
    const p = parties(pairs++, personas);
    return {
      ...p,
      token: await buyerToken(s, p),
      form: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
    };
  };
  const open = async (id: string, staffer: string) =>
    (
      await fetch(`${s.gatewayUrl}/materials/${id}`, {
        headers: { authorization: `Bearer ${await s.token(staffer)}` },
      })
    ).status;

  it('answers every replayed attack as it should now, and records how', async () => {
    const rows: FigureRow[] = [];
    const failures: string[] = [];
    const record = (finding: string, attack: string, answer: string, held: boolean) => {
      rows.push({ finding, attack, 'answered now': answer, held: held ? '✓' : '✗' });
      if (!held) failures.push(`${finding} — ${attack}: ${answer}`);
    };

    // Finding 1: an applicant hands a case straight to each department, for themselves, a fund withdrawal
    // above the price among them, with another applicant's upload as every material.
    const attacker = await applicant();
    const victim = await applicant();
    const victimsCard = await upload(s, victim.token, FILES.jpeg, '身份证.jpg');
    const price = attacker.form.find((v) => v.key === 'transaction.price')!.value;
    const form = houseTransferValues(attacker.buyer.idNumber, attacker.seller.idNumber, {
      values: { 'fund.withdrawalAmount': (Number(price) + 100_000).toFixed(2) },
    });
    for (const d of DEPARTMENT_KEYS) {
      const ops = caseOperations(d);
      const before = await casesAt(s, d);
      const answers: string[] = [];
      for (let i = 0; i < TRIES; i++) {
        const input = caseInput(d, attacker.buyer, form, `attack-${d}-${i}`, `upload:${victimsCard}`);
        answers.push(...codes(await s.gql(ops.submitQuery, { i: input }, attacker.token)));
      }
      const made = (await casesAt(s, d)) - before;
      const forbidden = answers.filter((c) => c === 'FORBIDDEN').length;
      record(
        '1. applicants submit straight to a department',
        `an applicant calls ${ops.submit} for themselves, another applicant’s upload as its materials (${TRIES}×)`,
        `FORBIDDEN ${forbidden} of ${TRIES}; ${made} cases at the ${d} stand-in`,
        forbidden === TRIES && made === 0,
      );
    }
    {
      const before = await casesAt(s, 'fund');
      const r = await s.gql(
        caseOperations('fund').submitQuery,
        { i: caseInput('fund', attacker.buyer, form, 'attack-staff', `upload:${victimsCard}`) },
        await s.token('staff-fund'),
      );
      const made = (await casesAt(s, 'fund')) - before;
      record(
        '1. applicants submit straight to a department',
        'the fund’s own staff call submitFundCase through the federation',
        `${codes(r).join(', ') || 'accepted'}; ${made} cases at the fund stand-in`,
        codes(r).join() === 'FORBIDDEN' && made === 0,
      );
    }

    // Through the hall, the same materials are refused: it sends only the application's own uploads.
    {
      const before = await Promise.all(DEPARTMENT_KEYS.map((d) => casesAt(s, d)));
      const own = await houseTransferMaterials(s, attacker.token);
      const r = await s.gql<{
        submitApplication: {
          application: { id: string } | null;
          problems: { field: string; code: string }[];
        };
      }>(
        'mutation S($i: ApplicationInput!) { submitApplication(input: $i) { application { id } problems { field code } } }',
        {
          i: {
            bundleCode: 'HOUSE-TRANSFER',
            values: form,
            materials: own.map((m) => (m.id === 'id-card' ? { ...m, uploadId: victimsCard } : m)),
          },
        },
        attacker.token,
      );
      const after = await Promise.all(DEPARTMENT_KEYS.map((d) => casesAt(s, d)));
      const problems = r.data?.submitApplication.problems.map((p) => `${p.field} ${p.code}`) ?? codes(r);
      const stored = r.data?.submitApplication.application ? 1 : 0;
      record(
        '1. applicants submit straight to a department',
        'an applicant hands the hall a form naming another applicant’s upload as their ID card',
        `${problems.join(', ')}; ${stored} application stored, ${after.reduce((n, x, i) => n + x - before[i]!, 0)} cases at the stand-ins`,
        problems.includes('materials.id-card material.uploadUnknown') &&
          stored === 0 &&
          after.every((x, i) => x === before[i]),
      );
    }

    // The hall acting for one applicant may not hand in, read, find or correct another's case.
    const a = await applicant();
    const b = await applicant();
    const hall = await s.serviceToken();
    const tax = caseOperations('tax');
    {
      const before = await casesAt(s, 'tax');
      const r = await s.gql(
        tax.submitQuery,
        { i: caseInput('tax', b.buyer, b.form, 'hall-for-b-as-a') },
        hall,
        actingFor(a.buyer.idNumber),
      );
      const made = (await casesAt(s, 'tax')) - before;
      record(
        '1. applicants submit straight to a department',
        'the hall acting for applicant A submits a tax case naming applicant B',
        `${codes(r).join(', ') || 'accepted'}; ${made} cases at the tax stand-in`,
        codes(r).join() === 'FORBIDDEN' && made === 0,
      );
    }
    const mine = await s.gql<{ submitTaxCase: { caseNumber: string } }>(
      tax.submitQuery,
      { i: caseInput('tax', a.buyer, a.form, 'hall-for-a') },
      hall,
      actingFor(a.buyer.idNumber),
    );
    expect(mine.errors, 'the hall hands in A’s own case').toBeUndefined();
    const n = mine.data!.submitTaxCase.caseNumber;
    const asB = actingFor(b.buyer.idNumber);
    for (const [what, r] of [
      ['reads A’s tax case by number', await s.gql(tax.readQuery, { n }, hall, asB)],
      [
        'finds A’s tax case by its key',
        await s.gql(tax.byKeyQuery, { c: 'TAX-DEED-TAX', k: 'hall-for-a' }, hall, asB),
      ],
      [
        'corrects A’s tax case',
        await s.gql(
          tax.correctQuery,
          { n, k: 'hall-correct-as-b', f: [{ key: 'transaction.price', value: '1.00' }] },
          hall,
          asB,
        ),
      ],
    ] as const)
      record(
        '1. applicants submit straight to a department',
        `the hall acting for applicant B ${what}`,
        `${codes(r).join(', ') || 'answered'}${JSON.stringify(r.data ?? {}).includes(n) ? ', the case shown' : ', nothing of the case shown'}`,
        codes(r).join() === 'FORBIDDEN' && !JSON.stringify(r.data ?? {}).includes(n),
      );

    // The materials: a department's staff open only what an application sent them.
    const opened = await Promise.all(
      ['staff-fund', 'staff-tax', 'staff-realestate', 'staff-market'].map((x) => open(victimsCard, x)),
    );
    record(
      '1. applicants submit straight to a department',
      'each department’s staff open the upload the attack named as its materials (no application sent it)',
      `HTTP ${opened.join(', ')}`,
      opened.every((x) => x === 404),
    );
    const buyer = await applicant();
    const materials = await houseTransferMaterials(s, buyer.token);
    const transfer = await submit(s, buyer.token, {
      bundleCode: 'HOUSE-TRANSFER',
      values: buyer.form,
      materials,
    });
    const card = materials.find((m) => m.id === 'bank-card')!.uploadId;
    const [byTax, byRegistry, byFund] = await Promise.all(
      ['staff-tax', 'staff-realestate', 'staff-fund'].map((x) => open(card, x)),
    );
    record(
      '1. applicants submit straight to a department',
      'tax and registry staff open the bank card scan of a house transfer (only the fund’s withdrawal carries it)',
      `HTTP ${byTax}, ${byRegistry}; the fund’s staff ${byFund}`,
      byTax === 404 && byRegistry === 404 && byFund === 200,
    );

    // Finding 14: the buyer of a completed transfer reads the unit's deed tax records.
    const unitCode = buyer.form.find((v) => v.key === 'property.unitCode')!.value;
    const until = (check: (x: ApplicationView) => boolean, what: string) =>
      eventually(() => application(s, buyer.token, transfer.id), check, what, 60_000);
    await until(
      (x) =>
        statusOf(x, 'TAX-DEED-TAX') === 'ACCEPTED' && statusOf(x, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the deed tax and the withdrawal accepted',
    );
    await advanceClocks(s, 48);
    await until((x) => statusOf(x, 'RE-TRANSFER') === 'ACCEPTED', 'the transfer registration accepted');
    await advanceClocks(s, 24 * 10);
    await until((x) => x.status === 'COMPLETED', 'the transfer completed');
    const records = await s.gql<{ property: { deedTaxRecords: { payerIdNumber: string }[] } }>(
      'query U($u: UnitCode!) { property(unitCode: $u) { deedTaxRecords { payerIdNumber amount } } }',
      { u: unitCode },
      buyer.token,
    );
    const payers = records.data?.property.deedTaxRecords.map((r) => r.payerIdNumber) ?? [];
    record(
      '14. a new owner reads the previous owner’s deed tax',
      'the buyer of a completed transfer reads property { deedTaxRecords } of the unit',
      `${payers.filter((p) => p === buyer.buyer.idNumber).length} record(s) of their own, ${payers.filter((p) => p !== buyer.buyer.idNumber).length} of the seller’s`,
      payers.length > 0 && payers.every((p) => p === buyer.buyer.idNumber),
    );
    const loans = new Map(population.fundLoans.map((l) => [l.unitCode, l.idNumber]));
    const shared = population.properties.find(
      (p) => p.ownerIdNumbers.length > 1 && loans.get(p.unitCode) === p.ownerIdNumbers[0],
    )!;
    const coOwner = population.persons.find((p) => p.idNumber === shared.ownerIdNumbers[1])!;
    const theirs = await s.gql<{
      property: { deedTaxRecords: { payerIdNumber: string }[]; fundLoans: { borrowerIdNumber: string }[] };
    }>(
      'query U($u: UnitCode!) { property(unitCode: $u) { deedTaxRecords { payerIdNumber } fundLoans { borrowerIdNumber } } }',
      { u: shared.unitCode },
      await s.customToken({ role: 'applicant', id_number: coOwner.idNumber, name: coOwner.name }),
    );
    const others = [
      ...(theirs.data?.property.deedTaxRecords.map((r) => r.payerIdNumber) ?? []),
      ...(theirs.data?.property.fundLoans.map((l) => l.borrowerIdNumber) ?? []),
    ].filter((id) => id !== coOwner.idNumber);
    record(
      '14. a new owner reads the previous owner’s deed tax',
      'a co-owner reads property { deedTaxRecords fundLoans } of a unit the other owner paid for and borrowed on',
      `${theirs.errors ? codes(theirs).join(', ') : `${others.length} record(s) of the other owner`}`,
      !theirs.errors && others.length === 0,
    );

    recordSection({
      key: '31-security-submissions',
      title: 'Security: department submissions and a unit’s records',
      about:
        'Two findings of the security review replayed as attacks on the whole stack, so they stay fixed: applicants handing cases straight to a department (skipping the hall, naming another applicant’s uploads), with the reads and corrections of cases by the hall acting for someone else and department staff opening materials no application sent them; and a unit’s owner reading the deed tax and fund loan records of the unit’s other or earlier owners. Each row is one attack and how it is answered now; ✓ is the answer the fix gives.',
      command:
        'RELIABILITY=full npx vitest run --project reliability test/reliability/security/department-submissions.test.ts',
      rows,
      notes: [
        'Defects found and fixed (2a6e7cc): security issue 13, findings 1 and 14; each “Before:” below is what an attacker could do until then.',
        'Before: any signed-in applicant could call submit…Case of every department for themselves; a fund withdrawal above the price, its materials another applicant’s uploads (upload:<id>), was accepted and approved by the fund with no application, no checks and no audit record in the hall. Now submit…Case and correct…Case are only for the hall’s service identity acting for the applicant whose case it is; department staff take cases in their own systems.',
        'Before: the hall acting for one applicant could read, find by key and correct any other applicant’s case. Now the case says whose it is (each department’s system reports its applicant) and is shown or corrected only for that applicant; department staff read their department’s cases.',
        'Before: a department’s staff could open any upload handed in with an application that had a part of theirs, whatever the part’s item asked for (the tax office opened a house transfer’s bank card scan). Now only uploads handed in as a material the item of one of their parts asks for — what the hall sends them.',
        'Before: every current owner of a unit saw every deed tax record and fund loan of the unit, the previous owner’s ID number and amount among them. Now each record is its payer’s or borrower’s, and the department’s staff see all.',
      ],
    });
    expect(failures).toEqual([]);
  });
});
