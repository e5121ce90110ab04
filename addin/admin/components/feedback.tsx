// Shared bits of every page: the error bar (with the server's field errors and Retry), success notices, empty
// states (the bars and the empty text are the shared ones of addin/ui, in the console's words) and the page
// title row.
import { Spinner, Title2, makeStyles, tokens } from '@fluentui/react-components';
import type { ComponentProps, ReactNode } from 'react';
import { EmptyText, ErrorMessageBar, NoticeMessageBar } from '../../ui/MessageBars.js';
import { useAdminI18n } from '../i18n/context.js';
import { errorText } from './errorText.js';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, marginLeft: 'auto', flexWrap: 'wrap' },
  empty: { padding: `${tokens.spacingVerticalM} 0` },
  details: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

export function ErrorBar(props: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const text = errorText(props.error, t);
  return (
    <ErrorMessageBar alert title={props.title} retryLabel={t.common.retry} onRetry={props.onRetry}>
      {text.message}
      {text.details.length > 0 && (
        <ul className={styles.details}>
          {text.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </ErrorMessageBar>
  );
}

export function Notice(props: Omit<ComponentProps<typeof NoticeMessageBar>, 'dismissLabel'>) {
  const { t } = useAdminI18n();
  return <NoticeMessageBar {...props} dismissLabel={t.common.dismiss} />;
}

export function Empty(props: { text: string }) {
  const styles = useStyles();
  return <EmptyText text={props.text} className={styles.empty} />;
}

export function Loading() {
  const { t } = useAdminI18n();
  return <Spinner size="small" label={t.common.loading} />;
}

export function PageHeader(props: { title: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.header}>
      <Title2 as="h1">{props.title}</Title2>
      {props.children && <div className={styles.actions}>{props.children}</div>}
    </div>
  );
}
