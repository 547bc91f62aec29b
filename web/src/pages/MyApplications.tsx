import { useQuery } from 'urql';
import { MY_APPLICATIONS } from '../api/documents';
import { useI18n } from '../app/i18n';
import { Link } from '../app/router';
import { DepartmentName } from '../components/Department';
import { Notice, PageTitle } from '../components/Layout';
import { FlagBadge, StatusBadge } from '../components/Status';

/** The applicant's applications, newest first, each with where its parts stand. */
export function MyApplications() {
  const { t, l, lang } = useI18n();
  const [{ data, error, fetching }] = useQuery({ query: MY_APPLICATIONS });
  return (
    <>
      <PageTitle>{t('applications.title')}</PageTitle>
      {error && <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>}
      {fetching && !data && <p aria-live="polite">{t('common.loading')}</p>}
      {data && data.myApplications.length === 0 && (
        <p>
          {t('applications.none')} <Link to="/">{t('applications.start')}</Link>
        </p>
      )}
      <ul className="cards">
        {data?.myApplications.map((a) => (
          <li key={a.id} className="card" data-application={a.id}>
            <h2>
              <Link to={`/applications/${a.id}`}>{l(a.bundle.name)}</Link>
            </h2>
            <div className="summary-line">
              <StatusBadge status={a.status} />
              <FlagBadge flag={a.flag === 'GREEN' ? null : a.flag} />
              <span className="muted small">
                {new Date(a.submittedAt).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
              </span>
            </div>
            <ul className="chips">
              {a.parts.map((p) => (
                <li key={p.id}>
                  <DepartmentName department={p.department} /> <StatusBadge status={p.status} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
