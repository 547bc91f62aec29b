import { useEffect } from 'react';
import { useMutation, useQuery } from 'urql';
import { APPLICATION_PAYMENT, CHECK_PAYMENT, RENEW_PAYMENT } from '../api/documents';
import type { PaymentPartsFragment } from '../api/generated/graphql';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';
import { DepartmentName } from './Department';
import { Notice } from './Layout';

type Payment = PaymentPartsFragment;
type Receipt = NonNullable<NonNullable<Payment['order']>['lines'][number]['receipt']>;

const REFRESH_MS = 2_000;

/** Saves a receipt as the platform issued it: its document and the platform's signature over it. */
function download(receipt: Receipt) {
  const file = new Blob(
    [JSON.stringify({ document: JSON.parse(receipt.document), signature: receipt.signature }, null, 2)],
    { type: 'application/json' },
  );
  const a = document.createElement('a');
  a.href = URL.createObjectURL(file);
  a.download = `${receipt.kind === 'FISCAL_RECEIPT' ? '财政电子票据' : '电子缴税付款凭证'}-${receipt.number}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * 一窗收费 on the application's page: when the fees fall due, every fee in one order — what, to whom and
 * why — with its payment code, a link to pay at online banking and a button to check it arrived; once
 * paid, the receipts to download; after a refusal, the refunds. Items after the payment wait for it.
 */
export function PaymentSection({
  applicationId,
  itemNames,
  onChanged,
}: {
  applicationId: string;
  itemNames: ReadonlyMap<string, string>;
  /** Told when a check or a new code changed the payment (the application's status moves with it). */
  onChanged(): void;
}) {
  const { t, lang } = useI18n();
  const [{ data, error }, refetch] = useQuery({
    query: APPLICATION_PAYMENT,
    variables: { id: applicationId },
  });
  const [checked, check] = useMutation(CHECK_PAYMENT);
  const [renewed, renew] = useMutation(RENEW_PAYMENT);
  const payment = checked.data?.checkPayment ?? data?.application?.payment ?? null;
  const moving = payment && ['NOT_DUE', 'ORDERING', 'UNPAID', 'EXPIRED'].includes(payment.status);
  useEffect(() => {
    if (!moving) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [moving, refetch]);
  if (error || !payment) return null;
  const names = (codes: readonly string[]) => codes.map((c) => itemNames.get(c) ?? c).join('、');
  const when = (iso: string | null | undefined) =>
    iso
      ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
        })
      : '';
  const order = payment.order;
  const problem = checked.error ?? renewed.error;
  return (
    <section className="card payment" aria-labelledby="payment-title" data-payment={payment.status}>
      <h2 id="payment-title">{t('payment.title')}</h2>
      <p role="status">
        {t(`payment.${payment.status}` as MessageKey, {
          items: names(payment.status === 'NOT_DUE' ? payment.waitsFor : payment.holds),
          until: when(order?.expiresAt),
          at: when(payment.paidAt),
        })}
      </p>
      {payment.problem && <Notice kind="warn">{t('payment.problem', { problem: payment.problem })}</Notice>}
      {problem && <Notice kind="error">{problem.graphQLErrors[0]?.message ?? problem.message}</Notice>}
      {payment.status === 'UNPAID' && order && (
        <div className="payment__code">
          <span className="muted small">{t('payment.code')}</span>
          <output data-testid="payment-code">{order.paymentCode.replace(/(\d{4})(?=\d)/g, '$1 ')}</output>
          <span className="muted small">{t('payment.codeHint')}</span>
        </div>
      )}
      {payment.fees.length > 0 && (
        <table className="fees__table">
          <thead>
            <tr>
              <th scope="col">{t('fees.what')}</th>
              <th scope="col">{t('fees.payee')}</th>
              <th scope="col">{t('fees.rule')}</th>
              <th scope="col" className="num">
                {t('fees.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {payment.fees.map((f) => (
              <tr key={`${f.itemCode}-${f.name}`}>
                <td>{f.name}</td>
                <td>
                  <DepartmentName department={f.department} />
                </td>
                <td className="small">{f.basis}</td>
                <td className="num">¥{f.amount}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t('fees.total')}
              </th>
              <td className="num" data-testid="payment-total">
                ¥{payment.total}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      <div className="actions">
        {payment.status === 'UNPAID' && order?.checkoutUrl && (
          <a
            className="button button--primary"
            href={order.checkoutUrl}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t('payment.payOnline')}
          </a>
        )}
        {(payment.status === 'UNPAID' || payment.status === 'EXPIRED') && (
          <button
            type="button"
            className="button"
            disabled={checked.fetching}
            onClick={() => check({ id: applicationId }).then(onChanged)}
          >
            {checked.fetching ? t('payment.checking') : t('payment.check')}
          </button>
        )}
        {payment.status === 'EXPIRED' && (
          <button
            type="button"
            className="button"
            disabled={renewed.fetching}
            onClick={() =>
              renew({ id: applicationId }).then(() => {
                refetch({ requestPolicy: 'network-only' });
                onChanged();
              })
            }
          >
            {t('payment.renew')}
          </button>
        )}
      </div>
      {order?.lines.some((l) => l.receipt) && (
        <>
          <h3>{t('payment.receipts')}</h3>
          <ul className="payment__receipts">
            {order.lines.map(
              (l) =>
                l.receipt && (
                  <li key={l.subOrderNumber}>
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() => download(l.receipt!)}
                    >
                      {t('payment.download', {
                        what: t(`payment.receipt.${l.receipt.kind}` as MessageKey),
                        number: l.receipt.number,
                      })}
                    </button>{' '}
                    <span className="muted small">
                      {l.item} · ¥{l.receipt.amount} · {l.payee.name}
                    </span>
                  </li>
                ),
            )}
          </ul>
        </>
      )}
      {payment.refunds.length > 0 && (
        <>
          <h3>{t('payment.refunds')}</h3>
          <ul>
            {payment.refunds.map((r) => (
              <li key={`${r.orderNumber}-${r.reason}`}>
                {r.reason} ·{' '}
                {r.amount
                  ? `¥${r.amount} · ${r.refundNumber} · ${when(r.refundedAt)}`
                  : t('payment.refundPending')}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
