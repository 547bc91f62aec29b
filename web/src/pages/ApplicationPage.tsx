import { checkField } from '@onething/schema/forms';
import { useCallback, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { APPLICATION, CORRECT, HAND_OVER, TAKE_RESPONSIBILITY, WINDOW_OFFICERS } from '../api/documents';
import { useLiveApplication } from '../api/live';
import type { Application, FormField, Part, Problem } from '../api/types';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';
import { useSession } from '../app/session';
import { CommentField } from '../components/CommentField';
import { DepartmentName } from '../components/Department';
import { DocumentList } from '../components/DocumentList';
import { Field } from '../components/Field';
import { HandOutSection } from '../components/HandOut';
import { Notice, PageTitle } from '../components/Layout';
import { ReceiptButton } from '../components/Papers';
import { PaymentSection } from '../components/Payment';
import { ProblemSummary } from '../components/ProblemSummary';
import { RatingSection } from '../components/ServiceRating';
import { FlagBadge, StatusBadge } from '../components/Status';

/** Nothing more happens to it by itself: its results handed out, or refused. */
const ENDED = new Set(['DELIVERED', 'REJECTED']);
/** How often an open application is read again when the hall's live stream cannot be had (the fallback). */
const REFRESH_MS = 2_000;

const when = (iso: string | null, lang: string) =>
  iso
    ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
      })
    : '';

/** One application: one timeline per department, corrections asked for, and the rating at the end. */
export function ApplicationPage({ id }: { id: string }) {
  const { t, l, lang } = useI18n();
  const { session } = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: APPLICATION,
    variables: { id },
  });
  const application = data?.application;
  const open = Boolean(application && !ENDED.has(application.status));
  // Live: read again when the hall says it changed (its event stream), every REFRESH_MS without one.
  const reread = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const live = useLiveApplication(id, session?.token, open, reread, REFRESH_MS);

  if (error) return <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>;
  if (fetching && !application) return <p aria-live="polite">{t('common.loading')}</p>;
  if (!application) return <Notice kind="error">{t('application.notFound')}</Notice>;
  const fields = new Map(application.bundle.form.fields.map((f) => [f.key, f]));
  // The agent who handed it in follows and corrects it under their delegation (代办); the rating is the
  // applicant's own.
  const { agent } = application.intake;
  const agentDelegation =
    session?.role === 'applicant' && agent && agent.idNumber === session.idNumber ? agent.delegationId : null;
  const isMine = session?.role === 'applicant' && agentDelegation === null;

  return (
    <>
      <PageTitle>{l(application.bundle.name)}</PageTitle>
      <div className="summary-line" data-live={open ? live : 'ended'}>
        <StatusBadge status={application.status} />
        <FlagBadge flag={application.flag === 'GREEN' ? null : application.flag} />
        <span className="muted">
          {t('application.submitted', { at: when(application.submittedAt, lang) })}
          {application.completedAt &&
            ` · ${t('application.completed', { at: when(application.completedAt, lang) })}`}
        </span>
      </div>
      <p className="muted small">
        {t('application.number')} <code>{application.id}</code>
      </p>
      <IntakeLine application={application} />
      <p>
        <ReceiptButton
          url={application.receiptUrl}
          applicationId={application.id}
          mode={session?.role === 'window-staff' ? 'print' : 'download'}
        />
      </p>
      {session?.role === 'window-staff' && (
        <Responsibility
          application={application}
          onChanged={() => refetch({ requestPolicy: 'network-only' })}
        />
      )}
      <p className="visually-hidden" aria-live="polite" data-testid="live-status">
        {t(`status.${application.status}` as MessageKey)}
      </p>
      <PaymentSection
        applicationId={application.id}
        onChanged={() => refetch({ requestPolicy: 'network-only' })}
        itemNames={new Map(application.parts.map((p) => [p.itemCode, l(p.name)]))}
      />
      <HandOutSection
        applicationId={application.id}
        handOut={application.handOut}
        canChange={session?.role === 'applicant' || session?.role === 'window-staff'}
        onChanged={() => refetch({ requestPolicy: 'network-only' })}
      />
      {(application.documents.length > 0 || application.parts.some((p) => p.status === 'APPROVED')) && (
        <section aria-labelledby="documents-heading" data-testid="application-documents">
          <h2 id="documents-heading">{t('documents.section')}</h2>
          {application.documents.length === 0 ? (
            <p className="muted">{t('documents.none')}</p>
          ) : (
            <DocumentList documents={application.documents} showApplication={false} />
          )}
        </section>
      )}
      <h2>{t('application.timelines')}</h2>
      <p className="muted small" data-testid="department-clocks">
        {t('application.departmentClocks')}
      </p>
      <ol className="parts">
        {application.parts.map((p) => (
          <PartTimeline
            key={p.id}
            part={p}
            application={application}
            fields={fields}
            correctAs={isMine ? 'applicant' : agentDelegation ? { delegationId: agentDelegation } : null}
            onCorrected={() => refetch({ requestPolicy: 'network-only' })}
          />
        ))}
      </ol>
      {isMine && (
        <RatingSection
          application={application}
          onChanged={() => refetch({ requestPolicy: 'network-only' })}
        />
      )}
    </>
  );
}

/** Who answers a correction: the applicant, an agent under their delegation, or nobody here (staff). */
type CorrectAs = 'applicant' | { readonly delegationId: string } | null;

function PartTimeline(props: {
  part: Part;
  application: Application;
  fields: ReadonlyMap<string, FormField>;
  correctAs: CorrectAs;
  onCorrected(): void;
}) {
  const { part, application, fields, correctAs, onCorrected } = props;
  const { t, l, lang, list } = useI18n();
  // 一窗收费: a part the application's payment holds back waits for the fees to be paid too.
  const heldByPayment =
    !!application.payment?.holds.includes(part.itemCode) &&
    !['PAID', 'NOT_NEEDED'].includes(application.payment.status);
  // `by`: whose clock a date is read from — the hall's (submitted) or the department's (accepted, decided).
  const steps: {
    key: string;
    label: string;
    done: boolean;
    at?: string | null;
    by?: 'hall' | 'department';
  }[] = [
    { key: 'submitted', label: t('timeline.submitted'), done: true, at: application.submittedAt, by: 'hall' },
    {
      key: 'accepted',
      label: t('timeline.accepted'),
      done: part.caseNumber !== null,
      at: part.acceptedAt,
      by: 'department',
    },
    {
      key: 'review',
      label: t('timeline.review'),
      done: ['IN_REVIEW', 'APPROVED', 'REJECTED', 'CORRECTION_REQUESTED'].includes(part.status),
    },
    {
      key: 'decided',
      label: part.status === 'REJECTED' ? t('timeline.rejected') : t('timeline.approved'),
      done: part.status === 'APPROVED' || part.status === 'REJECTED',
      at: part.status === 'APPROVED' || part.status === 'REJECTED' ? part.statusAt : null,
      by: 'department',
    },
  ];
  return (
    <li
      className="card part"
      data-item={part.itemCode}
      data-department={part.department}
      data-status={part.status}
    >
      <div className="part__head">
        <h3>
          <DepartmentName department={part.department} className="badge badge--dept" /> {l(part.name)}
        </h3>
        <StatusBadge status={part.status} />
        <FlagBadge flag={part.supervision?.flag} daysLeft={part.supervision?.workingDaysLeft} />
      </div>
      <dl className="part__facts">
        {part.caseNumber && (
          <div>
            <dt>{t('part.caseNumber')}</dt>
            <dd>
              <code>{part.caseNumber}</code>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('part.deadline')}</dt>
          <dd>{part.deadline ?? t('part.deadlineAfterAcceptance', { days: part.promisedLimitDays })}</dd>
        </div>
        {part.clock.state !== 'NOT_STARTED' && (
          <div>
            <dt>{t('part.clock')}</dt>
            <dd data-clock-state={part.clock.state}>
              <PartClockLine clock={part.clock} />
            </dd>
          </div>
        )}
        {part.status === 'WAITING' && (part.after.length > 0 || heldByPayment) && (
          <div>
            <dt>{t('part.waitsFor')}</dt>
            <dd>
              {list([
                ...part.after
                  .map((code) => application.parts.find((p) => p.itemCode === code))
                  .map((p) => (p ? l(p.name) : '')),
                ...(heldByPayment ? [t('part.waitsForPayment')] : []),
              ])}
            </dd>
          </div>
        )}
        {part.result.length > 0 && (
          <div>
            <dt>{t('part.result')}</dt>
            <dd>
              {part.result.map((r) => (
                <span key={r.key} className="result">
                  <code>{r.value}</code>
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      <ol className="timeline" aria-label={t('timeline.label', { item: l(part.name) })}>
        {steps.map((s) => (
          <li key={s.key} className={s.done ? 'timeline__step timeline__step--done' : 'timeline__step'}>
            <span className="visually-hidden">{s.done ? t('timeline.done') : t('timeline.pending')}</span>
            {s.label}
            {s.at && (
              <span className="muted small" data-clock={s.by}>
                {' '}
                {s.by === 'department'
                  ? t('timeline.departmentAt', { at: when(s.at, lang) })
                  : when(s.at, lang)}
              </span>
            )}
          </li>
        ))}
      </ol>
      {part.reason && part.status !== 'CORRECTION_REQUESTED' && <p className="reason">{part.reason}</p>}
      {part.status === 'DISPATCHING' && part.attempts > 0 && (
        <p className="muted small" data-problem={part.lastError?.code}>
          {t('part.retrying', { n: part.attempts })}
          {part.lastError && ` ${l(part.lastError.message)}`}
        </p>
      )}
      {part.status === 'DEAD_LETTERED' && <Notice kind="warn">{t('part.deadLettered')}</Notice>}
      {part.status === 'CORRECTION_REQUESTED' && (
        <Correction
          part={part}
          application={application}
          fields={fields}
          correctAs={correctAs}
          onDone={onCorrected}
        />
      )}
    </li>
  );
}

/**
 * The part's legal clock (限时办结): running, or stopped and why since when; the working days it was
 * moved by; and a warning when the deadline fell in a year whose holidays are not loaded.
 */
function PartClockLine({ clock }: { clock: Part['clock'] }) {
  const { t, list } = useI18n();
  const stop = clock.stoppedBy;
  return (
    <>
      {stop
        ? t('clock.SUSPENDED', { reason: t(`clockStop.${stop.reason}` as MessageKey), from: stop.from }) +
          (stop.declaredDays ? t('clock.declared', { n: stop.declaredDays }) : '')
        : t('clock.RUNNING')}
      {clock.suspendedWorkingDays > 0 && ` · ${t('clock.movedBy', { n: clock.suspendedWorkingDays })}`}
      {clock.unknownCalendarYears.length > 0 && (
        <span className="warn small" data-unknown-years>
          {' '}
          {t('clock.unknownYears', { years: list(clock.unknownCalendarYears.map(String)) })}
        </span>
      )}
    </>
  );
}

/** A correction request (补正): the department's reason and just the fields it named. */
function Correction(props: {
  part: Part;
  application: Application;
  fields: ReadonlyMap<string, FormField>;
  correctAs: CorrectAs;
  onDone(): void;
}) {
  const { part, application, fields, correctAs, onDone } = props;
  const { t, l } = useI18n();
  const named = part.correctionFields.map((k) => fields.get(k)).filter((f): f is FormField => !!f);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      named.map((f) => [f.key, application.values.find((v) => v.key === f.key)?.value ?? '']),
    ),
  );
  const [problems, setProblems] = useState<Problem[]>([]);
  const [sent, setSent] = useState(0);
  const [state, correct] = useMutation(CORRECT);
  const labels = useMemo(() => new Map(named.map((f) => [f.key, l(f.label)])), [named, l]);
  return (
    <section className="correction" aria-label={t('correction.title')}>
      <Notice kind="warn">
        <p>
          <strong>{t('correction.title')}</strong>
        </p>
        <p>{part.reason}</p>
      </Notice>
      {correctAs && (
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await correct({
              applicationId: application.id,
              partId: part.id,
              values: named.map((f) => ({ key: f.key, value: (values[f.key] ?? '').trim() })),
              onBehalfOf: correctAs === 'applicant' ? null : correctAs,
            });
            const answer = r.data?.correctApplication as { problems: Problem[] } | undefined;
            setProblems(answer?.problems ?? []);
            setSent((n) => n + 1);
            if (answer && answer.problems.length === 0) onDone();
          }}
        >
          <ProblemSummary problems={problems} labels={labels} focusKey={sent} />
          {named.map((f) => (
            <Field
              key={f.key}
              field={f}
              value={values[f.key] ?? ''}
              onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))}
              problems={[
                ...checkField(f, values[f.key] ?? ''),
                ...problems.filter((p) => p.field === f.key && !p.code.startsWith('field.')),
              ]}
            />
          ))}
          {state.error && <Notice kind="error">{state.error.message}</Notice>}
          <button type="submit" className="button button--primary" disabled={state.fetching}>
            {t('correction.send')}
          </button>
        </form>
      )}
    </section>
  );
}

/** How it was handed in: online or at a window (by whom, identity checked how), by the applicant or an agent. */
function IntakeLine({ application }: { application: Application }) {
  const { t } = useI18n();
  const { intake } = application;
  return (
    <p className="intake" data-channel={intake.channel}>
      {intake.channel === 'WINDOW'
        ? t('intake.takenInBy', {
            officer: intake.officer?.name ?? '',
            check: intake.identityCheck ? t(`identityCheck.${intake.identityCheck}` as MessageKey) : '',
          })
        : t('intake.online')}
      {intake.agent && ` · ${t('intake.byAgent', { name: intake.agent.name })}`}
    </p>
  );
}

/**
 * 首问负责: the officer responsible for the application and every handover; an officer picks up one nobody
 * holds, and the responsible one hands it to a colleague with a reason.
 */
function Responsibility({ application, onChanged }: { application: Application; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const [{ data: officers }] = useQuery({ query: WINDOW_OFFICERS });
  const [takeState, take] = useMutation(TAKE_RESPONSIBILITY);
  const [handState, handOver] = useMutation(HAND_OVER);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const responsible = application.responsibleOfficer;
  const colleagues = (officers?.windowOfficers ?? []).filter((o) => o.subject !== responsible?.subject);
  const error = takeState.error ?? handState.error;
  return (
    <section className="card responsibility" aria-labelledby="responsibility-title">
      <h2 id="responsibility-title">{t('responsibility.title')}</h2>
      <p data-responsible={responsible?.subject ?? ''}>
        {responsible ? t('responsibility.is', { name: responsible.name }) : t('responsibility.nobody')}
        {responsible?.subject === session?.subject && ` ${t('responsibility.you')}`}
      </p>
      {application.handovers.length > 0 && (
        <ol className="handovers" aria-label={t('responsibility.handovers')}>
          {application.handovers.map((h) => (
            <li key={`${h.at}-${h.to.subject}`}>
              {new Date(h.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}{' '}
              {h.from
                ? t('responsibility.handedOver', { from: h.from.name, to: h.to.name })
                : t('responsibility.took', { to: h.to.name })}
              {h.reason && ` · ${t('responsibility.because', { reason: h.reason })}`}
            </li>
          ))}
        </ol>
      )}
      {done && <Notice kind="success">{done}</Notice>}
      {error && <Notice kind="error">{error.graphQLErrors[0]?.message ?? error.message}</Notice>}
      {!responsible && (
        <button
          type="button"
          className="button button--primary"
          disabled={takeState.fetching}
          onClick={async () => {
            const r = await take({ applicationId: application.id });
            if (!r.error) {
              setDone(t('responsibility.taken'));
              onChanged();
            }
          }}
        >
          {t('responsibility.take')}
        </button>
      )}
      {colleagues.length > 0 && (
        <form
          className="handover"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!to) return;
            const r = await handOver({
              applicationId: application.id,
              toOfficer: to,
              reason: reason.trim() || null,
            });
            if (!r.error) {
              const name = colleagues.find((c) => c.subject === to)?.name ?? to;
              setDone(t('responsibility.handedTo', { name }));
              setTo('');
              setReason('');
              onChanged();
            }
          }}
        >
          <div className="field">
            <label htmlFor="handover-to">{t('responsibility.to')}</label>
            <select id="handover-to" value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">{t('field.choose')}</option>
              {colleagues.map((o) => (
                <option key={o.subject} value={o.subject}>
                  {o.name}
                  {o.centre ? ` · ${o.centre}` : ''}
                </option>
              ))}
            </select>
          </div>
          <CommentField
            id="handover-reason"
            label={t('responsibility.reason')}
            value={reason}
            onChange={setReason}
            rows={2}
          />
          <button type="submit" className="button" disabled={!to || handState.fetching}>
            {t('responsibility.handOver')}
          </button>
        </form>
      )}
    </section>
  );
}
