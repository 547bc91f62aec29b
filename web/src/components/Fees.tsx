import { useState } from 'react';
import { useClient } from 'urql';
import { FEE_PREVIEW } from '../api/documents';
import type { FeePreviewQuery } from '../api/generated/graphql';
import { useI18n } from '../app/i18n';
import { DepartmentName } from './Department';
import { Notice } from './Layout';

type Preview = FeePreviewQuery['feePreview'];

/**
 * 应缴费用: what the applicant will pay, to whom and why, before handing in — each department's own
 * assessment of the values typed so far, line by line with the rule behind it (its citation on hover and
 * for screen readers), and a department that could not be asked said so. Asked on the applicant's demand
 * (each ask costs the departments' systems a call), again after the values change.
 */
export function Fees({
  bundleCode,
  options,
  values,
}: {
  bundleCode: string;
  options: readonly string[];
  values: Readonly<Record<string, string>>;
}) {
  const { t, l } = useI18n();
  const client = useClient();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ask = async () => {
    setBusy(true);
    setError(null);
    const r = await client
      .query(
        FEE_PREVIEW,
        {
          bundleCode,
          options: [...options],
          values: Object.entries(values).map(([key, value]) => ({ key, value })),
        },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    setBusy(false);
    if (r.error) setError(r.error.graphQLErrors[0]?.message ?? r.error.message);
    else if (r.data) setPreview(r.data.feePreview);
  };
  return (
    <section className="card fees" aria-labelledby="fees-title" data-fees>
      <h2 id="fees-title">{t('fees.title')}</h2>
      <p className="muted small">{t('fees.intro')}</p>
      {error && <Notice kind="error">{t('common.loadFailed', { reason: error })}</Notice>}
      {preview && (
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
            {preview.departments.flatMap((d) =>
              d.problem
                ? [
                    <tr key={d.department} data-fee-problem={d.department}>
                      <td colSpan={4}>
                        <DepartmentName department={d.department} />: {l(d.problem.message)}
                      </td>
                    </tr>,
                  ]
                : d.lines.map((line) => (
                    <tr
                      key={`${d.department}-${line.itemCode}-${line.name.zh}`}
                      data-fee-line={line.itemCode}
                    >
                      <td>
                        <DepartmentName department={d.department} className="badge badge--dept" />{' '}
                        {l(line.name)}
                        {line.quantity !== null && line.unitAmount !== null && (
                          <span className="muted small">
                            {' '}
                            {t('fees.byCount', { n: line.quantity, each: line.unitAmount })}
                          </span>
                        )}
                        {line.rateBasisPoints !== null && line.base !== null && (
                          <span className="muted small">
                            {' '}
                            {t('fees.atRate', {
                              rate: (line.rateBasisPoints / 100).toString(),
                              base: line.base,
                            })}
                          </span>
                        )}
                      </td>
                      <td>{l(line.payee)}</td>
                      <td className="small">
                        {l(line.rule)} <cite className="muted">{line.rule.citation}</cite>
                      </td>
                      <td className="num">¥{line.amount}</td>
                    </tr>
                  )),
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {preview.complete ? t('fees.total') : t('fees.totalSoFar')}
              </th>
              <td className="num" data-fee-total={preview.total}>
                ¥{preview.total}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      <button type="button" className="button" onClick={() => void ask()} disabled={busy}>
        {busy ? t('common.loading') : preview ? t('fees.again') : t('fees.ask')}
      </button>
    </section>
  );
}
