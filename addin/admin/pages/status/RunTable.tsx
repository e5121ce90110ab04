// Runs of a mailbox, newest first: when, why, the outcome, the non-zero counts and each error with its context
// (Business Central's contexts: get email messages, process email message, archive, ...), code and message id.
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { JobRunView } from '../../../../shared/api/loggingSetup.js';
import { formatDateTime } from '../../../i18n/format.js';
import { ColumnTable } from '../../components/DataTable.js';
import { Empty } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';

const useStyles = makeStyles({
  errors: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  id: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100, wordBreak: 'break-all' },
});

const OUTCOME_COLOR = {
  running: 'informative',
  succeeded: 'success',
  partial: 'warning',
  failed: 'danger',
} as const;
const SHOWN_ERRORS = 5;
/** Graph ids are ~150 characters; the end tells them apart (the whole id is in the tooltip). */
const shortId = (id: string) => (id.length > 24 ? `…${id.slice(-20)}` : id);

export function RunTable(props: { runs: JobRunView[]; label: string }) {
  const { t, locale } = useAdminI18n();
  const s = t.status;
  const styles = useStyles();
  if (props.runs.length === 0) return <Empty text={s.noRuns} />;
  const counts = (run: JobRunView) =>
    Object.entries(run.counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${s.counters[k] ?? k} ${n}`)
      .join(' · ') || '0';
  const errors = (run: JobRunView) =>
    run.errors.length === 0 ? (
      t.common.none
    ) : (
      <ul className={styles.errors}>
        {run.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
          <li key={i}>
            <Text weight="semibold">{s.contexts[e.context] ?? e.context}</Text> ({e.code}): {e.message}
            {e.messageId && (
              <div className={styles.id} title={e.messageId}>
                {s.message(shortId(e.messageId))}
              </div>
            )}
          </li>
        ))}
        {run.errors.length > SHOWN_ERRORS && <li>+{run.errors.length - SHOWN_ERRORS}</li>}
      </ul>
    );
  return (
    <ColumnTable
      label={props.label}
      testId="runs"
      size="small"
      items={props.runs}
      rowKey={(run) => run.runId}
      rowData={(run) => ({ 'data-outcome': run.outcome, 'data-trigger': run.trigger })}
      columns={[
        { header: s.started, cell: (run) => formatDateTime(run.startedAt, { locale }) },
        { header: s.trigger, cell: (run) => s.triggers[run.trigger] ?? run.trigger },
        {
          header: s.outcome,
          cell: (run) => (
            <Badge appearance="tint" color={OUTCOME_COLOR[run.outcome]}>
              {s.outcomes[run.outcome]}
            </Badge>
          ),
        },
        { header: s.counts, cell: (run) => <span data-testid="run-counts">{counts(run)}</span> },
        { header: s.errors, cell: errors },
      ]}
    />
  );
}
