import { beijingDate, WorkingDayCalendar } from '@onething/subgraph-hall';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advanceClocks,
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  parties,
  submit,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * The legal clock on the whole stack (限时办结, issue 19): the tax office asks for a correction and the
 * deed tax's clock stops — no flag against the department however long the applicant takes; the
 * correction received, it runs again with the deadline moved by the working days it stood still; the tax
 * office declares an appraisal and the deadline moves by its working days at once.
 */
const CLOCK_FIELDS = `
  state startedOn promisedWorkingDays deadline suspendedWorkingDays unknownCalendarYears
  stoppedBy { reason from until declaredDays workingDays department note }
  stops { reason from until declaredDays workingDays department declaredBy { subject name } note recordedAt }
`;
const CLOCK = `clock { ${CLOCK_FIELDS} }`;
interface Stop {
  reason: string;
  from: string;
  until: string | null;
  declaredDays: number | null;
  workingDays: number;
  department: string;
  declaredBy?: { subject: string; name: string } | null;
  note: string | null;
}
interface ClockView {
  state: string;
  startedOn: string | null;
  promisedWorkingDays: number;
  deadline: string | null;
  suspendedWorkingDays: number;
  unknownCalendarYears: number[];
  stoppedBy: Stop | null;
  stops: Stop[];
}
interface TaxPart {
  id: string;
  status: string;
  deadline: string | null;
  statusAt: string | null;
  supervision: { flag: string } | null;
  clock: ClockView;
}

const calendar = WorkingDayCalendar.official();

describe('the legal clock of a part, on the whole stack', () => {
  let s: TestStack;
  let buyer: string;
  let applicationId: string;
  let taxStaff: string;

  beforeAll(async () => {
    s = await startTestStack({ hallEnv: { POLL_INTERVAL_MS: '500' } });
    taxStaff = await s.token('staff-tax');
    const p = parties(0, [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))]);
    buyer = await buyerToken(s, p);
    const values = houseTransferValues(p.buyer.idNumber, p.seller.idNumber).map((v) =>
      // Declared far below the unit's earlier transfers: the tax office queries the price (补正).
      v.key === 'transaction.price' ? { ...v, value: (Number(v.value) / 1.2 / 4).toFixed(2) } : v,
    );
    const submitted = await submit(s, buyer, {
      bundleCode: 'HOUSE-TRANSFER',
      values,
      materials: await houseTransferMaterials(s, buyer),
    });
    applicationId = submitted.id;
  });
  afterAll(() => s?.stop());

  /** The deed tax part as its applicant reads it (supervision and clock judged at `asOf`). */
  const taxPart = async (asOf?: string): Promise<TaxPart> => {
    const r = await s.gql<{ application: { parts: (TaxPart & { itemCode: string })[] } }>(
      `query A($id: ID!, $asOf: DateTime) {
        application(id: $id) { parts { id itemCode status deadline statusAt supervision(asOf: $asOf) { flag } clock(asOf: $asOf) { ${CLOCK_FIELDS} } } }
      }`,
      { id: applicationId, asOf: asOf ?? null },
      buyer,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.application.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!;
  };
  const until = (check: (p: TaxPart) => boolean, what: string) => eventually(() => taxPart(), check, what);

  it('runs from the day the tax office accepted the case, to the promised deadline', async () => {
    const accepted = await until((p) => p.status === 'ACCEPTED', 'the deed tax accepted');
    expect(accepted.clock).toMatchObject({ state: 'RUNNING', suspendedWorkingDays: 0, stops: [] });
    expect(accepted.clock.deadline).toBe(
      calendar.addWorkingDays(accepted.clock.startedOn!, accepted.clock.promisedWorkingDays),
    );
    expect(accepted.deadline).toBe(accepted.clock.deadline);
  });

  it('stops when the tax office asks for a correction: no flag against it, however long the applicant takes', async () => {
    // Everything at its department before their clocks move (a case that arrives after waits for the next).
    await eventually(
      () =>
        s.gql<{ application: { parts: { status: string }[] } }>(
          'query A($id: ID!) { application(id: $id) { parts { status } } }',
          { id: applicationId },
          buyer,
        ),
      (r) => r.data!.application.parts.filter((p) => p.status === 'ACCEPTED').length >= 2,
      'the first parts accepted',
    );
    await advanceClocks(s, 48);
    const asked = await until((p) => p.status === 'CORRECTION_REQUESTED', 'a correction asked');
    expect(asked.clock.state).toBe('SUSPENDED');
    expect(asked.clock.stoppedBy).toMatchObject({
      reason: 'CORRECTION',
      from: beijingDate(asked.statusAt!),
      until: null,
      workingDays: 0,
      department: 'TAX',
    });
    expect(asked.clock.stoppedBy!.note).toBeTruthy();
    // Judged a year on, long past its deadline, it is still not flagged while the applicant has it.
    const later = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const judged = await taxPart(later);
    expect(judged.supervision).toBeNull();
    const flagged = await s.gql<{ flaggedParts: { part: { id: string } }[] }>(
      'query F($asOf: DateTime) { flaggedParts(department: TAX, asOf: $asOf) { part { id } } }',
      { asOf: later },
      taxStaff,
    );
    expect(flagged.errors, JSON.stringify(flagged.errors)).toBeUndefined();
    expect(flagged.data!.flaggedParts.map((f) => f.part.id)).not.toContain(asked.id);
  });

  it('runs again once the corrected price reaches the tax office, the deadline moved by the working days it stood still', async () => {
    const asked = await taxPart();
    const before = asked.clock.deadline!;
    // The applicant takes a week (by the departments' clocks) to answer, with the price the sale named:
    // the one declared was a quarter of it, after a fifth off.
    await advanceClocks(s, 7 * 24);
    const values = await s.gql<{ application: { values: { key: string; value: string }[] } }>(
      'query V($id: ID!) { application(id: $id) { values { key value } } }',
      { id: applicationId },
      buyer,
    );
    const low = Number(values.data!.application.values.find((v) => v.key === 'transaction.price')!.value);
    const corrected = await s.gql<{ correctApplication: { problems: unknown[] } }>(
      'mutation C($a: ID!, $p: ID!, $v: [FormValueInput!]!) { correctApplication(applicationId: $a, partId: $p, values: $v) { problems { field code } } }',
      { a: applicationId, p: asked.id, v: [{ key: 'transaction.price', value: (low * 4.8).toFixed(2) }] },
      buyer,
    );
    expect(corrected.errors, JSON.stringify(corrected.errors)).toBeUndefined();
    expect(corrected.data!.correctApplication.problems).toEqual([]);
    const back = await until(
      (p) => ['ACCEPTED', 'IN_REVIEW'].includes(p.status) && p.clock.state === 'RUNNING',
      'the corrected deed tax back at the tax office, its clock running',
    );
    const [stop] = back.clock.stops;
    expect(stop).toMatchObject({ reason: 'CORRECTION', from: asked.clock.stoppedBy!.from });
    // Received on the day of the tax office's answer, by its clock: the week not counted.
    expect(stop!.until).toBe(beijingDate(back.statusAt!));
    const stopped = calendar.workingDaysBetween(stop!.from, stop!.until!);
    expect(stopped).toBeGreaterThanOrEqual(4);
    expect(stop!.workingDays).toBe(stopped);
    expect(back.clock.suspendedWorkingDays).toBe(stopped);
    expect(back.clock.deadline).toBe(
      calendar.addWorkingDays(back.clock.startedOn!, back.clock.promisedWorkingDays + stopped),
    );
    expect(back.clock.deadline! > before).toBe(true);
    expect(back.deadline).toBe(back.clock.deadline);
    // A deadline in a year whose State Council schedule the hall lacks is said so, never silently trusted.
    const years = new Set<number>();
    for (
      let y = Number(back.clock.startedOn!.slice(0, 4));
      y <= Number(back.clock.deadline!.slice(0, 4));
      y++
    )
      if (!calendar.covers(y)) years.add(y);
    expect(back.clock.unknownCalendarYears).toEqual([...years]);
  });

  it('lets the tax office declare an appraisal: the deadline moves by its working days at once; bad input answered whole', async () => {
    const running = await until(
      (p) => p.clock.state === 'RUNNING' && p.status !== 'CORRECTION_REQUESTED',
      'running',
    );
    const DECLARE = `mutation D($p: ID!, $i: ClockStopInput!) {
      declareClockStop(partId: $p, input: $i) { id deadline ${CLOCK} }
    }`;
    const bad = await s.gql(
      DECLARE,
      { p: running.id, i: { reason: 'CORRECTION', workingDays: 0, note: ' ' } },
      taxStaff,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect(
      (bad.errors![0]!.extensions!.problems as { path: string; rule: string }[]).map(
        (p) => `${p.path} ${p.rule}`,
      ),
    ).toEqual(['reason clockStop.reason', 'workingDays clockStop.workingDays', 'note clockStop.note']);
    // Another department's staff do not learn of the part; window staff and applicants may not declare.
    const fund = await s.gql(
      DECLARE,
      { p: running.id, i: { reason: 'APPRAISAL', workingDays: 5, note: '评估' } },
      await s.token('staff-fund'),
    );
    expect(fund.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const who of [await s.token('window-staff'), buyer]) {
      const r = await s.gql(
        DECLARE,
        { p: running.id, i: { reason: 'APPRAISAL', workingDays: 5, note: '评估' } },
        who,
      );
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const declared = await s.gql<{ declareClockStop: TaxPart }>(
      DECLARE,
      {
        p: running.id,
        i: {
          reason: 'APPRAISAL',
          workingDays: 5,
          note: '申报价格明显偏低，委托价格认证中心评估，需 5 个工作日',
        },
      },
      taxStaff,
    );
    expect(declared.errors, JSON.stringify(declared.errors)).toBeUndefined();
    const part = declared.data!.declareClockStop;
    expect(part.clock.state).toBe('SUSPENDED');
    expect(part.clock.stops.at(-1)).toMatchObject({
      reason: 'APPRAISAL',
      declaredDays: 5,
      workingDays: 5,
      department: 'TAX',
      declaredBy: { subject: 'staff-tax-01' },
    });
    expect(part.clock.suspendedWorkingDays).toBe(running.clock.suspendedWorkingDays + 5);
    expect(part.deadline).toBe(
      calendar.addWorkingDays(
        part.clock.startedOn!,
        part.clock.promisedWorkingDays + part.clock.suspendedWorkingDays,
      ),
    );
    // A second declaration while it stands is refused, saying why.
    const again = await s.gql(
      DECLARE,
      { p: running.id, i: { reason: 'HEARING', workingDays: 3, note: '听证' } },
      taxStaff,
    );
    expect(
      (again.errors?.[0]?.extensions?.problems as { rule: string }[] | undefined)?.map((p) => p.rule),
    ).toEqual(['clockStop.alreadyStopped']);
  });

  it('counts the decided part in the centre’s figures by running time only, for its department and the supervisor', async () => {
    // Past the appraisal: the tax office decides.
    await advanceClocks(s, 24 * 14);
    const decided = await until(
      (p) => p.status === 'APPROVED' || p.status === 'REJECTED',
      'the deed tax decided',
    );
    const day = beijingDate(decided.statusAt!);
    const taken = Math.max(
      0,
      calendar.workingDaysBetween(decided.clock.startedOn!, day) - decided.clock.suspendedWorkingDays,
    );
    const filter = { from: decided.clock.startedOn!, to: calendar.addWorkingDays(day, 40) };
    const FIGURES = `query P($f: PerformanceFilter!) { performance(filter: $f, by: ITEM) {
      key partsCompleted onTime overdue averageWorkingDays corrections refusals } }`;
    type Row = {
      key: string;
      partsCompleted: number;
      onTime: number;
      averageWorkingDays: number;
      corrections: number;
      refusals: number;
    };
    for (const who of [taxStaff, await s.token('supervisor')]) {
      const r = await s.gql<{ performance: Row[] }>(FIGURES, { f: filter }, who);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      expect(r.data!.performance.find((x) => x.key === 'TAX-DEED-TAX')).toMatchObject({
        partsCompleted: 1,
        onTime: day <= decided.deadline! ? 1 : 0,
        averageWorkingDays: taken,
        corrections: 1,
        refusals: decided.status === 'REJECTED' ? 1 : 0,
      });
    }
    // The week the applicant took and the appraisal are not the department's time.
    expect(taken).toBeLessThan(calendar.workingDaysBetween(decided.clock.startedOn!, day));
    // Another department's staff see their own department's figures only, and are refused the tax office's.
    const market = await s.token('staff-market');
    const theirs = await s.gql<{ performance: Row[] }>(FIGURES, { f: filter }, market);
    expect(theirs.data!.performance.map((x) => x.key)).not.toContain('TAX-DEED-TAX');
    const refused = await s.gql(FIGURES, { f: { ...filter, department: 'TAX' } }, market);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await s.gql(FIGURES, { f: filter }, buyer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The window officers' figures are their centre's supervisor's, not a department's.
    const officers = 'query O($f: PerformanceFilter!) { performance(filter: $f, by: OFFICER) { key label } }';
    expect((await s.gql(officers, { f: filter }, taxStaff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await s.gql(officers, { f: filter }, await s.token('supervisor'))).errors).toBeUndefined();
  });
});
