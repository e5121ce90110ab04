// Shared bits of every page: the error bar (with the server's field errors and Retry), success notices, empty
// states and the page title row.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
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
  empty: { color: tokens.colorNeutralForeground3, padding: `${tokens.spacingVerticalM} 0` },
  details: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

export function ErrorBar(props: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const text = errorText(props.error, t);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        {props.title && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {text.message}
        {text.details.length > 0 && (
          <ul className={styles.details}>
            {text.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      {props.onRetry && (
        <MessageBarActions>
          <Button size="small" onClick={props.onRetry}>
            {t.common.retry}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function Notice(props: {
  intent?: 'success' | 'info' | 'warning' | 'error';
  title?: string;
  children: ReactNode;
  onDismiss?: () => void;
}) {
  const { t } = useAdminI18n();
  return (
    <MessageBar intent={props.intent ?? 'success'} layout="multiline">
      <MessageBarBody>
        {props.title && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {props.children}
      </MessageBarBody>
      {props.onDismiss && (
        <MessageBarActions>
          <Button size="small" appearance="transparent" onClick={props.onDismiss}>
            {t.common.dismiss}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function Empty(props: { text: string }) {
  const styles = useStyles();
  return (
    <Text as="p" block className={styles.empty}>
      {props.text}
    </Text>
  );
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
