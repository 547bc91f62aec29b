import { useQuery } from 'urql';
import { WHO_READ_MY_DATA } from '../api/documents';
import type { AuditRecord } from '../api/types';
import { useI18n } from '../app/i18n';
import { DepartmentName } from '../components/Department';
import { Notice, PageTitle } from '../components/Layout';

/** 数据调用留痕: every read of the applicant's data from a department — who, what, why, when. */
export function WhoReadMyData() {
  const { t, lang, l } = useI18n();
  const [{ data, error, fetching }] = useQuery<{ whoReadMyData: AuditRecord[] }>({
    query: WHO_READ_MY_DATA,
    requestPolicy: 'network-only',
  });
  const records = data?.whoReadMyData ?? [];
  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <p className="lead">{t('audit.intro')}</p>
      {error && <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>}
      {fetching && !data && <p aria-live="polite">{t('common.loading')}</p>}
      {data && records.length === 0 && <p>{t('audit.none')}</p>}
      {records.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.department')}</th>
                <th scope="col">{t('audit.fields')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.why')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id} data-department={r.department}>
                  <td>{new Date(r.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</td>
                  <td>
                    <DepartmentName department={r.department} />
                  </td>
                  <td data-fields={r.fields.join(' ')}>
                    {r.fieldLabels.map(l).join(lang === 'zh' ? '、' : ', ')}
                  </td>
                  <td>{r.actorRole === 'applicant' ? t('audit.you') : `${r.actorRole} ${r.actor}`}</td>
                  <td>{r.purpose}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
