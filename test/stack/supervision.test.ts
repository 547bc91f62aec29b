import { beijingClock, type HallSubgraph, WorkingDayCalendar } from '@onething/subgraph-hall';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  parties,
  submit,
} from './house-transfer';
import { type InProcessStack, startInProcessTestStack } from './in-process';
import type { TestStack } from './support';

/**
 * E-supervision on the whole stack (issue 19): a part going yellow tells its department and the
 * responsible window officer, going red tells the centre's supervisors and the department, each once; a
 * supervisor urges (催办) the department, which answers once, and the urge stays on the part; a supervisor
 * loads a year's holiday schedule the release does not ship, every problem of a bad one named at once,
 * and the deadlines reaching into it are counted again. The hall runs in this process on a clock the test
 * moves, and its sweep is run by the test rather than by its timer.
 */
const DAY = 86_400_000;
const calendar = WorkingDayCalendar.official();

interface StaffNoticeView {
  kind: string;
  audience: string;
  applicationId: string;
  part: { id: string };
  deadline: string | null;
  workingDaysLeft: number | null;
  text: { zh: string; en: string };
  urge: { id: string; answer: string | null } | null;
}
const NOTICE_FIELDS =
  'kind audience applicationId part { id } deadline workingDaysLeft text { zh en } urge { id answer }';

describe('e-supervision: staff told of time limits, urges answered, the calendar kept', () => {
  let s: InProcessStack;
  let shiftMs = 0;
  let submittedOn = '';
  let hall: HallSubgraph;
  let buyer: string;
  let applicationId: string;
  let taxPart: { id: string; deadline: string };
  const tokens: Record<string, string> = {};

  /** Moves the hall's today to `date` (a Beijing date), keeping the time of day. */
  const hallToday = (date: string) => {
    const now = Date.now();
    const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
    shiftMs = Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
    expect(beijingClock(() => new Date(Date.now() + shiftMs)).today()).toBe(date);
  };
  const notices = async (who: string): Promise<StaffNoticeView[]> => {
    const r = await s.gql<{ staffNotices: StaffNoticeView[] }>(
      `{ staffNotices(limit: 200) { ${NOTICE_FIELDS} } }`,
      {},
      tokens[who],
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    // The deed tax's (the fund's withdrawal, accepted beside it, has a deadline of its own).
    return r.data!.staffNotices.filter((n) => n.part.id === taxPart.id);
  };
  const kinds = async (who: string) => (await notices(who)).map((n) => `${n.kind}/${n.audience}`).sort();

  beforeAll(async () => {
    s = await startInProcessTestStack(
      { hallEnv: { SUPERVISION_INTERVAL_MS: '0', POLL_INTERVAL_MS: '500', PERFORMANCE_SETTLE_MS: '0' } },
      beijingClock(() => new Date(Date.now() + shiftMs)),
    );
    const stack = s as unknown as TestStack;
    hall = s.service<HallSubgraph>('subgraph-hall');
    for (const p of ['staff-tax', 'staff-realestate', 'window-staff', 'supervisor'])
      tokens[p] = await s.token(p);
    tokens.otherSupervisor = await s.customToken({
      role: 'supervisor',
      sub: 'staff-supervisor-nanxun',
      name: '钱国栋',
      centre: '南浔区行政服务中心',
    });
    const p = parties(3, [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))]);
    buyer = await buyerToken(stack, p);
    const submitted = await submit(stack, buyer, {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
      materials: await houseTransferMaterials(stack, buyer),
    });
    applicationId = submitted.id;
    submittedOn = beijingClock(() => new Date(Date.now() + shiftMs)).today();
    // The window officer takes responsibility (首问负责): the application becomes their centre's.
    const taken = await s.gql(
      'mutation T($id: ID!) { takeResponsibility(applicationId: $id) { id } }',
      { id: applicationId },
      tokens['window-staff'],
    );
    expect(taken.errors, JSON.stringify(taken.errors)).toBeUndefined();
    const accepted = await eventually(
      () =>
        s.gql<{
          application: { parts: { id: string; itemCode: string; status: string; deadline: string | null }[] };
        }>(
          'query A($id: ID!) { application(id: $id) { parts { id itemCode status deadline } } }',
          { id: applicationId },
          buyer,
        ),
      (r) => r.data?.application.parts.find((x) => x.itemCode === 'TAX-DEED-TAX')?.status === 'ACCEPTED',
      'the deed tax accepted',
    );
    const part = accepted.data!.application.parts.find((x) => x.itemCode === 'TAX-DEED-TAX')!;
    taxPart = { id: part.id, deadline: part.deadline! };
  }, 240_000);
  afterAll(() => s?.stop());

  it('yellow: tells the department’s staff and the responsible officer, once, and not the supervisors or another department', async () => {
    // The working day before the deadline: one working day left.
    let day = taxPart.deadline;
    do day = new Date(Date.parse(day) - DAY).toISOString().slice(0, 10);
    while (!calendar.isWorkingDay(day));
    hallToday(day);
    expect(await hall.watch.sweep()).toBeGreaterThanOrEqual(2);
    expect(await hall.watch.sweep(), 'a second sweep writes nothing').toBe(0);
    expect(await kinds('staff-tax')).toEqual(['PART_YELLOW/DEPARTMENT']);
    expect(await kinds('window-staff')).toEqual(['PART_YELLOW/OFFICER']);
    expect(await kinds('supervisor')).toEqual([]);
    expect(await kinds('staff-realestate')).toEqual([]);
    const [n] = await notices('staff-tax');
    expect(n).toMatchObject({ part: { id: taxPart.id }, deadline: taxPart.deadline, workingDaysLeft: 1 });
    expect(n!.text.zh).toContain('黄灯预警');
  });

  it('red: tells the centre’s supervisors and the department, once; not a supervisor of another centre', async () => {
    hallToday(calendar.addWorkingDays(taxPart.deadline, 2));
    expect(await hall.watch.sweep()).toBeGreaterThanOrEqual(2);
    expect(await hall.watch.sweep()).toBe(0);
    expect(await kinds('supervisor')).toEqual(['PART_RED/SUPERVISOR']);
    expect(await kinds('staff-tax')).toEqual(['PART_RED/DEPARTMENT', 'PART_YELLOW/DEPARTMENT']);
    expect(await kinds('window-staff'), 'red is not the officer’s').toEqual(['PART_YELLOW/OFFICER']);
    expect(await kinds('otherSupervisor')).toEqual([]);
    const [red] = await notices('supervisor');
    expect(red).toMatchObject({ workingDaysLeft: -2, deadline: taxPart.deadline });
  });

  it('催办: a supervisor urges the department, which answers once; both stay on the part', async () => {
    const urge = (token: string, partId = taxPart.id) =>
      s.gql<{ urgePart: { id: string; message: string; urgedBy: { name: string } } }>(
        'mutation U($p: ID!, $m: String!) { urgePart(partId: $p, message: $m) { id message urgedBy { name } } }',
        { p: partId, m: '已超期两个工作日，请今日内办结并答复。' },
        token,
      );
    // Only a supervisor, and only on a part of their centre.
    expect((await urge(tokens['window-staff']!)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await urge(tokens['staff-tax']!)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await urge(tokens.otherSupervisor!)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const blank = await s.gql(
      'mutation U($p: ID!) { urgePart(partId: $p, message: "  ") { id } }',
      { p: taxPart.id },
      tokens.supervisor,
    );
    expect(blank.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');

    const sent = await urge(tokens.supervisor!);
    expect(sent.errors, JSON.stringify(sent.errors)).toBeUndefined();
    const urgeId = sent.data!.urgePart.id;
    expect(sent.data!.urgePart.urgedBy.name).toBe('吴国平');
    const told = (await notices('staff-tax')).find((n) => n.kind === 'URGED')!;
    expect(told).toMatchObject({ audience: 'DEPARTMENT', urge: { id: urgeId, answer: null } });
    expect(told.text.zh).toContain('已超期两个工作日');

    const answer = (token: string) =>
      s.gql<{ answerUrge: { answer: string; answeredBy: { name: string } } }>(
        'mutation A($u: ID!, $a: String!) { answerUrge(urgeId: $u, answer: $a) { answer answeredBy { name } } }',
        { u: urgeId, a: '评估价格复核已完成，今日出具完税凭证。' },
        token,
      );
    expect(
      (await answer(tokens['staff-realestate']!)).errors?.[0]?.extensions?.code,
      'another department',
    ).toBe('NOT_FOUND');
    expect((await answer(tokens.supervisor!)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const answered = await answer(tokens['staff-tax']!);
    expect(answered.errors, JSON.stringify(answered.errors)).toBeUndefined();
    expect(answered.data!.answerUrge.answeredBy.name).toBe('李建华');
    expect((await answer(tokens['staff-tax']!)).errors?.[0]?.extensions?.code, 'answered twice').toBe(
      'INVALID_INPUT',
    );
    expect((await notices('supervisor')).map((n) => n.kind).sort()).toEqual(['PART_RED', 'URGE_ANSWERED']);

    const onPart = async (token: string) =>
      (
        await s.gql<{
          application: { parts: { id: string; urges: { message: string; answer: string | null }[] }[] };
        }>(
          'query A($id: ID!) { application(id: $id) { parts { id urges { message answer } } } }',
          { id: applicationId },
          token,
        )
      ).data!.application.parts.find((p) => p.id === taxPart.id)!.urges;
    expect(await onPart(tokens.supervisor!)).toEqual([
      { message: '已超期两个工作日，请今日内办结并答复。', answer: '评估价格复核已完成，今日出具完税凭证。' },
    ]);
    expect(await onPart(tokens['staff-tax']!)).toHaveLength(1);
    expect(await onPart(buyer), 'urges are the staff’s').toEqual([]);
  });

  it('a supervisor loads a year the release does not ship: every problem at once, then deadlines counted on it', async () => {
    // A 60-working-day appraisal takes the deed tax's deadline into a year the release does not ship.
    const stop = await s.gql<{ declareClockStop: { deadline: string } }>(
      'mutation D($p: ID!) { declareClockStop(partId: $p, input: { reason: APPRAISAL, workingDays: 60, note: "房屋价格评估" }) { deadline } }',
      { p: taxPart.id },
      tokens['staff-tax'],
    );
    expect(stop.errors, JSON.stringify(stop.errors)).toBeUndefined();
    const stretched = stop.data!.declareClockStop.deadline;
    const year = Number(stretched.slice(0, 4));
    expect(calendar.covers(year), `${year} is not shipped`).toBe(false);

    const load = (token: string, input: Record<string, unknown>) =>
      s.gql<{
        loadCalendarYear: {
          year: { year: number; source: string; loadedBy: { name: string } };
          deadlinesMoved: number;
        };
      }>(
        'mutation L($i: CalendarYearInput!) { loadCalendarYear(input: $i) { year { year source loadedBy { name } } deadlinesMoved } }',
        { i: input },
        token,
      );
    // A schedule made up for the test (the hall does not check it against the State Council's notice).
    const schedule = {
      year,
      notice: `测试用 ${year} 年节假日安排`,
      holidays: [
        { from: `${year}-01-01`, to: `${year}-01-03`, name: '元旦' },
        { from: `${year}-02-05`, to: `${year}-02-13`, name: '春节' },
      ],
      workdays: [],
    };
    expect((await load(tokens['window-staff']!, schedule)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await load(tokens.supervisor!, {
      year: 2026,
      notice: '',
      holidays: [
        { from: '2026-05-01', to: '2026-05-05', name: '劳动节' },
        { from: '2026-05-04', to: '2026-05-30', name: '' },
      ],
      workdays: ['2026-05-06'],
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    const rules = (bad.errors![0]!.extensions!.problems as { rule: string }[]).map((p) => p.rule).sort();
    expect(rules).toEqual(
      ['calendar.length', 'calendar.name', 'calendar.notice', 'calendar.shipped', 'calendar.workday'].sort(),
    );

    const loaded = await load(tokens.supervisor!, schedule);
    expect(loaded.errors, JSON.stringify(loaded.errors)).toBeUndefined();
    expect(loaded.data!.loadCalendarYear).toMatchObject({
      year: { year, source: 'LOADED', loadedBy: { name: '吴国平' } },
    });
    expect(loaded.data!.loadCalendarYear.deadlinesMoved).toBeGreaterThanOrEqual(1);

    const clock = await s.gql<{
      application: {
        parts: {
          id: string;
          deadline: string;
          clock: { deadline: string; unknownCalendarYears: number[] };
        }[];
      };
    }>(
      'query A($id: ID!) { application(id: $id) { parts { id deadline clock { deadline unknownCalendarYears } } } }',
      { id: applicationId },
      buyer,
    );
    const tax = clock.data!.application.parts.find((p) => p.id === taxPart.id)!;
    expect(tax.clock.unknownCalendarYears).toEqual([]);
    // Counted on the loaded year, its holidays are not working days: the deadline moved later.
    expect(tax.deadline > stretched, `${tax.deadline} after ${stretched}`).toBe(true);
    expect(tax.deadline).toBe(tax.clock.deadline);

    const years = await s.gql<{ calendarYears: { year: number; source: string; notice: string }[] }>(
      '{ calendarYears { year source notice } }',
      {},
      tokens['staff-tax'],
    );
    expect(years.data!.calendarYears.find((y) => y.year === year)).toEqual({
      year,
      source: 'LOADED',
      notice: schedule.notice,
    });
    expect(years.data!.calendarYears.find((y) => y.year === 2026)?.source).toBe('SHIPPED');
    expect((await s.gql('{ calendarYears { year } }', {}, buyer)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
  it('sums the days gone by for the performance figures at its sweep, and the figures read from the sums count the transfer', async () => {
    const today = calendar.addWorkingDays(taxPart.deadline, 3);
    hallToday(today);
    await hall.watch.sweep();
    const yesterday = new Date(Date.parse(today) - DAY).toISOString().slice(0, 10);
    expect(await hall.rollup.readyThrough()).toBe(yesterday);
    const parts = await s.gql<{ application: { parts: { id: string }[] } }>(
      'query A($id: ID!) { application(id: $id) { parts { id } } }',
      { id: applicationId },
      buyer,
    );
    const figures = await s.gql<{
      performance: { key: string; applicationsTakenIn: number; partsTakenIn: number }[];
    }>(
      'query P($f: PerformanceFilter!) { performance(filter: $f) { key applicationsTakenIn partsTakenIn } }',
      { f: { from: submittedOn, to: yesterday } },
      tokens.supervisor,
    );
    expect(figures.errors, JSON.stringify(figures.errors)).toBeUndefined();
    expect(figures.data!.performance).toEqual([
      { key: 'ALL', applicationsTakenIn: 1, partsTakenIn: parts.data!.application.parts.length },
    ]);
  });
});
