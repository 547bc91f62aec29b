import { useEffect, useState } from 'react';
import { type Client, useClient, useQuery } from 'urql';
import { BUNDLE_OPTIONS, FIELD_LABELS, WHO_READ_MY_DATA } from '../api/documents';
import type { AuditRecord } from '../api/types';
import { type Localized, useI18n } from '../app/i18n';
import { DepartmentName } from '../components/Department';
import { Notice, PageTitle } from '../components/Layout';

/** 数据调用留痕: every read of the applicant's data from a department — who, what, why, when. */
export function WhoReadMyData() {
  const { t, lang, l } = useI18n();
  const [{ data, error, fetching }] = useQuery<{ whoReadMyData: AuditRecord[] }>({
    query: WHO_READ_MY_DATA,
    requestPolicy: 'network-only',
  });
  const client = useClient();
  const [labels, setLabels] = useState<ReadonlyMap<string, Localized>>(new Map());
  useEffect(() => {
    let live = true;
    fieldLabels(client).then((m) => live && setLabels(m));
    return () => {
      live = false;
    };
  }, [client]);
  const fieldsOf = (r: AuditRecord) =>
    r.fields
      .map((k) => {
        const label = labels.get(`${r.bundleCode} ${k}`);
        return label ? l(label) : k;
      })
      .join(lang === 'zh' ? '、' : ', ');
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
                  <td data-fields={r.fields.join(' ')}>{fieldsOf(r)}</td>
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

/**
 * The label of every field of every bundle's form with all its options, by `bundleCode key`: the fields
 * read are named as the applicant's form names them. Keys no form names are shown as they are.
 */
async function fieldLabels(client: Client): Promise<ReadonlyMap<string, Localized>> {
  const out = new Map<string, Localized>();
  const list = await client
    .query<{ bundles: { code: string; options: { key: string }[] }[] }>(BUNDLE_OPTIONS, {})
    .toPromise();
  const bundles = list.data?.bundles ?? [];
  const forms = await Promise.all(
    bundles.map((b) =>
      client
        .query<{ bundle: { form: { fields: { key: string; label: Localized }[] } } | null }>(FIELD_LABELS, {
          code: b.code,
          options: b.options.map((o) => o.key),
        })
        .toPromise(),
    ),
  );
  forms.forEach((f, i) => {
    for (const field of f.data?.bundle?.form.fields ?? [])
      out.set(`${bundles[i]!.code} ${field.key}`, field.label);
  });
  return out;
}
