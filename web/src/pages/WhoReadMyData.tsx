import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { READS_OF_MY_DATA } from '../api/documents';
import type { AuditPage, AuditPurposeKind } from '../api/types';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';
import { DepartmentName } from '../components/Department';
import { Notice, PageTitle } from '../components/Layout';

/** Reads per page: a screenful on a phone. */
const PAGE = 20;
const PURPOSES: readonly AuditPurposeKind[] = [
  'PREFILL',
  'OWNERS_CHECK',
  'REPRESENTATIVE_CHECK',
  'FUND_CHECK',
  'SALE_CONFIRMATION',
  'OTHER',
];

interface Loaded {
  readonly page: AuditPage;
  readonly edges: AuditPage['edges'];
}

/**
 * 数据调用留痕: every read of the applicant's data from a department — when, which department, what, who,
 * why — one card per read in the page's language, a page at a time ("more"), filtered by reader and
 * purpose, with reads counted per reader so that many reads by one reader bury nothing.
 */
export function WhoReadMyData() {
  const { t, lang, l } = useI18n();
  const client = useClient();
  const [reader, setReader] = useState('');
  const [purpose, setPurpose] = useState<AuditPurposeKind | ''>('');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const when = (at: string) => new Date(at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');

  const load = useCallback(
    async (after: string | null, previous: Loaded | null) => {
      setBusy(true);
      const filter = { ...(reader ? { reader } : {}), ...(purpose ? { purpose } : {}) };
      const r = await client
        .query(READS_OF_MY_DATA, { first: PAGE, after, filter }, { requestPolicy: 'network-only' })
        .toPromise();
      setBusy(false);
      if (r.error || !r.data) {
        setError(r.error?.message ?? 'no answer');
        return;
      }
      setError(null);
      const page = r.data.readsOfMyData;
      setLoaded({ page, edges: [...(previous?.edges ?? []), ...page.edges] });
    },
    [client, reader, purpose],
  );
  useEffect(() => {
    void load(null, null);
  }, [load]);

  const page = loaded?.page;
  const edges = loaded?.edges ?? [];
  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <p className="lead">{t('audit.intro')}</p>
      {error && <Notice kind="error">{t('common.loadFailed', { reason: error })}</Notice>}
      {!loaded && !error && <p aria-live="polite">{t('common.loading')}</p>}
      {page && page.readers.length > 0 && (
        <section className="card" aria-labelledby="audit-readers">
          <h2 id="audit-readers">{t('audit.readers')}</h2>
          <ul className="readers">
            {page.readers.map((r) => (
              <li key={r.reader.id} data-reader={r.reader.kind} data-count={r.count}>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-pressed={reader === r.reader.id}
                  onClick={() => setReader(reader === r.reader.id ? '' : r.reader.id)}
                >
                  {l(r.reader.name)} · {t('audit.readerCount', { n: r.count })}
                </button>{' '}
                <span className="muted small">{t('audit.lastRead', { at: when(r.lastReadAt) })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {page && (
        <div className="toolbar">
          <label htmlFor="audit-reader">{t('audit.filterReader')}</label>
          <select id="audit-reader" value={reader} onChange={(e) => setReader(e.target.value)}>
            <option value="">{t('audit.all')}</option>
            {page.readers.map((r) => (
              <option key={r.reader.id} value={r.reader.id}>
                {l(r.reader.name)} ({r.count})
              </option>
            ))}
          </select>
          <label htmlFor="audit-purpose">{t('audit.filterPurpose')}</label>
          <select
            id="audit-purpose"
            value={purpose}
            onChange={(e) => setPurpose(e.target.value as AuditPurposeKind | '')}
          >
            <option value="">{t('audit.all')}</option>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t(`audit.purpose.${p}` as MessageKey)}
              </option>
            ))}
          </select>
          <span className="muted" aria-live="polite" data-total={page.totalCount}>
            {t('audit.total', { n: page.totalCount })}
          </span>
        </div>
      )}
      {page && page.totalCount === 0 && <p>{t('audit.none')}</p>}
      {edges.length > 0 && (
        <ol className="reads">
          {edges.map(({ node: r }) => (
            <li key={r.id} className="card read" data-read={r.id} data-department={r.department}>
              <p className="read__head">
                <span className="visually-hidden">{t('audit.when')}</span>
                <time dateTime={r.at}>{when(r.at)}</time>
                <span aria-hidden="true"> · </span>
                <span className="visually-hidden">{t('audit.department')}</span>
                <DepartmentName department={r.department} className="read__department" />
              </p>
              <dl className="read__facts">
                <dt>{t('audit.fields')}</dt>
                <dd data-fields={r.fields.join(' ')}>
                  {r.fieldLabels.map(l).join(lang === 'zh' ? '、' : ', ')}
                </dd>
                <dt>{t('audit.who')}</dt>
                <dd data-reader={r.reader.kind}>{l(r.reader.name)}</dd>
                <dt>{t('audit.why')}</dt>
                <dd data-purpose={r.why.kind}>{l(r.why.text)}</dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
      {page && edges.length > 0 && (
        <div className="actions">
          <span className="muted">{t('audit.shown', { shown: edges.length, n: page.totalCount })}</span>
          {page.pageInfo.hasNextPage && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void load(page.pageInfo.endCursor, loaded)}
            >
              {t('audit.more')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
