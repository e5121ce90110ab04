// What the pane shows when it could not start inside Outlook (see office/startWatchdog.ts): why, and a Retry that
// loads the pane again. Rendered without Office (it failed), so the language comes from the host info or the
// browser, and the theme is Fluent's light one.
import { FluentProvider, Text, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import type { PaneStartFailureReport } from '../../../shared/api/paneStart.js';
import { chooseLanguage, messagesFor } from '../../i18n/language.js';
import { ErrorMessageBar, NoticeMessageBar } from '../../ui/MessageBars.js';

const useStyles = makeStyles({
  root: { minHeight: '100vh', boxSizing: 'border-box', padding: tokens.spacingHorizontalM },
  note: { display: 'block', marginTop: tokens.spacingVerticalS, color: tokens.colorNeutralForeground3 },
});

export function StartFailure(props: {
  report: PaneStartFailureReport;
  language: string;
  /** Whether the server has counted the failure (the admin can see it). */
  reported: boolean;
  onRetry: () => void;
}) {
  const styles = useStyles();
  const language = chooseLanguage(props.language);
  const t = messagesFor(language);
  const cause = t.start[props.report.kind].replace('{origin}', props.report.blockedOrigin ?? '');
  return (
    <FluentProvider theme={webLightTheme} className={styles.root}>
      <main lang={language} data-testid="start-failure" data-kind={props.report.kind}>
        <ErrorMessageBar title={t.start.title} retryLabel={t.common.retry} onRetry={props.onRetry} alert>
          {cause}
        </ErrorMessageBar>
        {props.reported && (
          <Text size={200} className={styles.note}>
            {t.start.reported}
          </Text>
        )}
      </main>
    </FluentProvider>
  );
}

/** Opened as a plain web page (Office.js found no host): not a failure, nothing to report; say where it works. */
export function OutsideOutlook(props: { language: string }) {
  const styles = useStyles();
  const language = chooseLanguage(props.language);
  const t = messagesFor(language);
  return (
    <FluentProvider theme={webLightTheme} className={styles.root}>
      <main lang={language} data-testid="outside-outlook">
        <NoticeMessageBar intent="info" title={t.start.outsideTitle}>
          {t.start.outside}
        </NoticeMessageBar>
      </main>
    </FluentProvider>
  );
}
