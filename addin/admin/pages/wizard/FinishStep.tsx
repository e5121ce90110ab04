// Step 5: a summary of what will be saved, "Enable email logging and schedule the job now" (on by default, as
// Business Central's "Create job"), and where to go once it is done.
import { Button, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Notice } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import type { Route } from '../../state/route.js';
import { blocklistEntries, type ConnectionForm, type SettingsForm } from '../logging/setupForm.js';

const useStyles = makeStyles({
  table: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `4px ${tokens.spacingHorizontalXL}`,
  },
  term: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export function FinishSummary(props: {
  conn: ConnectionForm;
  settings: SettingsForm;
  enableNow: boolean;
  onEnableNow: (on: boolean) => void;
}) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const { conn, settings } = props;
  const s = t.settings;
  const unmatched = { delete: s.unmatchedDelete, move: s.unmatchedMove, keep: s.unmatchedKeep }[
    settings.unmatched
  ];
  const imap = conn.provider === 'imap';
  const security = conn.imap.security === 'tls' ? t.imap.tls : t.imap.starttls;
  const source: [string, string][] = imap
    ? [
        [t.imap.address, conn.mailbox],
        [t.imap.mode, t.imap.imap],
        [t.imap.server, `${conn.imap.host.trim()}:${conn.imap.port.trim()} (${security})`],
        [t.imap.user, conn.imap.user.trim()],
      ]
    : [
        [t.wizard.mailbox.address, conn.mailbox],
        [t.wizard.app.mode, conn.authMode === 'app' ? t.logging.appOnly : t.logging.delegated],
        [t.wizard.app.tenantId, conn.tenantId],
        [t.wizard.app.clientId, conn.clientId],
      ];
  const rows: [string, string][] = [
    ...source,
    [s.interval, settings.intervalSeconds],
    [s.batchSize, settings.batchSize],
    [s.archiveFolder, settings.archiveFolder],
    [s.unmatched, settings.unmatched === 'move' ? `${unmatched}: ${settings.unmatchedFolder}` : unmatched],
    [s.quarantineFolder, settings.quarantineFolder],
    // What is never logged, as typed (a count said nothing, and 0 read like a setting).
    [t.wizard.finish.neverLog, blocklistEntries(settings.blocklist).join(', ') || t.common.none],
  ];
  return (
    <>
      <Text block>{t.wizard.finish.summary}</Text>
      <dl className={styles.table}>
        {rows.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd style={{ margin: 0 }}>{value}</dd>
          </div>
        ))}
      </dl>
      <Switch
        checked={props.enableNow}
        onChange={(_, d) => props.onEnableNow(d.checked)}
        label={t.wizard.finish.enableNow}
      />
    </>
  );
}

export function FinishDone(props: {
  mailbox: string;
  enabled: boolean;
  go: (route: Route) => void;
  onAnother: () => void;
}) {
  const { t } = useAdminI18n();
  const f = t.wizard.finish;
  const styles = useStyles();
  return (
    <>
      <Notice title={f.done(props.mailbox)}>{props.enabled ? f.enabled : f.notEnabled}</Notice>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => props.go({ page: 'logging', mailbox: props.mailbox })}>
          {f.openLogging}
        </Button>
        <Button onClick={() => props.go({ page: 'status', mailbox: props.mailbox })}>{f.openStatus}</Button>
        <Button onClick={props.onAnother}>{f.another}</Button>
      </div>
    </>
  );
}
