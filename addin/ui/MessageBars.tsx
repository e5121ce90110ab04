// The error bar, the notice and the empty-list text that both front ends show (task pane and admin console). The
// words come from the caller, so this module depends on neither front end's i18n or error texts: the task pane's
// bundle pulls in nothing of the console, and the console nothing of the pane.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  empty: { color: tokens.colorNeutralForeground3 },
});

/** A failure, with Retry when the caller can try again. */
export function ErrorMessageBar(props: {
  title?: string;
  retryLabel: string;
  onRetry?: () => void;
  /** role="alert" instead of Fluent's "group": screen readers read it out at once. */
  alert?: boolean;
  children: ReactNode;
}) {
  return (
    // Fluent's own role stays unless alert is asked for (an explicit undefined would remove it).
    <MessageBar intent="error" layout="multiline" {...(props.alert ? { role: 'alert' } : {})}>
      <MessageBarBody>
        {props.title && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {props.children}
      </MessageBarBody>
      {props.onRetry && (
        <MessageBarActions>
          <Button size="small" onClick={props.onRetry}>
            {props.retryLabel}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** A success (by default) or other notice, with Dismiss when the caller lets the user close it. */
export function NoticeMessageBar(props: {
  intent?: 'success' | 'info' | 'warning' | 'error';
  title?: string;
  /** With `onDismiss`: the label of its button. */
  dismissLabel?: string;
  onDismiss?: () => void;
  children: ReactNode;
}) {
  return (
    <MessageBar intent={props.intent ?? 'success'} layout="multiline">
      <MessageBarBody>
        {props.title && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {props.children}
      </MessageBarBody>
      {props.onDismiss && (
        <MessageBarActions>
          <Button size="small" appearance="transparent" onClick={props.onDismiss}>
            {props.dismissLabel}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** "Nothing here" text in the muted colour; the caller's class sets the spacing of its layout. */
export function EmptyText(props: { text: string; className?: string }) {
  const styles = useStyles();
  return (
    <Text as="p" block className={mergeClasses(styles.empty, props.className)}>
      {props.text}
    </Text>
  );
}
