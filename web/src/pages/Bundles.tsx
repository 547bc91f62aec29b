import { useMutation, useQuery } from 'urql';
import { BUNDLES, DISCARD_DRAFT, MY_DRAFTS } from '../api/documents';
import type { Saving } from '../api/types';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';
import { Link } from '../app/router';
import { useDepartmentName } from '../components/Department';
import { Notice, PageTitle } from '../components/Layout';

/** The bundles (一件事), each with what applying for it at once saves. */
export function Bundles() {
  const { t, l, list } = useI18n();
  const department = useDepartmentName();
  const [{ data, error, fetching }] = useQuery({ query: BUNDLES });
  return (
    <>
      <PageTitle>{t('bundles.title')}</PageTitle>
      <p className="lead">{t('bundles.intro')}</p>
      {error && <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>}
      {fetching && !data && <p aria-live="polite">{t('common.loading')}</p>}
      <MyDrafts />
      <ul className="cards">
        {data?.bundles.map((b) => (
          <li key={b.code} className="card bundle" data-bundle={b.code}>
            <h2>
              <Link to={`/bundles/${b.code}`}>{l(b.name)}</Link>
            </h2>
            <p>{l(b.description)}</p>
            <p className="muted">
              {t('bundles.departments')}
              {list([...new Set(b.items.filter((i) => !i.option).map((i) => department(i.department)))])}
            </p>
            <dl className="savings" aria-label={t('bundles.savings')}>
              <SavingRow label={t('savings.fields')} s={b.savings.fields} />
              <SavingRow label={t('savings.materials')} s={b.savings.materials} />
              <SavingRow label={t('savings.visits')} s={b.savings.visits} />
              <SavingRow label={t('savings.days')} s={b.savings.timeLimitDays} />
              <div className="saving" data-typed-by-hand>
                <dt>{t('savings.typed')}</dt>
                <dd>
                  {t('savings.typedOf', {
                    typed: String(b.savings.typedByHand.typed),
                    fields: String(b.savings.typedByHand.fields),
                  })}
                </dd>
              </div>
            </dl>
            <Link
              to={`/bundles/${b.code}`}
              className="button"
              aria-label={`${t('bundles.apply')} ${l(b.name)}`}
            >
              {t('bundles.apply')}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function SavingRow({ label, s }: { label: string; s: Saving }) {
  const { t } = useI18n();
  return (
    <div className="saving">
      <dt>{label}</dt>
      <dd>
        <span className="saving__from">{s.separately}</span>
        <span aria-hidden="true"> → </span>
        <span className="visually-hidden"> {t('savings.to')} </span>
        <strong>{s.bundled}</strong>
      </dd>
    </div>
  );
}

/** The applicant's saved forms (草稿), started online or at a window: resume one, or discard it. */
function MyDrafts() {
  const { t, l, lang } = useI18n();
  const [{ data }, refetch] = useQuery({ query: MY_DRAFTS, variables: {}, requestPolicy: 'network-only' });
  const [discardState, discard] = useMutation(DISCARD_DRAFT);
  if (!data || data.myDrafts.length === 0) return null;
  const date = (iso: string) => new Date(iso).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  return (
    <section className="card" aria-labelledby="my-drafts-title">
      <h2 id="my-drafts-title">{t('drafts.mine')}</h2>
      <ul className="drafts">
        {data.myDrafts.map((d) => (
          <li key={d.id} data-draft={d.id}>
            <Link to={`/bundles/${d.bundleCode}/drafts/${d.id}`}>
              {t('drafts.resumeNamed', { bundle: l(d.bundle.name) })}
            </Link>{' '}
            <span className="muted small">
              {t('drafts.savedBy', {
                by: d.savedBy,
                at: date(d.updatedAt),
                channel: t(`channel.${d.savedAt}` as MessageKey),
              })}{' '}
              · {t('drafts.keptUntil', { until: date(d.expiresAt) })}
            </span>{' '}
            <button
              type="button"
              className="button button--quiet"
              disabled={discardState.fetching}
              aria-label={t('drafts.discardNamed', { bundle: l(d.bundle.name) })}
              onClick={async () => {
                const r = await discard({ draftId: d.id });
                if (!r.error) refetch({ requestPolicy: 'network-only' });
              }}
            >
              {t('drafts.discard')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
