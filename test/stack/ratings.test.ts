import { beijingClock, beijingDate, type HallSubgraph, WorkingDayCalendar } from '@onething/subgraph-hall';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApplicationView,
  advanceClocks,
  application,
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  parties,
  statusOf,
  submit,
} from './house-transfer';
import { type InProcessStack, startInProcessTestStack } from './in-process';
import type { TestStack } from './support';

/**
 * 好差评, 一事一评 on the whole stack (issue 20, 国办发〔2019〕51号): a house transfer's parts rated each as its
 * department finishes it and the window's service once it completes; a bad rating of the deed tax opens a
 * follow-up the tax office is told of and sees (others do not), called back, rectified and answered by the
 * applicant; a follow-up left open is flagged to its department and the supervisors once per due. The hall
 * runs in this process on a clock the test moves; its sweep is run by the test.
 */
const calendar = WorkingDayCalendar.official();

interface FollowUpView {
  id: string;
  applicationId: string;
  status: string;
  department: string | null;
  overdue: boolean;
  callBackDue: string;
  rectifyDue: string;
  officerName: string | null;
  calledBackBy: { name: string } | null;
  applicantView: string | null;
  rating: { level: number; reasons: string[]; part: { id: string } | null };
}
const FOLLOW_UP =
  'id applicationId status department overdue callBackDue rectifyDue officerName calledBackBy { name } applicantView rating { level reasons part { id } }';

describe('rating each department’s part and the window, and following up every bad rating', () => {
  let s: InProcessStack;
  let shiftMs = 0;
  let hall: HallSubgraph;
  let buyer: string;
  let applicationId: string;
  const part: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  let taxFollowUp: string;

  const hallToday = (date: string) => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    shiftMs = Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  };
  const read = (id: string) => application(s as unknown as TestStack, buyer, id);
  const until = (check: (a: ApplicationView) => boolean, what: string) =>
    eventually(() => read(applicationId), check, what, 60_000);
  const rate = (input: Record<string, unknown>, token = buyer) =>
    s.gql<{
      rateService: { id: string; ratings: { target: string; level: number; part: { id: string } | null }[] };
    }>(
      'mutation R($i: RateServiceInput!) { rateService(input: $i) { id ratings { target level part { id } } } }',
      { i: { applicationId, ...input } },
      token,
    );
  const rules = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
    ((r.errors?.[0]?.extensions?.problems ?? []) as { path: string; rule: string }[]).map(
      (p) => `${p.path} ${p.rule}`,
    );
  const followUps = async (who: string, args = '') => {
    const r = await s.gql<{ ratingFollowUps: FollowUpView[] }>(
      `{ ratingFollowUps${args} { ${FOLLOW_UP} } }`,
      {},
      tokens[who],
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.ratingFollowUps.filter((f) => f.applicationId === applicationId);
  };
  const notices = async (who: string) => {
    const r = await s.gql<{
      staffNotices: {
        kind: string;
        audience: string;
        applicationId: string;
        followUp: { id: string } | null;
        text: { zh: string };
      }[];
    }>(
      '{ staffNotices(limit: 200) { kind audience applicationId followUp { id } text { zh } } }',
      {},
      tokens[who],
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.staffNotices.filter((n) => n.applicationId === applicationId);
  };
  const act = async <T>(mutation: string, vars: Record<string, unknown>, who: string) =>
    s.gql<T>(mutation, vars, tokens[who] ?? who);

  beforeAll(async () => {
    s = await startInProcessTestStack(
      { hallEnv: { SUPERVISION_INTERVAL_MS: '0', POLL_INTERVAL_MS: '500' } },
      beijingClock(() => new Date(Date.now() + shiftMs)),
    );
    const stack = s as unknown as TestStack;
    hall = s.service<HallSubgraph>('subgraph-hall');
    for (const p of ['staff-tax', 'staff-realestate', 'staff-fund', 'window-staff', 'supervisor'])
      tokens[p] = await s.token(p);
    const p = parties(5, [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))]);
    buyer = await buyerToken(stack, p);
    const submitted = await submit(stack, buyer, {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
      materials: await houseTransferMaterials(stack, buyer),
    });
    applicationId = submitted.id;
    for (const x of submitted.parts) part[x.itemCode] = x.id;
    // The window officer takes responsibility (首问负责): the application becomes their centre's.
    const taken = await act(
      'mutation T($id: ID!) { takeResponsibility(applicationId: $id) { id } }',
      { id: applicationId },
      'window-staff',
    );
    expect(taken.errors, JSON.stringify(taken.errors)).toBeUndefined();
    await until(
      (a) =>
        statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED' && statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the deed tax and the withdrawal accepted',
    );
    await advanceClocks(stack, 48);
    await until((a) => statusOf(a, 'TAX-DEED-TAX') === 'APPROVED', 'the deed tax approved');
  }, 240_000);
  afterAll(() => s?.stop());

  it('a part is rated once it is finished, others not yet; every problem named at once', async () => {
    const early = await rate({
      window: { level: 5 },
      parts: [
        { partId: part['RE-TRANSFER'], level: 5 },
        { partId: part['TAX-DEED-TAX'], level: 2 },
      ],
    });
    expect(early.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect(rules(early)).toEqual([
      'window rating.notFinished',
      'parts.0.partId rating.notFinished',
      'parts.1.reasons rating.reasons',
    ]);
    // Department staff do not rate (nor do they act for an applicant).
    const byStaff = await rate({ parts: [{ partId: part['TAX-DEED-TAX'], level: 5 }] }, tokens['staff-tax']);
    expect(byStaff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const rated = await rate({
      parts: [
        {
          partId: part['TAX-DEED-TAX'],
          level: 1,
          reasons: ['SLOW', 'MULTIPLE_VISITS'],
          comment: '来回跑了三趟',
        },
      ],
    });
    expect(rated.errors, JSON.stringify(rated.errors)).toBeUndefined();
    expect(rated.data!.rateService.ratings).toEqual([
      { target: 'PART', level: 1, part: { id: part['TAX-DEED-TAX'] } },
    ]);

    const again = await rate({ parts: [{ partId: part['TAX-DEED-TAX'], level: 5 }] });
    expect(rules(again)).toEqual(['parts.0.partId rating.already']);
    const problems = (again.errors?.[0]?.extensions?.problems ?? []) as { message: { zh: string } }[];
    expect(problems[0]?.message.zh).toContain('契税');
  });

  it('a bad rating opens a follow-up the tax office is told of and sees; other departments do not', async () => {
    const [f] = await followUps('staff-tax');
    expect(f).toMatchObject({
      status: 'OPEN',
      department: 'TAX',
      overdue: false,
      rating: { level: 1, reasons: ['SLOW', 'MULTIPLE_VISITS'], part: { id: part['TAX-DEED-TAX'] } },
    });
    taxFollowUp = f!.id;
    // Due in one and in fifteen working days from today (Beijing), at the day's end.
    const today = new Date(Date.now() + shiftMs + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(f!.callBackDue).toBe(
      new Date(`${calendar.addWorkingDays(today, 1)}T23:59:59.999+08:00`).toISOString(),
    );
    expect(f!.rectifyDue).toBe(
      new Date(`${calendar.addWorkingDays(today, 15)}T23:59:59.999+08:00`).toISOString(),
    );
    expect(await followUps('staff-realestate')).toEqual([]);
    expect(await followUps('staff-fund')).toEqual([]);
    expect(await followUps('window-staff'), 'window staff see the window’s follow-ups').toEqual([]);
    expect(
      (await followUps('supervisor')).map((x) => x.id),
      'the centre’s supervisors see all',
    ).toEqual([taxFollowUp]);
    const told = (await notices('staff-tax')).filter((n) => n.kind === 'BAD_RATING');
    expect(told).toEqual([
      expect.objectContaining({ audience: 'DEPARTMENT', followUp: { id: taxFollowUp } }),
    ]);
    expect(told[0]!.text.zh).toContain('来回跑了三趟');
    expect(await notices('staff-realestate')).toEqual([]);
  });

  it('called back and rectified by the tax office, answered by the applicant: closed', async () => {
    const callBack = (who: string, note = '已电话回访：核税窗口排队时间长') =>
      act<{ recordCallBack: FollowUpView }>(
        `mutation C($f: ID!, $n: String!) { recordCallBack(followUpId: $f, note: $n) { ${FOLLOW_UP} } }`,
        { f: taxFollowUp, n: note },
        who,
      );
    expect((await callBack('staff-realestate')).errors?.[0]?.extensions?.code, 'another department').toBe(
      'NOT_FOUND',
    );
    expect((await callBack('supervisor')).errors?.[0]?.extensions?.code, 'not the supervisor’s to do').toBe(
      'FORBIDDEN',
    );
    expect((await callBack(buyer)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(rules(await callBack('staff-tax', ' '))).toEqual(['note followUp.note']);
    const rectifyFirst = await act(
      'mutation R($f: ID!) { recordRectification(followUpId: $f, rectification: "增设窗口") { id } }',
      { f: taxFollowUp },
      'staff-tax',
    );
    expect(rules(rectifyFirst), 'the refusal names the state').toEqual(['followUpId followUp.state']);
    expect(rectifyFirst.errors?.[0]?.message).toContain('OPEN');

    const called = await callBack('staff-tax');
    expect(called.errors, JSON.stringify(called.errors)).toBeUndefined();
    expect(called.data!.recordCallBack).toMatchObject({
      status: 'CALLED_BACK',
      calledBackBy: { name: '李建华' },
    });
    const rectified = await act<{ recordRectification: FollowUpView }>(
      `mutation R($f: ID!) { recordRectification(followUpId: $f, rectification: "核税窗口增至三个，预约办理") { ${FOLLOW_UP} } }`,
      { f: taxFollowUp },
      'staff-tax',
    );
    expect(rectified.data!.recordRectification.status).toBe('RECTIFIED');

    // The applicant reads their rating's follow-up: who called them back by name, no staff record.
    const mine = await s.gql<{ application: { ratings: { followUp: FollowUpView | null }[] } }>(
      `query A($id: ID!) { application(id: $id) { ratings { followUp { ${FOLLOW_UP} } } } }`,
      { id: applicationId },
      buyer,
    );
    expect(mine.errors, JSON.stringify(mine.errors)).toBeUndefined();
    expect(mine.data!.application.ratings[0]!.followUp).toMatchObject({
      status: 'RECTIFIED',
      officerName: '李建华',
      calledBackBy: null,
    });
    const answer = (view: string, comment: string | null, who = buyer) =>
      s.gql<{ answerFollowUp: FollowUpView }>(
        `mutation A($f: ID!, $v: ApplicantFollowUpView!, $c: String) { answerFollowUp(followUpId: $f, view: $v, comment: $c) { ${FOLLOW_UP} } }`,
        { f: taxFollowUp, v: view, c: comment },
        who,
      );
    expect(rules(await answer('NOT_SATISFIED', null)), 'not satisfied says why').toEqual([
      'comment followUp.comment',
    ]);
    expect((await answer('SATISFIED', null, tokens['staff-tax'])).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    // An agent the buyer delegated another bundle to may not answer for them: a delegation is judged by the
    // bundle of the application the follow-up is of, as a rating is.
    const agent = await s.token('agent');
    const claims = JSON.parse(Buffer.from(agent.split('.')[1]!, 'base64url').toString()) as {
      id_number: string;
      name: string;
    };
    const granted = await s.gql<{
      grantDelegation: { delegation: { id: string } | null; problems: unknown[] };
    }>(
      'mutation G($i: DelegationInput!) { grantDelegation(input: $i) { delegation { id } problems { field } } }',
      {
        i: {
          agentIdNumber: claims.id_number,
          agentName: claims.name,
          bundleCodes: ['START-BUSINESS'],
          validUntil: beijingDate(new Date(Date.now() + shiftMs + 30 * 86_400_000)),
        },
      },
      buyer,
    );
    expect(granted.data?.grantDelegation.problems, JSON.stringify(granted)).toEqual([]);
    const asAgent = await s.gql(
      'mutation A($f: ID!, $o: OnBehalfOf) { answerFollowUp(followUpId: $f, view: SATISFIED, onBehalfOf: $o) { id } }',
      { f: taxFollowUp, o: { delegationId: granted.data!.grantDelegation.delegation!.id } },
      agent,
    );
    expect(asAgent.errors?.[0]?.extensions?.code).toBe('DELEGATION_OUT_OF_SCOPE');
    const answered = await answer('SATISFIED', '已改进');
    expect(answered.errors, JSON.stringify(answered.errors)).toBeUndefined();
    expect(answered.data!.answerFollowUp).toMatchObject({ status: 'CLOSED', applicantView: 'SATISFIED' });
    expect(rules(await answer('SATISFIED', null))).toEqual(['followUpId followUp.state']);
  });

  it('the finished transfer: the other parts and the window rated in one answer; satisfaction reads the parts', async () => {
    await until((a) => statusOf(a, 'RE-TRANSFER') === 'ACCEPTED', 'the transfer accepted');
    await advanceClocks(s as unknown as TestStack, 24 * 10);
    await until((a) => a.status === 'COMPLETED', 'completed');
    const rated = await rate({
      window: { level: 2, reasons: ['ATTITUDE'], comment: '窗口等候时间长' },
      parts: [
        { partId: part['FUND-PURCHASE-WITHDRAWAL'], level: 4 },
        { partId: part['RE-TRANSFER'], level: 2, reasons: ['UNCLEAR_MATERIALS'] },
      ],
    });
    expect(rated.errors, JSON.stringify(rated.errors)).toBeUndefined();
    expect(rated.data!.rateService.ratings.map((r) => `${r.target} ${r.level}`)).toEqual([
      'WINDOW 2',
      'PART 1',
      'PART 4',
      'PART 2',
    ]);
    const old = await s.gql<{ application: { rating: { level: number; comment: string } } }>(
      'query A($id: ID!) { application(id: $id) { rating { level comment } } }',
      { id: applicationId },
      buyer,
    );
    expect(old.data!.application.rating, 'the deprecated rating is the window’s').toEqual({
      level: 2,
      comment: '窗口等候时间长',
    });
    const legacy = await s.gql(
      'mutation R($a: ID!) { rateApplication(applicationId: $a, level: 4) { id } }',
      { a: applicationId },
      buyer,
    );
    expect(rules(legacy)).toEqual(['window rating.already']);
    // A department's staff read the ratings of their own parts only: not the other departments', nor the window's.
    const asTax = await s.gql<{
      application: { ratings: { target: string; department: string | null }[]; rating: unknown };
    }>(
      'query A($id: ID!) { application(id: $id) { ratings { target department } rating { level } } }',
      { id: applicationId },
      tokens['staff-tax']!,
    );
    expect(asTax.errors, JSON.stringify(asTax.errors)).toBeUndefined();
    expect(asTax.data!.application.ratings).toEqual([{ target: 'PART', department: 'TAX' }]);
    expect(asTax.data!.application.rating).toBeNull();

    const report = await s.gql<{ byItem: { key: string; ratings: number; levels: number[] }[] }>(
      '{ byItem: satisfaction(by: ITEM) { key ratings levels } }',
      {},
      tokens['window-staff'],
    );
    const deedTax = report.data!.byItem.find((r) => r.key === 'TAX-DEED-TAX')!;
    expect(deedTax.levels[0]).toBe(1);
  });

  it('the window’s bad rating is its centre’s window’s to follow up, not a department’s', async () => {
    const [windowFollowUp] = await followUps('window-staff');
    expect(windowFollowUp).toMatchObject({
      status: 'OPEN',
      department: null,
      rating: { level: 2, part: null },
    });
    expect((await followUps('staff-tax')).map((f) => f.id)).not.toContain(windowFollowUp!.id);
    expect((await followUps('supervisor')).map((f) => f.id)).toContain(windowFollowUp!.id);
    // The supervisors and the responsible officer are told.
    const told = async (who: string) =>
      (await notices(who))
        .filter((n) => n.kind === 'BAD_RATING' && n.followUp?.id === windowFollowUp!.id)
        .map((n) => n.audience);
    expect(await told('supervisor')).toEqual(['SUPERVISOR']);
    expect(await told('window-staff')).toEqual(['OFFICER']);
    expect(await told('staff-tax')).toEqual([]);
    const called = await act<{ recordCallBack: FollowUpView }>(
      `mutation C($f: ID!) { recordCallBack(followUpId: $f, note: "已致电致歉，说明高峰时段分流安排") { ${FOLLOW_UP} } }`,
      { f: windowFollowUp!.id },
      'window-staff',
    );
    expect(called.errors, JSON.stringify(called.errors)).toBeUndefined();
    expect(called.data!.recordCallBack.status).toBe('CALLED_BACK');
  });

  it('a follow-up left open is flagged to its department and the supervisors, once per due', async () => {
    const [registry] = await followUps('staff-realestate');
    expect(registry).toMatchObject({ status: 'OPEN', department: 'REALESTATE' });
    const today = new Date(Date.now() + shiftMs + 8 * 3_600_000).toISOString().slice(0, 10);
    hallToday(calendar.addWorkingDays(today, 2));
    expect(await hall.watch.sweep(), 'the department and the supervisors').toBe(2);
    expect(await hall.watch.sweep(), 'a second sweep writes nothing').toBe(0);
    const overdue = async (who: string) =>
      (await notices(who))
        .filter((n) => n.kind === 'FOLLOW_UP_OVERDUE')
        .map((n) => `${n.audience} ${n.followUp?.id}`);
    expect(await overdue('staff-realestate')).toEqual([`DEPARTMENT ${registry!.id}`]);
    expect(await overdue('supervisor')).toEqual([`SUPERVISOR ${registry!.id}`]);
    expect(await overdue('staff-tax')).toEqual([]);
    expect((await followUps('staff-realestate', '(overdueOnly: true)')).map((f) => f.id)).toEqual([
      registry!.id,
    ]);
    expect(await followUps('staff-tax', '(overdueOnly: true)')).toEqual([]);
    // Past its rectification's due too: told once more; so is the window's, called back but not rectified
    // (to the supervisors and its responsible officer).
    hallToday(calendar.addWorkingDays(today, 16));
    expect(await hall.watch.sweep()).toBe(4);
    expect(await hall.watch.sweep()).toBe(0);
    // A supervisor closes only a rectified one the applicant left unanswered.
    const close = await act(
      'mutation C($f: ID!) { closeFollowUp(followUpId: $f) { id } }',
      { f: registry!.id },
      'supervisor',
    );
    expect(rules(close)).toEqual(['followUpId followUp.state']);
  });
});
