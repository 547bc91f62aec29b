import { useState } from 'react';
import { useI18n } from '../app/i18n';
import { useSession } from '../app/session';
import { Notice, PageTitle } from '../components/Layout';

/**
 * Sign in at the identity provider the gateway names (OIDC_ISSUER): away to its sign-in page, back
 * here signed in. The development provider lists its personas there; a province's asks for its own login.
 */
export function SignIn() {
  const { t } = useI18n();
  const { signIn, error: notPossible } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await signIn();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  const reason = error ?? notPossible;
  return (
    <div className="narrow">
      <PageTitle>{t('signIn.title')}</PageTitle>
      <p className="lead">{t('signIn.intro')}</p>
      {reason && <Notice kind="error">{t('signIn.failed', { reason })}</Notice>}
      <button
        type="button"
        className="button"
        data-sign-in
        disabled={busy}
        aria-busy={busy}
        onClick={() => void go()}
      >
        {t('signIn.go')}
      </button>
    </div>
  );
}
