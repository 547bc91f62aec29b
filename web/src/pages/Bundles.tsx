import { useQuery } from 'urql';
import { BUNDLES } from '../api/documents';
import type { Saving } from '../api/types';
import { useI18n } from '../app/i18n';
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
