// Small shared pieces: the error bar with Retry, the success notice, empty states and loading skeletons.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Skeleton,
  SkeletonItem,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useI18n } from '../../i18n/context.js';
import { errorText } from '../logic/error-text.js';

const useStyles = makeStyles({
  empty: {
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground3,
  },
  skeleton: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
  },
});

export function ErrorBar(props: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {props.title && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {errorText(props.error, t)}
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

export function Notice(props: { text: string; onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>{props.text}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="transparent" onClick={props.onDismiss}>
          {t.common.dismiss}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export function EmptyState(props: { text: string }) {
  const styles = useStyles();
  return (
    <Text as="p" block className={styles.empty}>
      {props.text}
    </Text>
  );
}

export function PaneSkeleton() {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <Skeleton aria-label={t.common.loading} className={styles.skeleton}>
      <SkeletonItem size={32} />
      <SkeletonItem size={16} />
      <SkeletonItem size={16} />
      <SkeletonItem size={48} />
      <SkeletonItem size={48} />
    </Skeleton>
  );
}
