import { useState } from 'react';
import { useQuery } from 'urql';
import { BUNDLE_NAMES, DELEGATIONS } from '../api/documents';
import type { Acting } from '../app/acting';
import { useI18n } from '../app/i18n';
import { Link } from '../app/router';
import { Notice, PageTitle } from '../components/Layout';
import { Apply } from './Apply';

/**
 * 为他人办理: an agent acts for the principal of a delegation naming them — first the bundles its scope
 * covers, then the same one form as online, filled for the principal (onBehalfOf.delegationId).
 */
export function ActFor({ delegationId, code }: { delegationId: string; code?: string }) {
  const { t, l } = useI18n();
  const [{ data, error, fetching }] = useQuery({ query: DELEGATIONS });
  const [{ data: bundles }] = useQuery({ query: BUNDLE_NAMES });
  const [submitted, setSubmitted] = useState<string | null>(null);
  if (error) return <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>;
  if (fetching && !data) return <p aria-live="polite">{t('common.loading')}</p>;
  const delegation = data?.delegationsToMe.find((d) => d.id === delegationId);
  if (delegation?.status !== 'ACTIVE')
    return (
      <>
        <PageTitle>{t('actFor.title')}</PageTitle>
        <Notice kind="error">
          {t('actFor.notActive')} <Link to="/delegations">{t('nav.delegations')}</Link>
        </Notice>
      </>
    );
  const acting: Acting = {
    kind: 'agent',
    delegationId,
    applicant: { idNumber: delegation.principalIdNumber, name: delegation.principalName },
  };
  // The application is the principal's: the agent follows it from their delegations page.
  if (code && submitted)
    return (
      <>
        <PageTitle>{t('actFor.submittedTitle')}</PageTitle>
        <Notice kind="success">
          <span data-submitted-for={submitted}>
            {t('actFor.submitted', { name: delegation.principalName })} <code>{submitted}</code>
          </span>
        </Notice>
        <p>
          <Link to="/delegations">{t('actFor.back')}</Link>
        </p>
      </>
    );
  if (code) return <Apply code={code} acting={acting} onSubmitted={setSubmitted} />;
  return (
    <>
      <PageTitle>{t('actFor.for', { name: delegation.principalName })}</PageTitle>
      <p className="lead">{t('actFor.intro', { until: delegation.validUntil })}</p>
      <ul className="cards">
        {delegation.bundleCodes.map((c) => {
          const bundle = bundles?.bundles.find((b) => b.code === c);
          return (
            <li key={c} className="card" data-bundle={c}>
              <h2>
                <Link to={`/for/${delegationId}/bundles/${c}`}>{bundle ? l(bundle.name) : c}</Link>
              </h2>
            </li>
          );
        })}
      </ul>
    </>
  );
}
