// The pane's feedback: the error bar with Retry, the success notice, empty states (the bars and the empty text
// are the shared ones of addin/ui, in the pane's words) and its loading skeleton.
import { Skeleton, SkeletonItem, makeStyles, tokens } from '@fluentui/react-components';
import { isRetryable } from '../../api/errors.js';
import { useI18n } from '../../i18n/context.js';
import { EmptyText, ErrorMessageBar, NoticeMessageBar } from '../../ui/MessageBars.js';
import { errorText } from '../logic/error-text.js';

const useStyles = makeStyles({
  empty: { padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalM}` },
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
    <ErrorMessageBar
      title={props.title}
      retryLabel={t.common.retry}
      onRetry={isRetryable(props.error) ? props.onRetry : undefined}
    >
      {errorText(props.error, t)}
    </ErrorMessageBar>
  );
}

export function Notice(props: { text: string; onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <NoticeMessageBar dismissLabel={t.common.dismiss} onDismiss={props.onDismiss}>
      {props.text}
    </NoticeMessageBar>
  );
}

export function EmptyState(props: { text: string }) {
  const styles = useStyles();
  return <EmptyText text={props.text} className={styles.empty} />;
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
