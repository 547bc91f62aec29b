import { lazy, Suspense, useMemo } from 'react';
import { Provider } from 'urql';
import { gatewayClient } from '../api/client';
import { Layout, Notice, PageTitle } from '../components/Layout';
import { ActFor } from '../pages/ActFor';
import { ApplicationPage } from '../pages/ApplicationPage';
import { Apply } from '../pages/Apply';
import { Bundles } from '../pages/Bundles';
import { Delegations } from '../pages/Delegations';
import { Inbox } from '../pages/Inbox';
import { MyApplications } from '../pages/MyApplications';
import { MyDocuments } from '../pages/MyDocuments';
import { Sell } from '../pages/Sell';
import { SignIn } from '../pages/SignIn';
import { StaffQueue } from '../pages/StaffQueue';
import { WhoReadMyData } from '../pages/WhoReadMyData';
import { WindowIntake } from '../pages/WindowIntake';
import { useI18n } from './i18n';
import { Link, type Route, useRoute } from './router';
import { useSession } from './session';

// The dashboard brings ECharts: loaded when a supervisor opens it, not with every applicant's first page.
const Dashboard = lazy(() => import('../pages/Dashboard').then((m) => ({ default: m.Dashboard })));

export function App() {
  const route = useRoute();
  const { session, ready } = useSession();
  const { t } = useI18n();
  // A new client per sign-in: nothing cached for one person is shown to the next.
  const client = useMemo(() => gatewayClient(session?.token), [session?.token]);
  return (
    <Provider value={client}>
      <Layout route={route}>
        {!ready ? (
          <p aria-live="polite">{t('common.loading')}</p>
        ) : session ? (
          <Page route={route} />
        ) : (
          <SignIn />
        )}
      </Layout>
    </Provider>
  );
}

function Page({ route }: { route: Route }) {
  const { session } = useSession();
  const { t } = useI18n();
  const staff = session?.role !== 'applicant';
  switch (route.name) {
    case 'home':
      return staff ? <StaffQueue /> : <Bundles />;
    case 'bundle':
      return <Apply key={`${route.code}/${route.draftId ?? ''}`} code={route.code} draftId={route.draftId} />;
    case 'applications':
      return <MyApplications />;
    case 'application':
      return <ApplicationPage key={route.id} id={route.id} />;
    case 'audit':
      return <WhoReadMyData />;
    case 'inbox':
      return <Inbox />;
    case 'documents':
      return <MyDocuments />;
    case 'sell':
      return <Sell />;
    case 'queue':
      return <StaffQueue />;
    case 'intake':
      return <WindowIntake />;
    case 'dashboard':
      return (
        <Suspense fallback={<p aria-live="polite">{t('common.loading')}</p>}>
          <Dashboard />
        </Suspense>
      );
    case 'delegations':
      return <Delegations />;
    case 'act-for':
      return <ActFor key={route.delegationId} delegationId={route.delegationId} />;
    case 'act-for-bundle':
      return (
        <ActFor
          key={`${route.delegationId}/${route.code}`}
          delegationId={route.delegationId}
          code={route.code}
        />
      );
    default:
      return (
        <>
          <PageTitle>{t('notFound.title')}</PageTitle>
          <Notice kind="info">
            {t('notFound.body')} <Link to="/">{t('notFound.home')}</Link>
          </Notice>
        </>
      );
  }
}
