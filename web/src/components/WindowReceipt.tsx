import { useQuery } from 'urql';
import { RECEIPT } from '../api/documents';
import { useI18n } from '../app/i18n';
import { Link } from '../app/router';
import { DepartmentName } from './Department';
import { Notice, PageTitle } from './Layout';
import { ReceiptButton } from './Papers';
import { StatusBadge } from './Status';

/**
 * What the window hands over once an application is taken in: its number, the items with their
 * departments and promised time limits, the materials received, the responsible officer, and the
 * acceptance receipt (受理回执) to print.
 */
export function WindowReceipt({
  applicationId,
  onAnother,
  onNext,
}: {
  applicationId: string;
  onAnother(): void;
  onNext(): void;
}) {
  const { t, l } = useI18n();
  const [{ data, error, fetching }] = useQuery({ query: RECEIPT, variables: { id: applicationId } });
  const a = data?.application;
  if (error) return <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>;
  if (fetching && !a) return <p aria-live="polite">{t('common.loading')}</p>;
  if (!a) return <Notice kind="error">{t('application.notFound')}</Notice>;
  return (
    <>
      <PageTitle>{t('receipt.title')}</PageTitle>
      <Notice kind="success">
        {t('receipt.takenIn', { name: a.applicantName, bundle: l(a.bundle.name) })}
      </Notice>
      <section className="card receipt" aria-labelledby="receipt-number" data-application={a.id}>
        <h2 id="receipt-number">
          {t('application.number')} <code>{a.id}</code>
        </h2>
        <p>
          <StatusBadge status={a.status} />{' '}
          {a.responsibleOfficer && (
            <span className="muted">{t('receipt.officer', { name: a.responsibleOfficer.name })}</span>
          )}
        </p>
        <table className="table">
          <caption className="visually-hidden">{t('receipt.items')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('receipt.item')}</th>
              <th scope="col">{t('receipt.department')}</th>
              <th scope="col">{t('part.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {a.parts.map((p) => (
              <tr key={p.id} data-item={p.itemCode}>
                <td>{l(p.name)}</td>
                <td>
                  <DepartmentName department={p.department} />
                </td>
                <td>{p.deadline ?? t('part.deadlineAfterAcceptance', { days: p.promisedLimitDays })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          {t('receipt.materials', { n: a.materials.filter((m) => m.upload).length })}
        </p>
        <div className="actions">
          <ReceiptButton url={a.receiptUrl} applicationId={a.id} mode="print" />
          <Link to={`/applications/${a.id}`} className="button">
            {t('receipt.open')}
          </Link>
        </div>
      </section>
      <div className="actions">
        <button type="button" className="button" onClick={onAnother}>
          {t('receipt.another')}
        </button>
        <button type="button" className="button" onClick={onNext}>
          {t('receipt.next')}
        </button>
      </div>
    </>
  );
}
