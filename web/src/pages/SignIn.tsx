import { useEffect, useState } from 'react';
import { useI18n } from '../app/i18n';
import { navigate } from '../app/router';
import { type Persona, useSession } from '../app/session';
import { Notice, PageTitle } from '../components/Layout';

/** Sign in as a demo persona of the development identity provider (through the gateway's /idp). */
export function SignIn() {
  const { t, l } = useI18n();
  const { signIn } = useSession();
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    fetch('/idp/personas')
      .then(async (r) => {
        const body = (await r.json()) as Persona[] | { errors?: { message: string }[] };
        if (!r.ok || !Array.isArray(body))
          throw new Error(
            (body as { errors?: { message: string }[] }).errors?.[0]?.message ?? `HTTP ${r.status}`,
          );
        setPersonas(body);
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  const choose = async (p: Persona) => {
    setBusy(p.id);
    setError(null);
    try {
      const s = await signIn(p.id);
      navigate(s.role === 'applicant' ? '/' : '/queue');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const groups: { title: string; list: Persona[] }[] = personas
    ? [
        { title: t('signIn.applicants'), list: personas.filter((p) => p.role === 'applicant') },
        { title: t('signIn.staff'), list: personas.filter((p) => p.role !== 'applicant') },
      ]
    : [];

  return (
    <div className="narrow">
      <PageTitle>{t('signIn.title')}</PageTitle>
      <p className="lead">{t('signIn.intro')}</p>
      {error && <Notice kind="error">{t('signIn.failed', { reason: error })}</Notice>}
      {!personas && !error && <p aria-live="polite">{t('common.loading')}</p>}
      {groups.map((g) => (
        <section key={g.title} className="persona-group" aria-label={g.title}>
          <h2>{g.title}</h2>
          <ul className="personas">
            {g.list.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="persona"
                  data-persona={p.id}
                  disabled={busy !== null}
                  onClick={() => void choose(p)}
                >
                  <span className="persona__title">{l(p.title)}</span>
                  <span className="persona__name">{p.name}</span>
                  <span className="persona__description">{l(p.description)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
