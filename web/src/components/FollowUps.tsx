import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { CLOSE_FOLLOW_UP, RATING_FOLLOW_UPS, RECORD_CALL_BACK, RECORD_RECTIFICATION } from '../api/documents';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { useDepartmentName } from './Department';
import { Notice } from './Layout';
import { TextAction } from './StaffNotices';

/**
 * 差评回访整改: the follow-ups of bad ratings not closed yet that the member of staff sees (their department's;
 * the window's of their centre; all of their centre for supervisors), with what they may do next: record
 * the call-back, record the rectification, or (a supervisor) close one the applicant left unanswered.
 */
export function FollowUps() {
  const { t, l, lang } = useI18n();
  const { session } = useSession();
  const departmentName = useDepartmentName();
  const [{ data, error }, refetch] = useQuery({
    query: RATING_FOLLOW_UPS,
    requestPolicy: 'cache-and-network',
  });
  const [, callBack] = useMutation(RECORD_CALL_BACK);
  const [, rectify] = useMutation(RECORD_RECTIFICATION);
  const [closing, close] = useMutation(CLOSE_FOLLOW_UP);
  const [done, setDone] = useState<string | null>(null);
  const open = (data?.ratingFollowUps ?? []).filter((f) => f.status !== 'CLOSED');
  const day = (iso: string) => new Date(iso).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  const after = async (error: { message: string } | undefined) => {
    if (error) return error.message;
    setDone(t('followUps.done'));
    refetch({ requestPolicy: 'network-only' });
    return null;
  };
  // A department's follow-ups are its staff's to act on; the window's its centre's window staff's and supervisors'.
  const handles = (department: string | null) =>
    department === null ? session?.role !== 'department-staff' : session?.role === 'department-staff';

  return (
    <section aria-labelledby="follow-ups-title" data-follow-ups>
      <h2 id="follow-ups-title">{t('followUps.title', { n: open.length })}</h2>
      {error && <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}
      {closing.error && (
        <Notice kind="error">{closing.error.graphQLErrors[0]?.message ?? closing.error.message}</Notice>
      )}
      {data && open.length === 0 && <p className="muted">{t('followUps.none')}</p>}
      <ul className="cards">
        {open.map((f) => (
          <li key={f.id} className="card" data-follow-up={f.id} data-status={f.status}>
            <p>
              <span className="badge badge--dept">
                {f.department ? departmentName(f.department) : t('followUps.window')}
              </span>{' '}
              {f.rating.part ? l(f.rating.part.name) : t('followUps.window')} ·{' '}
              {t(`rating.level${f.rating.level}` as MessageKey)}
              {f.overdue && (
                <>
                  {' '}
                  <span className="badge badge--flag-red">{t('followUps.overdue')}</span>
                </>
              )}
            </p>
            {f.rating.comment && <blockquote>{f.rating.comment}</blockquote>}
            <p className="small">{t(`followUp.status.${f.status}` as MessageKey)}</p>
            {f.callBackNote && (
              <p className="small">
                {t('followUps.callBackLabel')}：{f.callBackNote}
              </p>
            )}
            {f.rectification && (
              <p className="small">{t('followUp.rectification', { text: f.rectification })}</p>
            )}
            <p className="muted small">
              {t('followUps.due', { callBack: day(f.callBackDue), rectify: day(f.rectifyDue) })} ·{' '}
              <Link to={`/applications/${f.applicationId}`}>{t('staffNotices.open')}</Link>
            </p>
            {handles(f.department) && f.status === 'OPEN' && (
              <TextAction
                id={`call-back-${f.id}`}
                button={t('followUps.callBack')}
                label={t('followUps.callBackLabel')}
                submit={t('followUps.save')}
                send={async (note) => after((await callBack({ followUpId: f.id, note })).error)}
              />
            )}
            {handles(f.department) && f.status === 'CALLED_BACK' && (
              <TextAction
                id={`rectify-${f.id}`}
                button={t('followUps.rectify')}
                label={t('followUps.rectifyLabel')}
                submit={t('followUps.save')}
                send={async (rectification) =>
                  after((await rectify({ followUpId: f.id, rectification })).error)
                }
              />
            )}
            {session?.role === 'supervisor' &&
              f.status === 'RECTIFIED' &&
              new Date(f.rectifyDue).getTime() < Date.now() && (
                <button
                  type="button"
                  className="button"
                  data-action={`close-${f.id}`}
                  onClick={async () => {
                    await after((await close({ followUpId: f.id })).error);
                  }}
                >
                  {t('followUps.close')}
                </button>
              )}
          </li>
        ))}
      </ul>
    </section>
  );
}
