// The periodic check of logged mail's links (server/jobs/linkCheck.ts): its last run and what it healed or found
// lost, so an admin knows why some entries say "link lost" and that the rest were checked.
import { Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { ErrorBar, Loading } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useLoad } from '../../state/useLoad.js';

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalXL, display: 'flex', flexDirection: 'column', gap: '8px' },
});

export function LinkCheckStatus(props: { api: AdminClient; tick: number }) {
  const { t, locale } = useAdminI18n();
  const s = t.status.linkCheck;
  const styles = useStyles();
  const state = useLoad(() => props.api.linkCheck(), [props.api, props.tick]);
  const l = state.data;
  return (
    <section className={styles.section} aria-label={s.title}>
      <Subtitle1 as="h2">{s.title}</Subtitle1>
      {state.error !== null && <ErrorBar error={state.error} onRetry={state.reload} />}
      {!l && state.loading && <Loading />}
      {l && !l.lastRun && <Text>{s.notRun}</Text>}
      {l?.lastRun && (
        <>
          <Text>
            {s.lastRun(
              formatDateTime(l.lastRun.finishedAt, { locale }),
              l.lastRun.requests,
              s.stopped[l.lastRun.stoppedBy],
            )}
          </Text>
          <Text>{s.totals(l.totals.checked, l.totals.healed, l.totals.lost)}</Text>
          {l.lastRun.error && <Text>{l.lastRun.error.message}</Text>}
        </>
      )}
    </section>
  );
}
