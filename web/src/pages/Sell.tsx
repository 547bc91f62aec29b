import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { CONFIRM_SALE, MY_SALES, REVOKE_SALE } from '../api/documents';
import { useI18n } from '../app/i18n';
import { Notice, PageTitle } from '../components/Layout';

/**
 * The seller's part of a house transfer (出卖人确认): an owner confirms selling one of their homes to a
 * buyer named by ID number, and may withdraw it. The hall checks with the registry that they own it.
 */
export function Sell() {
  const { t } = useI18n();
  const [{ data, error }, refetch] = useQuery({ query: MY_SALES, requestPolicy: 'network-only' });
  const [confirmState, confirm] = useMutation(CONFIRM_SALE);
  const [, revoke] = useMutation(REVOKE_SALE);
  const [unit, setUnit] = useState('');
  const [buyer, setBuyer] = useState('');
  const [price, setPrice] = useState('');
  const [failed, setFailed] = useState<string | null>(null);
  const units = data?.me?.properties ?? [];
  const chosen = unit || units[0]?.unitCode || '';

  const onConfirm = async () => {
    setFailed(null);
    const r = await confirm({ unitCode: chosen, buyerIdNumber: buyer.trim(), price: price.trim() || null });
    if (r.error) return setFailed(r.error.graphQLErrors[0]?.message ?? r.error.message);
    setBuyer('');
    setPrice('');
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <>
      <PageTitle>{t('sell.title')}</PageTitle>
      <p className="lead">{t('sell.intro')}</p>
      {error && <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>}
      {failed && <Notice kind="error">{failed}</Notice>}
      {data && units.length === 0 && <p>{t('sell.noUnits')}</p>}
      {units.length > 0 && (
        <form
          className="card"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void onConfirm();
          }}
        >
          <div className="field">
            <label htmlFor="sell-unit">{t('sell.unit')}</label>
            <select id="sell-unit" value={chosen} onChange={(e) => setUnit(e.target.value)}>
              {units.map((u) => (
                <option key={u.unitCode} value={u.unitCode}>
                  {u.address ?? u.unitCode}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="sell-buyer">{t('sell.buyer')}</label>
            <input
              id="sell-buyer"
              value={buyer}
              autoComplete="off"
              onChange={(e) => setBuyer(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="sell-price">{t('sell.price')}</label>
            <input
              id="sell-price"
              value={price}
              inputMode="decimal"
              onChange={(e) => setPrice(e.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={confirmState.fetching || !buyer.trim()}>
            {t('sell.confirm')}
          </button>
        </form>
      )}
      <h2>{t('sell.mine')}</h2>
      {data && data.mySaleConfirmations.length === 0 && <p>{t('sell.none')}</p>}
      <ul className="cards">
        {data?.mySaleConfirmations.map((c) => (
          <li key={c.id} className="card" data-sale={c.id} data-live={c.live}>
            <p>
              <strong>{c.address ?? c.unitCode}</strong>
            </p>
            <p>{t('sell.to', { buyer: c.buyerIdNumber })}</p>
            <p className="muted">
              {c.live ? t('sell.live', { date: c.expiresAt.slice(0, 10) }) : t('sell.ended')}
            </p>
            {c.live && (
              <button
                type="button"
                className="button"
                onClick={() =>
                  void revoke({ id: c.id }).then(() => refetch({ requestPolicy: 'network-only' }))
                }
              >
                {t('sell.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
