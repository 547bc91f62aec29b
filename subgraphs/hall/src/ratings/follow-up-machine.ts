import type { StaffRef } from '../acting/acting';

/**
 * The follow-up of a bad rating (差评), as 国办发〔2019〕51号 asks of every one: verified and called back
 * (回访), rectified (整改), and the applicant told, who says whether they are satisfied. A pure function
 * from a follow-up and an event to what changes on it, or a refusal naming the state; the store carries
 * its changes out (ratings/service.ts), and its unit test is every state against every event.
 *
 * OPEN →callBack→ CALLED_BACK →rectify→ RECTIFIED →answer (SATISFIED | NOT_SATISFIED)→ CLOSED; a
 * supervisor closes a RECTIFIED one the applicant has not answered once its rectification is due.
 */
export type FollowUpStatus = 'OPEN' | 'CALLED_BACK' | 'RECTIFIED' | 'CLOSED';

/** What the applicant says of the rectification. */
export type ApplicantView = 'SATISFIED' | 'NOT_SATISFIED';

/** A follow-up as the machine reads it. */
export interface FollowUpState {
  readonly status: FollowUpStatus;
  readonly callBackDue: Date;
  readonly rectifyDue: Date;
  readonly calledBackAt: Date | null;
  readonly rectifiedAt: Date | null;
  readonly applicantView: ApplicantView | null;
}

export type FollowUpEvent =
  | { readonly type: 'callBack'; readonly note: string; readonly by: StaffRef; readonly at: Date }
  | { readonly type: 'rectify'; readonly rectification: string; readonly by: StaffRef; readonly at: Date }
  | {
      readonly type: 'answer';
      readonly view: ApplicantView;
      readonly comment: string | null;
      readonly at: Date;
    }
  | { readonly type: 'close'; readonly by: StaffRef; readonly at: Date };

/** What an event sets on a follow-up. */
export interface FollowUpChange {
  readonly status: FollowUpStatus;
  readonly calledBackAt?: Date;
  readonly callBackNote?: string;
  readonly calledBackBy?: StaffRef;
  readonly rectifiedAt?: Date;
  readonly rectification?: string;
  readonly rectifiedBy?: StaffRef;
  readonly applicantView?: ApplicantView;
  readonly applicantComment?: string | null;
  readonly closedAt?: Date;
  readonly closedBy?: StaffRef;
}

/** A refusal: the rule broken and the state it was refused in, in both languages. */
export interface FollowUpRefusal {
  readonly ok: false;
  readonly rule: 'followUp.state' | 'followUp.notDue';
  readonly status: FollowUpStatus;
  readonly message: { readonly zh: string; readonly en: string };
}

export type FollowUpTransition = { readonly ok: true; readonly change: FollowUpChange } | FollowUpRefusal;

/** Each state's name, as a refusal says it. */
export const FOLLOW_UP_STATUS_ZH: Record<FollowUpStatus, string> = {
  OPEN: '待回访',
  CALLED_BACK: '已回访、待整改',
  RECTIFIED: '已整改、待申请人评价',
  CLOSED: '已办结',
};

/** The state an event needs, and what doing it is called. */
const NEEDS: Record<FollowUpEvent['type'], { status: FollowUpStatus; zh: string; en: string }> = {
  callBack: { status: 'OPEN', zh: '记录回访', en: 'record a call-back' },
  rectify: { status: 'CALLED_BACK', zh: '记录整改', en: 'record a rectification' },
  answer: { status: 'RECTIFIED', zh: '评价整改结果', en: 'answer on the rectification' },
  close: { status: 'RECTIFIED', zh: '关闭', en: 'close it' },
};

function refuse(state: FollowUpState, type: FollowUpEvent['type']): FollowUpRefusal {
  const need = NEEDS[type];
  return {
    ok: false,
    rule: 'followUp.state',
    status: state.status,
    message: {
      zh: `该差评整改当前状态为“${FOLLOW_UP_STATUS_ZH[state.status]}”（${state.status}），不能${need.zh}：须为“${FOLLOW_UP_STATUS_ZH[need.status]}”`,
      en: `the follow-up is ${state.status}: to ${need.en} it must be ${need.status}`,
    },
  };
}

/** The next state of a follow-up on an event, or a refusal naming its state. */
export function followUpTransition(state: FollowUpState, event: FollowUpEvent): FollowUpTransition {
  if (state.status !== NEEDS[event.type].status) return refuse(state, event.type);
  switch (event.type) {
    case 'callBack':
      return {
        ok: true,
        change: {
          status: 'CALLED_BACK',
          calledBackAt: event.at,
          callBackNote: event.note,
          calledBackBy: event.by,
        },
      };
    case 'rectify':
      return {
        ok: true,
        change: {
          status: 'RECTIFIED',
          rectifiedAt: event.at,
          rectification: event.rectification,
          rectifiedBy: event.by,
        },
      };
    case 'answer':
      // Not satisfied closes it too: the applicant has had their answer; it stays, for the supervisors.
      return {
        ok: true,
        change: {
          status: 'CLOSED',
          applicantView: event.view,
          applicantComment: event.comment,
          closedAt: event.at,
        },
      };
    case 'close':
      if (event.at.getTime() <= state.rectifyDue.getTime())
        return {
          ok: false,
          rule: 'followUp.notDue',
          status: state.status,
          message: {
            zh: '整改期限届满前，须等待申请人评价整改结果，不能关闭',
            en: 'until its rectification is due, the applicant’s answer is waited for: it cannot be closed yet',
          },
        };
      return { ok: true, change: { status: 'CLOSED', closedAt: event.at, closedBy: event.by } };
  }
}

/** Which of its deadlines a follow-up has missed at `now`: the call-back, the rectification, or both. */
export function overdueDues(state: FollowUpState, now: Date): ('CALL_BACK' | 'RECTIFY')[] {
  const late: ('CALL_BACK' | 'RECTIFY')[] = [];
  if (state.status === 'OPEN' && now.getTime() > state.callBackDue.getTime()) late.push('CALL_BACK');
  if (
    (state.status === 'OPEN' || state.status === 'CALLED_BACK') &&
    now.getTime() > state.rectifyDue.getTime()
  )
    late.push('RECTIFY');
  return late;
}
