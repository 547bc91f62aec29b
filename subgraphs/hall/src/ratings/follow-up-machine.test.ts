import { describe, expect, it } from 'vitest';
import {
  type FollowUpEvent,
  type FollowUpState,
  type FollowUpStatus,
  followUpTransition,
  overdueDues,
} from './follow-up-machine';

const staff = { subject: 'staff-tax', name: '李建华', centre: null };
const supervisor = { subject: 'staff-supervisor', name: '吴国平', centre: '吴兴区行政服务中心' };
const callBackDue = new Date('2026-03-03T15:59:59.999Z');
const rectifyDue = new Date('2026-03-23T15:59:59.999Z');
const before = new Date('2026-03-10T02:00:00Z');
const after = new Date('2026-03-24T02:00:00Z');

const stateIn = (status: FollowUpStatus): FollowUpState => ({
  status,
  callBackDue,
  rectifyDue,
  calledBackAt: null,
  rectifiedAt: null,
  applicantView: null,
});

const EVENTS: Record<FollowUpEvent['type'], FollowUpEvent> = {
  callBack: { type: 'callBack', note: '已电话回访，申请人反映等候时间长', by: staff, at: before },
  rectify: { type: 'rectify', rectification: '增设契税申报窗口一个', by: staff, at: before },
  answer: { type: 'answer', view: 'SATISFIED', comment: null, at: before },
  close: { type: 'close', by: supervisor, at: after },
};

/** The one state each event is taken in, and where it leads. */
const LEGAL: Record<FollowUpEvent['type'], [FollowUpStatus, FollowUpStatus]> = {
  callBack: ['OPEN', 'CALLED_BACK'],
  rectify: ['CALLED_BACK', 'RECTIFIED'],
  answer: ['RECTIFIED', 'CLOSED'],
  close: ['RECTIFIED', 'CLOSED'],
};

describe('the follow-up of a bad rating (差评回访整改)', () => {
  const STATUSES: FollowUpStatus[] = ['OPEN', 'CALLED_BACK', 'RECTIFIED', 'CLOSED'];
  for (const [type, [from, to]] of Object.entries(LEGAL) as [
    FollowUpEvent['type'],
    [FollowUpStatus, FollowUpStatus],
  ][])
    for (const status of STATUSES)
      it(`${type} in ${status}: ${status === from ? `goes ${to}` : 'refused, naming the state'}`, () => {
        const t = followUpTransition(stateIn(status), EVENTS[type]);
        if (status === from) {
          expect(t).toMatchObject({ ok: true, change: { status: to } });
        } else {
          expect(t).toMatchObject({ ok: false, rule: 'followUp.state', status });
          if (!t.ok) {
            expect(t.message.en).toContain(status);
            expect(t.message.en).toContain(from);
          }
        }
      });

  it('a call-back records its note and who; a rectification what was done and who', () => {
    expect(followUpTransition(stateIn('OPEN'), EVENTS.callBack)).toEqual({
      ok: true,
      change: {
        status: 'CALLED_BACK',
        calledBackAt: before,
        callBackNote: '已电话回访，申请人反映等候时间长',
        calledBackBy: staff,
      },
    });
    expect(followUpTransition(stateIn('CALLED_BACK'), EVENTS.rectify)).toEqual({
      ok: true,
      change: {
        status: 'RECTIFIED',
        rectifiedAt: before,
        rectification: '增设契税申报窗口一个',
        rectifiedBy: staff,
      },
    });
  });

  it('the applicant not satisfied closes it too, keeping their view and words', () => {
    expect(
      followUpTransition(stateIn('RECTIFIED'), {
        type: 'answer',
        view: 'NOT_SATISFIED',
        comment: '仍需排队两小时',
        at: before,
      }),
    ).toEqual({
      ok: true,
      change: {
        status: 'CLOSED',
        applicantView: 'NOT_SATISFIED',
        applicantComment: '仍需排队两小时',
        closedAt: before,
      },
    });
  });

  it('a supervisor closes an unanswered one only after its rectification was due, recorded with who', () => {
    expect(followUpTransition(stateIn('RECTIFIED'), { ...EVENTS.close, at: rectifyDue })).toMatchObject({
      ok: false,
      rule: 'followUp.notDue',
      status: 'RECTIFIED',
    });
    expect(followUpTransition(stateIn('RECTIFIED'), EVENTS.close)).toEqual({
      ok: true,
      change: { status: 'CLOSED', closedAt: after, closedBy: supervisor },
    });
  });

  it('is overdue for its call-back while open past its due, for its rectification until rectified past its due', () => {
    const justAfterCallBack = new Date(callBackDue.getTime() + 1);
    expect(overdueDues(stateIn('OPEN'), callBackDue)).toEqual([]);
    expect(overdueDues(stateIn('OPEN'), justAfterCallBack)).toEqual(['CALL_BACK']);
    expect(overdueDues(stateIn('CALLED_BACK'), justAfterCallBack)).toEqual([]);
    expect(overdueDues(stateIn('OPEN'), after)).toEqual(['CALL_BACK', 'RECTIFY']);
    expect(overdueDues(stateIn('CALLED_BACK'), after)).toEqual(['RECTIFY']);
    expect(overdueDues(stateIn('RECTIFIED'), after)).toEqual([]);
    expect(overdueDues(stateIn('CLOSED'), after)).toEqual([]);
  });
});
