// Task panes that could not start inside Outlook in the last days (reported by the pane's start watchdog), per
// kind of failure and Outlook host: what an admin checks when users say "the pane is blank".
import { Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { ColumnTable } from '../../components/DataTable.js';
import { Empty, ErrorBar, Loading } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useLoad } from '../../state/useLoad.js';

const DAYS = 7;

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalXL, display: 'flex', flexDirection: 'column', gap: '8px' },
});

export function PaneStartFailures(props: { api: AdminClient; tick: number }) {
  const { t, locale } = useAdminI18n();
  const s = t.status.paneStart;
  const styles = useStyles();
  const failures = useLoad(() => props.api.paneStartFailures(DAYS), [props.api, props.tick]);
  const title = s.title(DAYS);
  const items = failures.data?.items ?? [];
  return (
    <section className={styles.section} aria-label={title}>
      <Subtitle1 as="h2">{title}</Subtitle1>
      {failures.error !== null && <ErrorBar error={failures.error} onRetry={failures.reload} />}
      {!failures.data && failures.loading && <Loading />}
      {failures.data && items.length === 0 && <Empty text={s.none} />}
      {items.length > 0 && (
        <ColumnTable
          label={title}
          testId="pane-start-failures"
          size="small"
          items={items}
          rowKey={(f) => [f.kind, f.host, f.platform, f.hostVersion, f.blockedOrigin].join('|')}
          columns={[
            { header: s.kind, cell: (f) => s.kinds[f.kind] },
            {
              header: s.host,
              cell: (f) => [f.host, f.platform, f.hostVersion].filter(Boolean).join(' · ') || t.common.none,
            },
            { header: s.blocked, cell: (f) => f.blockedOrigin ?? '' },
            { header: s.count, cell: (f) => f.count },
            { header: s.lastSeen, cell: (f) => formatDateTime(f.lastSeenAt, { locale }) },
          ]}
        />
      )}
    </section>
  );
}
