// The chosen mailbox on the job status page: recent runs, quarantined (or still failing) messages and logged
// mail per day, reloaded with the page's refresh tick.
import { Subtitle1, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AdminClient } from '../../api/adminClient.js';
import { ErrorBar, Loading, Notice } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useAction, useLoad } from '../../state/useLoad.js';
import { QuarantineTable } from './QuarantineTable.js';
import { RunTable } from './RunTable.js';
import { TrendBars } from './TrendBars.js';
import { ArchiveCapacity } from './ArchiveCapacity.js';
import type { ArchiveStatusView } from '../../../../shared/api/adminViews.js';

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalXL, display: 'flex', flexDirection: 'column', gap: '8px' },
});

export function MailboxDetails(props: {
  api: AdminClient;
  mailbox: string;
  archive: ArchiveStatusView | null;
  tick: number;
}) {
  const { t } = useAdminI18n();
  const s = t.status;
  const styles = useStyles();
  const { api, mailbox, tick } = props;
  const [state, setState] = useState<'quarantined' | 'failing'>('quarantined');
  const runs = useLoad(() => api.runs(mailbox, 20), [api, mailbox, tick]);
  const quarantine = useLoad(() => api.quarantine(mailbox, state), [api, mailbox, state, tick]);
  const trend = useLoad(() => api.trend(mailbox, 14), [api, mailbox, tick]);
  const releasing = useAction();
  const [released, setReleased] = useState<number | null>(null);
  const release = (ids: string[] | 'all') =>
    releasing.run(async () => {
      const r = await api.releaseQuarantine(mailbox, ids === 'all' ? { all: true } : { messageIds: ids });
      setReleased(r.released);
      quarantine.reload();
    });

  return (
    <>
      <section className={styles.section} aria-label={s.runs(mailbox)}>
        <Subtitle1 as="h2">{s.runs(mailbox)}</Subtitle1>
        {runs.error !== null && <ErrorBar error={runs.error} onRetry={runs.reload} />}
        {runs.data ? (
          <RunTable runs={runs.data.items} label={s.runs(mailbox)} />
        ) : (
          runs.loading && <Loading />
        )}
      </section>
      <section className={styles.section} aria-label={s.quarantine}>
        <Subtitle1 as="h2">{s.quarantine}</Subtitle1>
        <TabList selectedValue={state} onTabSelect={(_, d) => setState(d.value as typeof state)} size="small">
          <Tab value="quarantined">{s.quarantine}</Tab>
          <Tab value="failing">{s.stillFailing}</Tab>
        </TabList>
        {quarantine.error !== null && <ErrorBar error={quarantine.error} onRetry={quarantine.reload} />}
        {releasing.error !== null && <ErrorBar error={releasing.error} />}
        {released !== null && <Notice onDismiss={() => setReleased(null)}>{s.released(released)}</Notice>}
        {quarantine.data ? (
          <QuarantineTable
            items={quarantine.data.items}
            busy={releasing.pending}
            {...(state === 'quarantined' ? { onRelease: (ids) => void release(ids) } : {})}
          />
        ) : (
          quarantine.loading && <Loading />
        )}
      </section>
      {props.archive && (
        <section className={styles.section} aria-label={s.archive.title}>
          <Subtitle1 as="h2">{s.archive.title}</Subtitle1>
          <ArchiveCapacity archive={props.archive} />
        </section>
      )}
      <section className={styles.section} aria-label={s.trend}>
        <Subtitle1 as="h2">{s.trend}</Subtitle1>
        {trend.error !== null && <ErrorBar error={trend.error} onRetry={trend.reload} />}
        {trend.data ? <TrendBars days={trend.data.days} /> : trend.loading && <Loading />}
      </section>
    </>
  );
}
