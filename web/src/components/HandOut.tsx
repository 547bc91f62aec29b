import { useState } from 'react';
import { useMutation } from 'urql';
import { CHOOSE_HAND_OUT } from '../api/documents';
import type { HandOutMethod, HandOutPartsFragment } from '../api/generated/graphql';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';
import { Notice } from './Layout';

const FIELDS = ['name', 'phone', 'province', 'city', 'county', 'address', 'postalCode'] as const;
type AddressField = (typeof FIELDS)[number];

/**
 * 统一出件 on the application's page: how the results will reach the applicant — collected at the output
 * window or posted — changeable until every item is done; then where they are (the waybill), and who
 * collected or signed for them.
 */
export function HandOutSection({
  applicationId,
  handOut,
  canChange,
  onChanged,
}: {
  applicationId: string;
  handOut: HandOutPartsFragment;
  canChange: boolean;
  onChanged(): void;
}) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const [method, setMethod] = useState<HandOutMethod>(handOut.method);
  const [address, setAddress] = useState<Record<AddressField, string>>(
    () =>
      Object.fromEntries(
        FIELDS.map((f) => [f, (handOut.address as Record<string, string> | null)?.[f] ?? '']),
      ) as Record<AddressField, string>,
  );
  const [chosen, choose] = useMutation(CHOOSE_HAND_OUT);
  const problems = (chosen.error?.graphQLErrors[0]?.extensions?.problems ?? []) as {
    path: string;
    message: { zh: string; en: string };
  }[];
  const when = (iso: string | null | undefined) =>
    iso
      ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
        })
      : '';
  const save = async () => {
    const r = await choose({
      id: applicationId,
      handOut: method === 'POST' ? { method, address } : { method },
    });
    if (!r.error) {
      setEditing(false);
      onChanged();
    }
  };
  return (
    <section className="card hand-out" aria-labelledby="hand-out-title" data-hand-out={handOut.status}>
      <h2 id="hand-out-title">{t('handOut.title')}</h2>
      <p>
        <strong>{t(`handOut.${handOut.method}` as MessageKey)}</strong>
        {handOut.address &&
          ` · ${handOut.address.province}${handOut.address.city}${handOut.address.county}${handOut.address.address}`}
      </p>
      <p role="status">
        {t(`handOut.status.${handOut.status}` as MessageKey, {
          waybill: handOut.waybillNumber ?? '',
          state: handOut.waybillStatus ?? '',
          who: handOut.signer ?? handOut.collection?.recipientName ?? '',
          at: when(handOut.deliveredAt),
        })}
      </p>
      {canChange && handOut.status === 'WAITING' && !editing && (
        <button type="button" className="button button--quiet" onClick={() => setEditing(true)}>
          {t('handOut.change')}
        </button>
      )}
      {editing && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div role="radiogroup" aria-label={t('handOut.title')}>
            {(['COLLECT', 'POST'] as const).map((m) => (
              <label key={m} className="choice">
                <input
                  type="radio"
                  name="hand-out-method"
                  value={m}
                  checked={method === m}
                  onChange={() => setMethod(m)}
                />{' '}
                {t(`handOut.${m}`)}
              </label>
            ))}
          </div>
          {method === 'POST' && (
            <fieldset>
              {FIELDS.map((f) => {
                const problem = problems.find((p) => p.path.endsWith(`.${f}`));
                return (
                  <label key={f}>
                    {t(`handOut.address.${f}` as MessageKey)}
                    <input
                      name={`address.${f}`}
                      value={address[f]}
                      aria-invalid={problem ? true : undefined}
                      onChange={(e) => setAddress({ ...address, [f]: e.target.value })}
                    />
                    {problem && (
                      <span className="field-error">
                        {lang === 'zh' ? problem.message.zh : problem.message.en}
                      </span>
                    )}
                  </label>
                );
              })}
            </fieldset>
          )}
          {chosen.error && problems.length === 0 && (
            <Notice kind="error">{chosen.error.graphQLErrors[0]?.message ?? chosen.error.message}</Notice>
          )}
          <button type="submit" className="button button--primary" disabled={chosen.fetching}>
            {t('handOut.save')}
          </button>
        </form>
      )}
    </section>
  );
}
