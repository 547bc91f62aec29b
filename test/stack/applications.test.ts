import { signCallback } from '@onething/runtime/callbacks';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prepareApplication, submitPrepared } from './bundle-applications';
import {
  APPLICATION_FIELDS,
  type ApplicationView,
  advanceClocks,
  application,
  buyerToken,
  eventually,
  FILES,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  PART_FIELDS,
  parties,
  population,
  statusOf,
  submit,
  upload,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * One submission, parallel approval, on the whole stack: the hall dispatches through the gateway to the
 * departments' subgraphs and their stand-ins, whose clocks the tests drive. Polling is set to a minute,
 * so what moves the parts on in these tests is the stand-ins' callbacks.
 */
/** The tax stand-in's development callback secret, which the hall holds by default. */
const TAX_SECRET = 'tax-callback-dev-secret';

describe('applications on the whole stack', () => {
  let s: TestStack;
  let windowStaff: string;
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
    windowStaff = await s.token('window-staff');
    personas = [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))];
  });
  afterAll(() => s?.stop());
  beforeEach(async () => {
    for (const d of DEPARTMENT_KEYS) await s.admin(d).reset();
  });

  const bothFirstPartsAccepted = (a: ApplicationView) =>
    statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED' && statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED';

  /** A fresh buyer and seller (a completed transfer changes the registry's owner), as the test's applicant. */
  const applicant = async () => {
    const p = parties(pairs++, personas);
    const token = await buyerToken(s, p);
    const read = (id: string) => application(s, token, id);
    return {
      token,
      citizenId: p.buyer.idNumber,
      sellerId: p.seller.idNumber,
      values: (values: Record<string, string> = {}) =>
        houseTransferValues(p.buyer.idNumber, p.seller.idNumber, { values }),
      input: async (values: Record<string, string> = {}) => ({
        bundleCode: 'HOUSE-TRANSFER',
        values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber, { values }),
        materials: await houseTransferMaterials(s, token),
      }),
      read,
      until: (id: string, check: (a: ApplicationView) => boolean, what: string) =>
        eventually(() => read(id), check, what),
    };
  };

  it('runs a second-hand house transfer end to end: deed tax and fund withdrawal in parallel, the transfer after both', async () => {
    const { token: citizen, citizenId, input: houseTransfer, until } = await applicant();
    const submitted = await submit(s, citizen, await houseTransfer());
    expect(submitted.status).toBe('SUBMITTED');
    expect(submitted.parts.map((p) => [p.itemCode, p.department])).toEqual([
      ['TAX-DEED-TAX', 'TAX'],
      ['FUND-PURCHASE-WITHDRAWAL', 'FUND'],
      ['RE-TRANSFER', 'REALESTATE'],
    ]);

    // Both parts that wait for nothing are accepted at once, in parallel; the transfer waits for them.
    const accepted = await until(
      submitted.id,
      (a) =>
        statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED' && statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the deed tax and the withdrawal accepted',
    );
    expect(accepted.status).toBe('IN_PROGRESS');
    expect(statusOf(accepted, 'RE-TRANSFER')).toBe('WAITING');
    expect(await s.admin('realestate').cases({ applicant: citizenId })).toEqual([]);
    for (const p of accepted.parts.slice(0, 2)) {
      expect(p.caseNumber).toBeTruthy();
      expect(p.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }

    // Two simulated days: both decided; the transfer goes, carrying the deed tax receipt.
    await advanceClocks(s, 48);
    const released = await until(
      submitted.id,
      (a) => statusOf(a, 'RE-TRANSFER') === 'ACCEPTED',
      'the transfer accepted after both were approved',
    );
    expect(statusOf(released, 'TAX-DEED-TAX')).toBe('APPROVED');
    expect(statusOf(released, 'FUND-PURCHASE-WITHDRAWAL')).toBe('APPROVED');
    const receipt = released.parts[0]!.result.find((r) => r.key === 'deed-tax-receipt')?.value;
    expect(receipt).toBeTruthy();
    const [transferCase] = await s.admin('realestate').cases({ applicant: citizenId });
    expect(transferCase!.itemCode).toBe('RE-TRANSFER');
    // The receipt issued by the deed tax goes with the transfer, never asked of the applicant.
    expect(transferCase!.materials).toContain('deed-tax-receipt');

    await advanceClocks(s, 24 * 10);
    const done = await until(submitted.id, (a) => a.status === 'COMPLETED', 'the application completed');
    expect(done.completedAt).toBeTruthy();
    // One status query: each department's case, by number, with its status.
    expect(done.parts.map((p) => [p.department, p.status, !!p.caseNumber])).toEqual([
      ['TAX', 'APPROVED', true],
      ['FUND', 'APPROVED', true],
      ['REALESTATE', 'APPROVED', true],
    ]);
    // Each department received its case once.
    for (const [dept, item] of [
      ['tax', 'TAX-DEED-TAX'],
      ['fund', 'FUND-PURCHASE-WITHDRAWAL'],
      ['realestate', 'RE-TRANSFER'],
    ] as const) {
      expect(await s.admin(dept).cases({ applicant: citizenId, item })).toHaveLength(1);
    }
    const mine = await s.gql<{ myApplications: { id: string }[] }>('{ myApplications { id } }', {}, citizen);
    expect(mine.data!.myApplications.map((a) => a.id)).toContain(submitted.id);
  });

  it('shows a department’s staff the live case from their own subgraph, in the same query', async () => {
    const { token: citizen, input: houseTransfer, until } = await applicant();
    const submitted = await submit(s, citizen, await houseTransfer());
    await until(submitted.id, (a) => statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED', 'the deed tax accepted');
    const staff = await s.token('staff-tax');
    const r = await s.gql<{
      application: {
        parts: { itemCode: string; case: { __typename: string; status: string; itemCode: string } | null }[];
      };
    }>(
      'query A($id: ID!) { application(id: $id) { parts { itemCode case { __typename ... on TaxCase { status itemCode } } } } }',
      { id: submitted.id },
      staff,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.application.parts[0]!.case).toEqual({
      __typename: 'TaxCase',
      status: 'ACCEPTED',
      itemCode: 'TAX-DEED-TAX',
    });
    // Another applicant cannot see it at all.
    const other = await s.customToken({ role: 'applicant', id_number: '11010519491231002X', name: '某人' });
    const hidden = await s.gql<{ application: unknown }>(
      'query A($id: ID!) { application(id: $id) { id } }',
      { id: submitted.id },
      other,
    );
    expect(hidden.data!.application).toBeNull();
  });

  it('answers a form with mistakes with every problem at once, and stores nothing', async () => {
    const { token: citizen, input: houseTransfer } = await applicant();
    const before = await s.gql<{ myApplications: unknown[] }>('{ myApplications { id } }', {}, citizen);
    const someoneElse = await s.customToken({
      role: 'applicant',
      id_number: '11010519491231002X',
      name: '某人',
    });
    const notMine = await upload(s, someoneElse, FILES.pdf);
    const input = await houseTransfer({ 'applicant.phone': '12345', 'transaction.price': '-1' });
    const r = await s.gql<{
      submitApplication: { application: unknown; problems: { field: string; code: string }[] };
    }>(
      'mutation S($i: ApplicationInput!) { submitApplication(input: $i) { application { id } problems { field code } } }',
      {
        i: {
          ...input,
          values: input.values.filter((v) => v.key !== 'seller.name'),
          materials: [
            ...input.materials.filter((m) => m.id !== 'sale-contract'),
            { id: 'marriage-certificate', uploadId: notMine },
          ],
        },
      },
      citizen,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.submitApplication.application).toBeNull();
    expect(r.data!.submitApplication.problems.map((p) => `${p.field} ${p.code}`)).toEqual(
      expect.arrayContaining([
        'applicant.phone field.pattern',
        'seller.name field.required',
        'materials.sale-contract material.missing',
        'materials.marriage-certificate material.uploadUnknown',
      ]),
    );
    const after = await s.gql<{ myApplications: unknown[] }>('{ myApplications { id } }', {}, citizen);
    expect(after.data!.myApplications).toHaveLength(before.data!.myApplications.length);
  });

  it('accepts a submission while a department is down, and dispatches it once the department returns', async () => {
    const { token: citizen, citizenId, input: houseTransfer, until } = await applicant();
    await s.admin('fund').down();
    const submitted = await submit(s, citizen, await houseTransfer());
    const waiting = await until(
      submitted.id,
      (a) => (a.parts.find((p) => p.itemCode === 'FUND-PURCHASE-WITHDRAWAL')?.attempts ?? 0) >= 2,
      'the withdrawal tried and failed while the fund is down',
    );
    const fundPart = waiting.parts.find((p) => p.itemCode === 'FUND-PURCHASE-WITHDRAWAL')!;
    expect(fundPart.status).toBe('DISPATCHING');
    // The applicant sees a code and a plain sentence, nothing of the hall's internal addresses.
    expect(fundPart.lastError).toEqual({
      code: expect.stringMatching(/DEPARTMENT_UNAVAILABLE|SUBGRAPH/),
      message: { zh: expect.stringMatching(/自动重试/), en: expect.stringMatching(/retried automatically/) },
      detail: null,
    });
    expect(JSON.stringify(waiting)).not.toMatch(/127\.0\.0\.1|localhost|https?:\/\//);
    // Window staff see the detail (the adapter's words, which name no address either).
    const staffView = await s.gql<{ application: { parts: { lastError: { detail: string } | null }[] } }>(
      'query A($id: ID!) { application(id: $id) { parts { lastError { detail } } } }',
      { id: submitted.id },
      windowStaff,
    );
    const detail = staffView.data!.application.parts.find((p) => p.lastError)?.lastError?.detail;
    expect(detail).toMatch(/DEPARTMENT_UNAVAILABLE|SUBGRAPH/);
    expect(detail).not.toMatch(/127\.0\.0\.1|https?:\/\//);
    expect(statusOf(waiting, 'TAX-DEED-TAX')).toBe('ACCEPTED');

    await s.admin('fund').up();
    const sent = await until(
      submitted.id,
      (a) => statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the withdrawal accepted once the fund is back',
    );
    const caseNumber = sent.parts.find((p) => p.itemCode === 'FUND-PURCHASE-WITHDRAWAL')!.caseNumber!;
    const cases = await s.admin('fund').cases({ applicant: citizenId, item: 'FUND-PURCHASE-WITHDRAWAL' });
    expect(cases.filter((c) => c.caseNumber === caseNumber)).toHaveLength(1);
  });

  it('dead-letters a part its department keeps refusing to take, shows it to window staff, who retry it', async () => {
    const { token: citizen, input: houseTransfer, until } = await applicant();
    await s.admin('fund').down();
    const submitted = await submit(s, citizen, await houseTransfer());
    const dead = await until(
      submitted.id,
      (a) => statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'DEAD_LETTERED',
      'the withdrawal dead-lettered',
    );
    const part = dead.parts.find((p) => p.itemCode === 'FUND-PURCHASE-WITHDRAWAL')!;
    expect(part.attempts).toBe(6);

    const list = await s.gql<{
      deadLetteredParts: { id: string; lastError: { code: string }; application: { id: string } }[];
    }>(
      '{ deadLetteredParts(department: FUND) { id lastError { code } application { id } } }',
      {},
      windowStaff,
    );
    expect(list.data!.deadLetteredParts.map((p) => p.id)).toContain(part.id);
    const queue = await s.gql<{ applicationQueue: { id: string }[] }>(
      '{ applicationQueue(department: FUND) { id } }',
      {},
      windowStaff,
    );
    expect(queue.data!.applicationQueue.map((a) => a.id)).toContain(submitted.id);

    // Only window staff retry.
    const refused = await s.gql(
      'mutation R($p: ID!) { retryPart(partId: $p) { id } }',
      { p: part.id },
      citizen,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await s.admin('fund').up();
    const retried = await s.gql<{ retryPart: { status: string } }>(
      'mutation R($p: ID!) { retryPart(partId: $p) { status } }',
      { p: part.id },
      windowStaff,
    );
    expect(retried.errors).toBeUndefined();
    await until(
      submitted.id,
      (a) => statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the retried withdrawal accepted',
    );
  });

  it('asks for a correction (补正): the applicant fixes the named field and only that part is sent again', async () => {
    const {
      token: citizen,
      citizenId,
      values: houseTransferValuesFor,
      input: houseTransfer,
      until,
    } = await applicant();
    const unitPrice = houseTransferValuesFor().find((v) => v.key === 'transaction.price')!.value;
    const low = (Number(unitPrice) / 1.2 / 4).toFixed(2);
    // Two earlier transfers of this unit were taxed: declaring far below is queried by the tax office.
    const submitted = await submit(s, citizen, await houseTransfer({ 'transaction.price': low }));
    // Both first parts at their departments before their clocks move: a case that arrives after the move
    // waits for the next one (under a loaded CPU the withdrawal can still be on its way).
    await until(submitted.id, bothFirstPartsAccepted, 'the deed tax and the withdrawal accepted');
    await advanceClocks(s, 48);
    const asked = await until(submitted.id, (a) => a.status === 'CORRECTION_REQUESTED', 'a correction asked');
    const tax = asked.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!;
    expect(tax.correctionFields).toEqual(['transaction.price']);
    expect(tax.reason).toBeTruthy();
    expect(statusOf(asked, 'RE-TRANSFER')).toBe('WAITING');

    const correct = (values: { key: string; value: string }[]) =>
      s.gql<{
        correctApplication: {
          application: { status: string } | null;
          problems: { field: string; code: string }[];
        };
      }>(
        'mutation C($a: ID!, $p: ID!, $v: [FormValueInput!]!) { correctApplication(applicationId: $a, partId: $p, values: $v) { application { status } problems { field code } } }',
        { a: submitted.id, p: tax.id, v: values },
        citizen,
      );
    const wrong = await correct([{ key: 'seller.name', value: '别人' }]);
    expect(wrong.data!.correctApplication.problems.map((p) => `${p.field} ${p.code}`)).toEqual([
      'transaction.price correction.missing',
      'seller.name correction.notAsked',
    ]);
    const fundCasesBefore = await s.admin('fund').cases({ applicant: citizenId });

    const right = await correct([{ key: 'transaction.price', value: unitPrice }]);
    expect(right.data!.correctApplication.problems).toEqual([]);
    await until(
      submitted.id,
      (a) => ['ACCEPTED', 'IN_REVIEW'].includes(statusOf(a, 'TAX-DEED-TAX')!),
      'the corrected deed tax back in review',
    );
    const taxCase = await s.admin('tax').case(tax.caseNumber!);
    expect(taxCase.fields['transaction.price']).toBe(Math.round(Number(unitPrice) * 100));
    expect(await s.admin('fund').cases({ applicant: citizenId })).toHaveLength(fundCasesBefore.length);

    await advanceClocks(s, 48);
    await until(
      submitted.id,
      (a) => statusOf(a, 'RE-TRANSFER') === 'ACCEPTED',
      'the transfer sent once the corrected deed tax is approved',
    );
    await advanceClocks(s, 24 * 10);
    await until(submitted.id, (a) => a.status === 'COMPLETED', 'completed after the correction');
  });

  it('flags parts yellow with one working day left and red when overdue, for staff by department', async () => {
    const { token: citizen, input: houseTransfer, until } = await applicant();
    const submitted = await submit(s, citizen, await houseTransfer());
    const accepted = await until(
      submitted.id,
      (a) => statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED',
      'the deed tax accepted',
    );
    const tax = accepted.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!;
    const deadline = tax.deadline!;
    const flagged = async (asOf: string, token: string, department = 'TAX') =>
      s.gql<{ flaggedParts: { part: { id: string }; flag: string; workingDaysLeft: number }[] }>(
        `query F($d: DateTime) { flaggedParts(department: ${department}, asOf: $d) { part { id } flag workingDaysLeft } }`,
        { d: asOf },
        token,
      );
    const staff = await s.token('staff-tax');
    const onDeadline = await flagged(`${deadline}T09:00:00+08:00`, staff);
    expect(onDeadline.data!.flaggedParts.find((f) => f.part.id === tax.id)).toMatchObject({
      flag: 'YELLOW',
      workingDaysLeft: 0,
    });
    const dayAfter = new Date(Date.parse(`${deadline}T09:00:00+08:00`) + 7 * 86_400_000).toISOString();
    const overdue = await flagged(dayAfter, staff);
    expect(overdue.data!.flaggedParts.find((f) => f.part.id === tax.id)?.flag).toBe('RED');
    const today = await flagged(new Date().toISOString(), staff);
    expect(today.data!.flaggedParts.find((f) => f.part.id === tax.id)).toBeUndefined();
    // A department's staff see only their own department; applicants see no e-supervision.
    const other = await flagged(dayAfter, await s.token('staff-fund'), 'TAX');
    expect(other.data!.flaggedParts).toEqual([]);
    const citizenAsks = await flagged(dayAfter, citizen);
    expect(citizenAsks.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const part = await s.gql<{
      application: { flag: string; parts: { supervision: { flag: string } | null }[] };
    }>(
      `query A($id: ID!, $d: DateTime) { application(id: $id) { flag(asOf: $d) parts { supervision(asOf: $d) { flag } } } }`,
      { id: submitted.id, d: dayAfter },
      citizen,
    );
    expect(part.data!.application.flag).toBe('RED');
    expect(part.data!.application.parts[0]!.supervision).toEqual({ flag: 'RED' });
  });

  it('takes one rating of a finished application’s window (deprecated) and reports the parts’ satisfaction per item and department', async () => {
    const { token: citizen, input: houseTransfer, until } = await applicant();
    const submitted = await submit(s, citizen, await houseTransfer());
    const rate = (level: number, comment?: string) =>
      s.gql<{ rateApplication: { rating: { level: number; comment: string | null } } }>(
        'mutation R($a: ID!, $l: Int!, $c: String) { rateApplication(applicationId: $a, level: $l, comment: $c) { rating { level comment } } }',
        { a: submitted.id, l: level, c: comment },
        citizen,
      );
    const early = await rate(5);
    expect(early.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ rule: 'rating.notFinished' }),
    ]);
    // Both first parts at their departments before their clocks move (the deed tax too: a case arriving
    // after the move is not decided by it, and the transfer would never go).
    await until(submitted.id, bothFirstPartsAccepted, 'the deed tax and the withdrawal accepted');
    await advanceClocks(s, 48);
    await until(submitted.id, (a) => statusOf(a, 'RE-TRANSFER') === 'ACCEPTED', 'the transfer accepted');
    await advanceClocks(s, 24 * 10);
    await until(submitted.id, (a) => a.status === 'COMPLETED', 'completed');

    expect((await rate(6)).errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ rule: 'rating.level' }),
    ]);
    const rated = await rate(5, '一次办好，很满意');
    expect(rated.data!.rateApplication.rating).toEqual({ level: 5, comment: '一次办好，很满意' });
    expect((await rate(1)).errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ rule: 'rating.already' }),
    ]);
    // Satisfaction is the parts' (一事一评): each department's part rated on its own.
    const parts = await s.gql(
      'mutation R($i: RateServiceInput!) { rateService(input: $i) { id } }',
      { i: { applicationId: submitted.id, parts: submitted.parts.map((p) => ({ partId: p.id, level: 5 })) } },
      citizen,
    );
    expect(parts.errors, JSON.stringify(parts.errors)).toBeUndefined();

    const report = await s.gql<{
      byItem: { key: string; ratings: number; average: number; levels: number[] }[];
      byDepartment: { key: string; department: string; ratings: number }[];
    }>(
      '{ byItem: satisfaction(by: ITEM) { key ratings average levels } byDepartment: satisfaction(by: DEPARTMENT) { key department ratings } }',
      {},
      windowStaff,
    );
    expect(report.errors).toBeUndefined();
    const deedTax = report.data!.byItem.find((r) => r.key === 'TAX-DEED-TAX')!;
    expect(deedTax.ratings).toBeGreaterThanOrEqual(1);
    expect(deedTax.levels[4]).toBeGreaterThanOrEqual(1);
    expect(report.data!.byDepartment.map((r) => r.department).sort()).toEqual(['FUND', 'REALESTATE', 'TAX']);
    const denied = await s.gql('{ satisfaction { key } }', {}, citizen);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps materials for their applicant and the departments that handle the application', async () => {
    const { token: citizen, values: houseTransferValuesFor } = await applicant();
    const materials = await houseTransferMaterials(s, citizen);
    const get = (id: string, token: string) =>
      fetch(`${s.gatewayUrl}/materials/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const contract = materials.find((m) => m.id === 'sale-contract')!.uploadId;
    const mine = await get(contract, citizen);
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(FILES.pdf)).toBe(true);
    const staffFund = await s.token('staff-fund');
    expect((await get(contract, staffFund)).status).toBe(404);

    const submitted = await submit(s, citizen, {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValuesFor(),
      materials,
    });
    expect((await get(contract, staffFund)).status).toBe(200);
    expect((await get(contract, await s.token('staff-market'))).status).toBe(404);
    const handedIn = await s.gql<{
      application: { materials: { id: string; upload: { name: string; contentType: string } }[] };
    }>(
      'query A($id: ID!) { application(id: $id) { materials { id upload { name contentType } } } }',
      { id: submitted.id },
      citizen,
    );
    expect(handedIn.data!.application.materials).toContainEqual({
      id: 'sale-contract',
      upload: { name: '买卖合同.pdf', contentType: 'application/pdf' },
    });

    // A file that lies about its type is refused, whatever its name says.
    const liar = await fetch(`${s.gatewayUrl}/materials`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${citizen}`,
        'content-type': 'application/pdf',
        'x-material-name': 'a.pdf',
      },
      body: '<html><script>alert(1)</script></html>',
    });
    expect(liar.status).toBe(415);
    expect(((await liar.json()) as any).errors[0].extensions.code).toBe('MATERIAL_TYPE_NOT_ALLOWED');
  });

  it('takes only the departments’ signed callbacks, and answers them with nothing', async () => {
    const hall = `http://127.0.0.1:${s.ports.hall}/callbacks/case-status`;
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(hall, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const codeOf = async (res: Response) => ((await res.json()) as any).errors[0].extensions.code as string;
    const body = JSON.stringify({ department: 'tax', caseNumber: 'NO-SUCH-CASE' });
    const unsigned = await post(body);
    expect([unsigned.status, await codeOf(unsigned)]).toEqual([401, 'CALLBACK_UNSIGNED']);
    const forged = await post(body, signCallback('tax', 'fund-callback-dev-secret', body));
    expect([forged.status, await codeOf(forged)]).toEqual([401, 'CALLBACK_SIGNATURE_INVALID']);
    const stale = await post(body, signCallback('tax', TAX_SECRET, body, Date.now() - 3_600_000));
    expect([stale.status, await codeOf(stale)]).toEqual([401, 'CALLBACK_STALE']);
    // Signed by the tax department: an unknown case answers as a known one would, 202 and nothing.
    const signed = signCallback('tax', TAX_SECRET, body);
    const unknown = await post(body, signed);
    expect([unknown.status, await unknown.text()]).toEqual([202, '']);
    const replayed = await post(body, signed);
    expect([replayed.status, await codeOf(replayed)]).toEqual([401, 'CALLBACK_REPLAYED']);
    // A department nudges only its own cases; malformed bodies are refused by name once signed.
    const other = JSON.stringify({ department: 'fund', caseNumber: '' });
    const bad = await post(other, signCallback('tax', TAX_SECRET, other));
    expect(bad.status).toBe(400);
    const message = ((await bad.json()) as any).errors[0].message as string;
    expect(message).toMatch(/department must be the one that signed the callback \(tax\), not fund/);
    expect(message).toMatch(/caseNumber must be/);
  });

  it('answers a known case as an unknown one, and reads a case once for a storm of its callbacks', async () => {
    const { token: citizen, input: houseTransfer, until } = await applicant();
    const submitted = await submit(s, citizen, await houseTransfer());
    const accepted = await until(
      submitted.id,
      (a) => statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED',
      'the deed tax accepted',
    );
    const caseNumber = accepted.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!.caseNumber!;
    const hall = `http://127.0.0.1:${s.ports.hall}/callbacks/case-status`;
    const body = JSON.stringify({ department: 'tax', caseNumber, status: 'in_review' });
    await s.admin('tax').resetCounts();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(hall, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signCallback('tax', TAX_SECRET, body) },
          body,
        }).then(async (r) => [r.status, await r.text()]),
      ),
    );
    // The same answer as for a case the hall does not keep: nothing tells which cases exist.
    expect(new Set(answers.map((a) => a.join(' ')))).toEqual(new Set(['202 ']));
    // The decision then comes through the stand-in's own (signed) callback.
    await s.admin('tax').advanceClock({ advanceHours: 48 });
    await until(submitted.id, (a) => statusOf(a, 'TAX-DEED-TAX') === 'APPROVED', 'the deed tax approved');
    const { http } = await s.admin('tax').counts();
    // One read per case per coalescing window (CALLBACK_COALESCE_MS) while the storm lasts, and the
    // approval's: a handful, where a read per callback (as before) made one for nearly every one of them.
    expect(http).toBeLessThanOrEqual(20);
  });

  it('takes an instant approval (秒批) from the department’s own reading: what it issued flows on', async () => {
    // The market decides the moment it accepts: its answer to the submission says APPROVED already, but
    // carries no USCC; the hall must read the case for it before the tax registration may go.
    await s.admin('market').decideOnTheSpot(true);
    try {
      const prepared = await prepareApplication(s, population, 'SOLE-TRADER', 0);
      const id = await submitPrepared(s, prepared);
      const done = await eventually(
        () => application(s, prepared.token, id),
        (a) =>
          statusOf(a, 'TAX-NEW-TAXPAYER') !== 'WAITING' && statusOf(a, 'TAX-NEW-TAXPAYER') !== 'DISPATCHING',
        'the tax registration sent after the instant approval',
      );
      const market = done.parts.find((p) => p.itemCode === 'MKT-ESTABLISH-INDIVIDUAL')!;
      const uscc = market.result.find((x) => x.key === 'enterprise.uscc')?.value;
      expect(market.status).toBe('APPROVED');
      expect(uscc).toMatch(/^92/); // an individual business's USCC
      expect(statusOf(done, 'TAX-NEW-TAXPAYER')).toBe('ACCEPTED');
      const [taxCase] = await s
        .admin('tax')
        .cases({ item: 'TAX-NEW-TAXPAYER', applicant: prepared.applicantIdNumber });
      expect(taxCase?.fields['enterprise.uscc']).toBe(uscc);
    } finally {
      await s.admin('market').decideOnTheSpot(false);
    }
  });

  it('starts a business in one go: the new USCC flows to the taxpayer registration, the invoices and the fund', async () => {
    for (const d of DEPARTMENT_KEYS) await s.admin(d).decideOnTheSpot(true);
    try {
      const prepared = await prepareApplication(s, population, 'START-BUSINESS', 0);
      const id = await submitPrepared(s, prepared);
      const done = await eventually(
        () => application(s, prepared.token, id),
        (a) => a.status === 'COMPLETED' || a.parts.some((p) => ['REJECTED', 'CANCELLED'].includes(p.status)),
        'the business started',
      );
      expect(done.parts.map((p) => `${p.itemCode} ${p.status}`)).toEqual([
        'MKT-ESTABLISH APPROVED',
        'TAX-NEW-TAXPAYER APPROVED',
        'TAX-INVOICE APPROVED',
        'FUND-EMPLOYER-OPEN APPROVED',
      ]);
      const uscc = done.parts[0]!.result.find((x) => x.key === 'enterprise.uscc')?.value;
      expect(uscc).toMatch(/^91/); // a company's USCC
      // Each department received the USCC market regulation issued, the invoices two steps after it.
      for (const [dept, item] of [
        ['tax', 'TAX-NEW-TAXPAYER'],
        ['tax', 'TAX-INVOICE'],
        ['fund', 'FUND-EMPLOYER-OPEN'],
      ] as const) {
        const [c] = await s.admin(dept).cases({ item, applicant: prepared.applicantIdNumber });
        expect(c?.fields['enterprise.uscc'], item).toBe(uscc);
      }
    } finally {
      for (const d of DEPARTMENT_KEYS) await s.admin(d).decideOnTheSpot(false);
    }
  });

  it('refuses applications to anyone but an applicant', async () => {
    const r = await s.gql(
      `mutation S($i: ApplicationInput!) { submitApplication(input: $i) { application { ${APPLICATION_FIELDS} } } }`,
      { i: { bundleCode: 'HOUSE-TRANSFER', values: [] } },
      windowStaff,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anon = await s.gql(`{ myApplications { parts { ${PART_FIELDS} } } }`);
    expect(anon.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
  });
});
