import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../app/i18n';
import { Link, navigations, type Route } from '../app/router';
import { useSession } from '../app/session';

/** The frame of every page: skip link, header with navigation, language switch and who is signed in. */
export function Layout({ route, children }: { route: Route; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { session, signOut } = useSession();
  const nav =
    session?.role === 'applicant'
      ? [
          { to: '/', label: t('nav.bundles'), active: route.name === 'home' || route.name === 'bundle' },
          {
            to: '/applications',
            label: t('nav.applications'),
            active: route.name === 'applications' || route.name === 'application',
          },
          { to: '/sell', label: t('nav.sell'), active: route.name === 'sell' },
          {
            to: '/delegations',
            label: t('nav.delegations'),
            active:
              route.name === 'delegations' || route.name === 'act-for' || route.name === 'act-for-bundle',
          },
          { to: '/documents', label: t('nav.documents'), active: route.name === 'documents' },
          { to: '/who-read-my-data', label: t('nav.audit'), active: route.name === 'audit' },
          { to: '/inbox', label: t('nav.inbox'), active: route.name === 'inbox' },
        ]
      : session
        ? [
            ...(session.role === 'window-staff'
              ? [{ to: '/intake', label: t('nav.intake'), active: route.name === 'intake' }]
              : []),
            { to: '/queue', label: t('nav.queue'), active: route.name === 'queue' || route.name === 'home' },
            ...(session.role === 'supervisor' || session.role === 'department-staff'
              ? [{ to: '/dashboard', label: t('nav.dashboard'), active: route.name === 'dashboard' }]
              : []),
          ]
        : [];
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              一
            </span>
            {t('app.name')}
          </Link>
          {nav.length > 0 && (
            <nav aria-label={t('nav.label')}>
              <ul className="nav">
                {nav.map((n) => (
                  <li key={n.to}>
                    <Link to={n.to} aria-current={n.active ? 'page' : undefined}>
                      {n.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div className="header__tools">
            <button
              type="button"
              className="button button--quiet"
              lang={lang === 'zh' ? 'en' : 'zh-CN'}
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            >
              {lang === 'zh' ? 'English' : '中文'}
            </button>
            {session && (
              <>
                <span className="who">{session.name}</span>
                <button type="button" className="button button--quiet" onClick={() => void signOut()}>
                  {t('nav.signOut')}
                </button>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
      <footer className="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

/**
 * A page's heading: focused when the user moves to the page within the app, so screen readers announce
 * the new page; on a fresh load the browser's own start (the skip link first) is kept.
 */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navigations() > 0) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

export function Notice({
  kind,
  children,
}: {
  kind: 'info' | 'warn' | 'error' | 'success';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
