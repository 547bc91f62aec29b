import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ANSWER_URGE, STAFF_NOTICES, URGE_PART } from '../api/documents';
import { useI18n } from '../app/i18n';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { CommentField } from './CommentField';
import { Notice } from './Layout';

/**
 * What staff are told (电子监察): a part going yellow (its department, the responsible officer) or red (the
 * centre's supervisors, the department), an urge (催办) and its answer. A supervisor urges the department
 * from a yellow or red notice; the department's staff answer an urge from its notice, once.
 */
export function StaffNotices() {
  const { t, l, lang } = useI18n();
  const { session } = useSession();
  const [{ data, error }, refetch] = useQuery({ query: STAFF_NOTICES, requestPolicy: 'cache-and-network' });
  const [done, setDone] = useState<string | null>(null);
  const notices = data?.staffNotices ?? [];
  const after = (message: string) => {
    setDone(message);
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <section aria-labelledby="staff-notices-title" data-staff-notices>
      <h2 id="staff-notices-title">{t('staffNotices.title', { n: notices.length })}</h2>
      {error && <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}
      {data && notices.length === 0 && <p className="muted">{t('staffNotices.none')}</p>}
      <ul className="cards">
        {notices.map((n) => {
          const flag = n.kind === 'PART_RED' ? 'RED' : n.kind === 'PART_YELLOW' ? 'YELLOW' : null;
          return (
            <li key={n.id} className="card" data-staff-notice={n.kind} data-part={n.part.id}>
              <p>
                <span className={`badge ${flag ? `badge--flag-${flag.toLowerCase()}` : 'badge--dept'}`}>
                  {t(`staffNotices.kind.${n.kind}`)}
                </span>{' '}
                {l(n.text)}
              </p>
              {n.kind === 'URGED' && n.urge?.answer && (
                <p className="small">
                  {t('staffNotices.answered', { answer: n.urge.answer, name: n.urge.answeredBy?.name ?? '' })}
                </p>
              )}
              <p className="muted small">
                <Link to={`/applications/${n.applicationId}`}>{t('staffNotices.open')}</Link> ·{' '}
                {new Date(n.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
              </p>
              {session?.role === 'supervisor' && flag && <UrgeButton partId={n.part.id} onDone={after} />}
              {session?.role === 'department-staff' &&
                n.kind === 'URGED' &&
                n.urge &&
                n.urge.answer === null && <AnswerButton urgeId={n.urge.id} onDone={after} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A button that opens a short text form and sends it; `send` answers an error message, or null when done. */
export function TextAction({
  id,
  button,
  label,
  submit,
  send,
}: {
  id: string;
  button: string;
  label: string;
  submit: string;
  send(text: string): Promise<string | null>;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  if (!open)
    return (
      <button type="button" className="button" data-action={id} onClick={() => setOpen(true)}>
        {button}
      </button>
    );
  return (
    <form
      data-action-form={id}
      onSubmit={async (e) => {
        e.preventDefault();
        setSending(true);
        const problem = await send(text);
        setSending(false);
        setFailed(problem);
        if (problem === null) {
          setOpen(false);
          setText('');
        }
      }}
    >
      <CommentField id={`${id}-text`} label={label} value={text} onChange={setText} />
      <button type="submit" className="button button--primary" disabled={text.trim().length === 0 || sending}>
        {submit}
      </button>
      {failed && <Notice kind="error">{failed}</Notice>}
    </form>
  );
}

/** A supervisor urges (催办) the department on a part. */
export function UrgeButton({ partId, onDone }: { partId: string; onDone(message: string): void }) {
  const { t } = useI18n();
  const [, urge] = useMutation(URGE_PART);
  return (
    <TextAction
      id={`urge-${partId}`}
      button={t('staffNotices.urge')}
      label={t('staffNotices.urgeLabel')}
      submit={t('staffNotices.urgeSend')}
      send={async (message) => {
        const r = await urge({ partId, message });
        if (r.error) return r.error.message;
        onDone(t('staffNotices.urged'));
        return null;
      }}
    />
  );
}

/** The part's department answers an urge, once. */
function AnswerButton({ urgeId, onDone }: { urgeId: string; onDone(message: string): void }) {
  const { t } = useI18n();
  const { session } = useSession();
  const [, answer] = useMutation(ANSWER_URGE);
  return (
    <TextAction
      id={`answer-${urgeId}`}
      button={t('staffNotices.answer')}
      label={t('staffNotices.answerLabel')}
      submit={t('staffNotices.answerSend')}
      send={async (text) => {
        const r = await answer({ urgeId, answer: text });
        if (r.error) return r.error.message;
        onDone(t('staffNotices.answered', { answer: text.trim(), name: session?.name ?? '' }));
        return null;
      }}
    />
  );
}
