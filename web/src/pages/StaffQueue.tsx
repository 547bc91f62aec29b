import { useCallback, useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { QUEUE, RETRY } from '../api/documents';
import { useLiveQueue } from '../api/live';
import { APPLICATION_STATUSES, type ApplicationStatus, type Department } from '../api/types';
import { useI18n } from '../app/i18n';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { DEPARTMENTS, DepartmentName, useDepartmentName } from '../components/Department';
import { FollowUps } from '../components/FollowUps';
import { Notice, PageTitle } from '../components/Layout';
import { StaffNotices, UrgeButton } from '../components/StaffNotices';
import { FlagBadge, StatusBadge } from '../components/Status';

/** How often the queue is read again when the hall's live stream cannot be had (the fallback). */
const REFRESH_MS = 5_000;

/**
 * The window's queue (综合窗口): the staff's alerts and urges (电子监察); applications with red, then yellow
 * parts first; parts whose sending was given up, each with a retry button; a filter by department. The
 * centre's supervisors see it too, without acting on applications. It follows the hall's stream of the
 * staff member's queue and reads the queue again at each change, asking every REFRESH_MS without a stream.
 */
export function StaffQueue() {
  const { t, l, lang } = useI18n();
  const { session } = useSession();
  const department = useDepartmentName();
  const own =
    session?.role === 'department-staff'
      ? (session.departments.map((d) => d.toUpperCase()) as Department[])
      : DEPARTMENTS;
  const [filter, setFilter] = useState<Department | ''>('');
  const [status, setStatus] = useState<ApplicationStatus | ''>('');
  const [typed, setTyped] = useState('');
  // 首问负责: the window officer's own applications (taken in at the window, picked up or handed over).
  const [mine, setMine] = useState(false);
  const windowStaff = session?.role === 'window-staff';
  // What is searched for: what was typed, once the officer pauses (not a query per keystroke).
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim().slice(0, 50)), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: QUEUE,
    variables: {
      department: filter || null,
      status: status || null,
      search: search || null,
      mine: windowStaff && mine,
    },
  });
  const [retryState, retry] = useMutation(RETRY);
  const [retried, setRetried] = useState<string | null>(null);
  const [urged, setUrged] = useState<string | null>(null);
  // Live: read again when the hall says the queue changed (its event stream), every REFRESH_MS without one.
  const reread = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const live = useLiveQueue(
    session?.token,
    Boolean(session && session.role !== 'applicant'),
    reread,
    REFRESH_MS,
  );

  return (
    <>
      <PageTitle>{t('queue.title')}</PageTitle>
      <div className="toolbar">
        <label htmlFor="department-filter">{t('queue.filter')}</label>
        <select
          id="department-filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value as Department | '')}
        >
          <option value="">{session?.role === 'department-staff' ? t('queue.mine') : t('queue.all')}</option>
          {own.map((d) => (
            <option key={d} value={d}>
              {department(d)}
            </option>
          ))}
        </select>
        <label htmlFor="status-filter">{t('queue.status')}</label>
        <select
          id="status-filter"
          value={status}
          onChange={(e) => setStatus(e.target.value as ApplicationStatus | '')}
        >
          <option value="">{t('queue.anyStatus')}</option>
          {APPLICATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor="queue-search">{t('queue.search')}</label>
        <input
          id="queue-search"
          type="search"
          value={typed}
          maxLength={50}
          placeholder={t('queue.searchHint')}
          aria-describedby="queue-search-hint"
          onChange={(e) => setTyped(e.target.value)}
        />
        <span id="queue-search-hint" className="visually-hidden">
          {t('queue.searchHint')}
        </span>
        {windowStaff && (
          <label className="choice" htmlFor="queue-mine">
            <input
              id="queue-mine"
              type="checkbox"
              checked={mine}
              onChange={(e) => setMine(e.target.checked)}
            />
            {t('queue.mineOnly')}
          </label>
        )}
      </div>
      {error && <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>}
      {fetching && !data && <p aria-live="polite">{t('common.loading')}</p>}

      <StaffNotices />
      <FollowUps />

      <section aria-labelledby="dead-title">
        <h2 id="dead-title">{t('queue.deadLettered', { n: data?.deadLetteredParts.length ?? 0 })}</h2>
        {retried && <Notice kind="success">{t('queue.retried')}</Notice>}
        {data && data.deadLetteredParts.length === 0 && <p className="muted">{t('queue.noDeadLetters')}</p>}
        <ul className="cards">
          {data?.deadLetteredParts.map((p) => (
            <li key={p.id} className="card" data-dead-part={p.id}>
              <h3>
                <DepartmentName department={p.department} className="badge badge--dept" /> {l(p.name)}
              </h3>
              <p>
                <Link to={`/applications/${p.application.id}`}>
                  {l(p.application.bundle.name)} · {p.application.applicantName}
                </Link>
              </p>
              <p className="muted small">
                {t('queue.attempts', { n: p.attempts })}
                {/* Staff who may see it get the detail (it starts with the code); others the plain sentence. */}
                {p.lastError && ` · ${p.lastError.detail ?? `${p.lastError.code} ${l(p.lastError.message)}`}`}
              </p>
              {session?.role === 'window-staff' && (
                <button
                  type="button"
                  className="button button--primary"
                  disabled={retryState.fetching}
                  onClick={async () => {
                    const r = await retry({ partId: p.id });
                    if (!r.error) {
                      setRetried(p.id);
                      refetch({ requestPolicy: 'network-only' });
                    }
                  }}
                >
                  {t('queue.retry')}
                </button>
              )}
            </li>
          ))}
        </ul>
        {retryState.error && <Notice kind="error">{retryState.error.message}</Notice>}
      </section>

      <section aria-labelledby="queue-title" data-live={live}>
        <h2 id="queue-title">{t('queue.applications', { n: data?.applicationQueue.length ?? 0 })}</h2>
        {urged && <Notice kind="success">{urged}</Notice>}
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('queue.flag')}</th>
                <th scope="col">{t('queue.application')}</th>
                <th scope="col">{t('queue.parts')}</th>
                <th scope="col">{t('queue.responsible')}</th>
                <th scope="col">{t('queue.submitted')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.applicationQueue.map((a) => (
                <tr key={a.id} data-application={a.id} data-flag={a.flag ?? ''}>
                  <td>
                    <FlagBadge flag={a.flag} />
                  </td>
                  <td>
                    <Link to={`/applications/${a.id}`}>{l(a.bundle.name)}</Link>
                    <div className="muted small">{a.applicantName}</div>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>
                    <ul className="chips">
                      {a.parts.map((p) => (
                        <li key={p.id}>
                          <DepartmentName department={p.department} /> <StatusBadge status={p.status} />
                          {p.supervision && p.supervision.flag !== 'GREEN' && (
                            <FlagBadge flag={p.supervision.flag} daysLeft={p.supervision.workingDaysLeft} />
                          )}
                          {session?.role === 'supervisor' &&
                            p.supervision &&
                            p.supervision.flag !== 'GREEN' && (
                              <UrgeButton
                                partId={p.id}
                                onDone={(message) => {
                                  setUrged(message);
                                  refetch({ requestPolicy: 'network-only' });
                                }}
                              />
                            )}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-responsible={a.responsibleOfficer?.subject ?? ''}>
                    {a.responsibleOfficer ? (
                      a.responsibleOfficer.name
                    ) : (
                      <span className="muted">{t('queue.nobody')}</span>
                    )}
                    <div className="muted small">{t(`channel.${a.intake.channel}`)}</div>
                  </td>
                  <td>{new Date(a.submittedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data && data.applicationQueue.length === 0 && <p className="muted">{t('queue.none')}</p>}
      </section>
    </>
  );
}
