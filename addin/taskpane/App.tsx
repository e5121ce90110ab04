// The task pane's root: Fluent theme from Outlook's theme, language from Outlook's display language, then
// start-up/sign-in, then the item view. Everything Outlook-specific arrives through `env.host`.
import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { I18nContext, type I18n } from '../i18n/context.js';
import { paneLocale } from '../i18n/format.js';
import { chooseLanguage, messagesFor } from '../i18n/language.js';
import type { OfficeHost, ThemeKind } from '../office/types.js';
import { ErrorBar, PaneSkeleton } from './components/feedback.js';
import { ItemPane } from './components/ItemPane.js';
import { SignedOut } from './components/SignedOut.js';
import { useSession, type PaneEnvironment } from './state/useSession.js';

const useStyles = makeStyles({
  root: { minHeight: '100vh', boxSizing: 'border-box', padding: tokens.spacingHorizontalM },
});

function useOfficeTheme(host: OfficeHost): ThemeKind | undefined {
  const [theme, setTheme] = useState(() => host.themeKind());
  useEffect(() => {
    let unsubscribe: (() => Promise<void>) | null = null;
    let active = true;
    host
      .onThemeChanged(() => setTheme(host.themeKind()))
      .then(
        (u) => (active ? (unsubscribe = u) : void u()),
        () => {},
      );
    return () => {
      active = false;
      void unsubscribe?.();
    };
  }, [host]);
  return theme;
}

export function App(props: { env: PaneEnvironment }) {
  const { host } = props.env;
  const styles = useStyles();
  const theme = useOfficeTheme(host);
  const i18n = useMemo<I18n>(() => {
    const language = chooseLanguage(host.displayLanguage);
    return { t: messagesFor(language), locale: paneLocale(host.displayLanguage) };
  }, [host]);
  const { phase, api, signIn, retry } = useSession(props.env);
  const { t } = i18n;

  return (
    <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme} className={styles.root}>
      <I18nContext.Provider value={i18n}>
        <main lang={chooseLanguage(host.displayLanguage)}>
          {/* The item view's own skeleton: one placeholder from the start to the history, not a spinner before it. */}
          {phase.name === 'starting' && <PaneSkeleton />}
          {phase.name === 'failed' && (
            <ErrorBar title={t.errors.loadFailed} error={phase.error} onRetry={retry} />
          )}
          {phase.name === 'signed-out' && (
            <SignedOut
              signingIn={phase.signingIn}
              cancelled={phase.cancelled}
              onSignIn={() => void signIn()}
            />
          )}
          {phase.name === 'ready' && (
            <ItemPane api={api} host={host} me={phase.me} internalDomains={phase.internalDomains} />
          )}
        </main>
      </I18nContext.Provider>
    </FluentProvider>
  );
}
