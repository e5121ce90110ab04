// The admin console's root: Fluent theme, language (switchable), start-up and sign-in, then the shell with its
// navigation and the page the URL hash names.
import {
  Button,
  FluentProvider,
  Tab,
  TabList,
  Text,
  Title3,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Me } from '../../shared/api/config.js';
import type { AdminClient } from './api/adminClient.js';
import { ErrorBar, Loading } from './components/feedback.js';
import { DevSignIn, NotAdmin, SignedOut } from './components/SignIn.js';
import { AdminI18nContext, adminI18n, chooseAdminLanguage, useAdminI18n } from './i18n/context.js';
import { ContactsPage } from './pages/data/ContactsPage.js';
import { InteractionsPage } from './pages/data/InteractionsPage.js';
import { OpportunitiesPage } from './pages/data/OpportunitiesPage.js';
import { AuditPage } from './pages/privacy/AuditPage.js';
import { SalespeoplePage } from './pages/data/SalespeoplePage.js';
import { LoggingPage } from './pages/logging/LoggingPage.js';
import { StatusPage } from './pages/status/StatusPage.js';
import { SetupWizard } from './pages/wizard/SetupWizard.js';
import { SettingsPage } from './pages/settings/SettingsPage.js';
import { useAdminSession, type AdminEnvironment } from './state/useAdminSession.js';
import { PAGES, useRoute, type Route } from './state/useRoute.js';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    // Long words wrap inside their column instead of running into the next; addresses (ui/Address) at "@" and dots.
    '& td': { overflowWrap: 'break-word' },
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  user: { marginLeft: 'auto' },
  body: { display: 'flex', alignItems: 'flex-start' },
  nav: { minWidth: '220px', padding: tokens.spacingVerticalM },
  tabs: { alignItems: 'stretch' },
  tab: { justifyContent: 'flex-start' },
  title: { margin: 0 },
  main: {
    flexGrow: 1,
    minWidth: 0,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: 'calc(100vh - 48px)',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  center: { padding: tokens.spacingHorizontalXL },
});

export function AdminApp(props: { env: AdminEnvironment; language: string | null }) {
  const styles = useStyles();
  const [language, setLanguage] = useState(() => chooseAdminLanguage(props.language, navigator.language));
  const i18n = useMemo(() => adminI18n(language), [language]);
  const { phase, retry, signIn, switchDevUser } = useAdminSession(props.env);
  const { t } = i18n;
  const toggleLanguage = () => setLanguage((l) => (l === 'da' ? 'en' : 'da'));

  return (
    <FluentProvider theme={webLightTheme} className={styles.root}>
      <AdminI18nContext.Provider value={i18n}>
        <div lang={language}>
          <header className={styles.header}>
            <Title3 as="p" className={styles.title}>
              {t.shell.title}
            </Title3>
            <span className={styles.user}>
              {phase.name === 'ready' && (
                <Text>{t.shell.signedInAs(phase.me.displayName || phase.me.email)}</Text>
              )}
            </span>
            <Button appearance="subtle" size="small" onClick={toggleLanguage} style={{ color: 'inherit' }}>
              {t.shell.language}
            </Button>
          </header>
          {phase.name === 'ready' ? (
            <Shell api={phase.api} me={phase.me} />
          ) : (
            <div className={styles.center}>
              {phase.name === 'starting' && <Loading />}
              {phase.name === 'failed' && <ErrorBar error={phase.error} onRetry={retry} />}
              {phase.name === 'dev-sign-in' && (
                <DevSignIn accounts={phase.accounts} onSignIn={switchDevUser} />
              )}
              {phase.name === 'signed-out' && (
                <SignedOut
                  signingIn={phase.signingIn}
                  cancelled={phase.cancelled}
                  onSignIn={() => void signIn()}
                />
              )}
              {phase.name === 'forbidden' && (
                <NotAdmin
                  email={phase.email}
                  onOtherAccount={phase.dev ? () => switchDevUser(null) : undefined}
                />
              )}
            </div>
          )}
        </div>
      </AdminI18nContext.Provider>
    </FluentProvider>
  );
}

function Shell(props: { api: AdminClient; me: Me }) {
  const styles = useStyles();
  const { t } = useAdminI18n();
  const [route, go] = useRoute();
  return (
    <div className={styles.body}>
      <nav className={styles.nav} aria-label={t.shell.nav}>
        <TabList
          vertical
          reserveSelectedTabSpace={false}
          className={styles.tabs}
          selectedValue={route.page}
          onTabSelect={(_, d) => go({ page: d.value as Route['page'], mailbox: null })}
        >
          {PAGES.map((p) => (
            <Tab key={p} value={p} className={styles.tab}>
              {t.shell.pages[p]}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        <Page route={route} go={go} api={props.api} />
      </main>
    </div>
  );
}

function Page(props: { route: Route; go: (r: Route) => void; api: AdminClient }) {
  const { route, go, api } = props;
  switch (route.page) {
    case 'wizard':
      return <SetupWizard api={api} go={go} />;
    case 'logging':
      return <LoggingPage api={api} go={go} mailbox={route.mailbox} />;
    case 'status':
      return <StatusPage api={api} go={go} mailbox={route.mailbox} />;
    case 'salespeople':
      return <SalespeoplePage api={api} />;
    case 'contacts':
      return <ContactsPage api={api} />;
    case 'interactions':
      return <InteractionsPage api={api} />;
    case 'opportunities':
      return <OpportunitiesPage api={api} />;
    case 'settings':
      return <SettingsPage api={api} />;
    case 'audit':
      return <AuditPage api={api} />;
  }
}
