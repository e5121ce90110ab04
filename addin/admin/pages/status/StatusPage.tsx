// Job status: every mailbox at a glance (healthy / failing / disabled, last and next run, quarantined and failing
// messages), then the chosen mailbox's runs with their counts and errors, its quarantine and its logged mail per
// day. Refreshes itself every few seconds, so a "Run now" shows up without a reload.
import {
  Badge,
  Button,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { MailboxStatus } from '../../../../shared/api/adminViews.js';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { Empty, ErrorBar, Loading, Notice, PageHeader } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useAction, useLoad } from '../../state/useLoad.js';
import type { Route } from '../../state/useRoute.js';
import { MailboxDetails } from './MailboxDetails.js';
import { NotificationCell } from './NotificationCell.js';
import { PaneStartFailures } from './PaneStartFailures.js';
import { DirectoryCheckSection } from './DirectoryCheck.js';
import { LinkCheckStatus } from './LinkCheckStatus.js';
import { Address } from '../../../ui/Address.js';

const REFRESH_MS = 3000;

const useStyles = makeStyles({
  table: { marginBottom: tokens.spacingVerticalXL },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  wrap: { overflowWrap: 'anywhere', textAlign: 'left' },
});

export function HealthBadge(props: { health: MailboxStatus['health'] }) {
  const { t } = useAdminI18n();
  const color = { healthy: 'success', failing: 'danger', disabled: 'informative' } as const;
  return (
    <Badge appearance="filled" color={color[props.health]} data-health={props.health}>
      {t.status.health[props.health]}
    </Badge>
  );
}

export function StatusPage(props: { api: AdminClient; go: (route: Route) => void; mailbox: string | null }) {
  const { t, locale } = useAdminI18n();
  const s = t.status;
  const styles = useStyles();
  const [tick, setTick] = useState(0);
  const status = useLoad(() => props.api.status(), [props.api, tick]);
  const run = useAction();
  const [requested, setRequested] = useState<string | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const items = status.data?.items ?? [];
  const selected = items.find((m) => m.mailbox === props.mailbox) ?? items[0] ?? null;
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, { locale }) : '');

  const runNow = (mailbox: string) =>
    run.run(async () => {
      await props.api.runNow(mailbox);
      setRequested(mailbox);
      setTick((n) => n + 1);
    });

  return (
    <>
      <PageHeader title={s.title}>
        <Button onClick={() => setTick((n) => n + 1)}>{s.refresh}</Button>
      </PageHeader>
      {status.error !== null && <ErrorBar error={status.error} onRetry={status.reload} />}
      {run.error !== null && <ErrorBar error={run.error} />}
      {requested && (
        <Notice onDismiss={() => setRequested(null)}>{`${requested}: ${t.logging.runRequested}`}</Notice>
      )}
      {!status.data && status.loading && <Loading />}
      {status.data && items.length === 0 && <Empty text={s.none} />}
      {items.length > 0 && (
        <Table className={styles.table} aria-label={s.title} data-testid="mailbox-status">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{s.mailbox}</TableHeaderCell>
              <TableHeaderCell>{s.state}</TableHeaderCell>
              <TableHeaderCell>{s.lastRun}</TableHeaderCell>
              <TableHeaderCell>{s.nextRun}</TableHeaderCell>
              <TableHeaderCell>{s.quarantined}</TableHeaderCell>
              <TableHeaderCell>{s.failing}</TableHeaderCell>
              <TableHeaderCell>{s.notifications.column}</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((m) => (
              <TableRow key={m.mailbox} className={m === selected ? styles.selected : undefined}>
                <TableCell>
                  <Link
                    as="button"
                    className={styles.wrap}
                    onClick={() => props.go({ page: 'status', mailbox: m.mailbox })}
                  >
                    <Address text={m.mailbox} />
                  </Link>
                </TableCell>
                <TableCell>
                  <HealthBadge health={m.health} />
                  {m.consecutiveFailures > 0 && m.enabled && ` ${s.failuresInRow(m.consecutiveFailures)}`}
                </TableCell>
                <TableCell>
                  {m.lastRun ? `${when(m.lastRun.startedAt)} · ${s.outcomes[m.lastRun.outcome]}` : s.notRun}
                </TableCell>
                <TableCell>
                  {m.enabled ? (m.nextRunAt ? when(m.nextRunAt) : s.runningNow) : t.common.none}
                </TableCell>
                <TableCell>{m.quarantined}</TableCell>
                <TableCell>{m.failingMessages}</TableCell>
                <TableCell>
                  <NotificationCell status={m.notifications} />
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    disabled={!m.enabled || run.pending}
                    onClick={() => void runNow(m.mailbox)}
                  >
                    {t.logging.runNow}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {selected && (
        <MailboxDetails
          api={props.api}
          mailbox={selected.mailbox}
          archive={selected.archive ?? null}
          tick={tick}
        />
      )}
      <LinkCheckStatus api={props.api} tick={tick} />
      <DirectoryCheckSection api={props.api} tick={tick} />
      <PaneStartFailures api={props.api} tick={tick} />
    </>
  );
}
