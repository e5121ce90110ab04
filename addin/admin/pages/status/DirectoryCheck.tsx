// The address check Business Central's guide asks for ("check that salesperson and contact addresses are
// valid"): what the logging loop's directory finds wrong, so an admin fixes it before mail goes unmatched.
import { Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { DirectoryCheck } from '../../../../shared/api/adminViews.js';
import { Address } from '../../../ui/Address.js';
import type { AdminClient } from '../../api/adminClient.js';
import { ColumnTable, type Column } from '../../components/DataTable.js';
import { ErrorBar, Loading } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useLoad } from '../../state/useLoad.js';

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalXL, display: 'flex', flexDirection: 'column', gap: '8px' },
});

type Issue = DirectoryCheck['issues'][number];

export function DirectoryCheckSection(props: { api: AdminClient; tick: number }) {
  const { t } = useAdminI18n();
  const d = t.status.directory;
  const styles = useStyles();
  const state = useLoad(() => props.api.directoryCheck(), [props.api, props.tick]);
  const check = state.data;
  const columns: Column<Issue>[] = [
    { header: d.problem, cell: (i) => d.kinds[i.kind] },
    { header: d.address, cell: (i) => <Address text={i.email} /> },
    { header: d.owners, cell: (i) => i.owners.map((o) => d.owner(o.type, o.id, o.via)).join(', ') },
  ];
  return (
    <section className={styles.section} aria-label={d.title}>
      <Subtitle1 as="h2">{d.title}</Subtitle1>
      {state.error !== null && <ErrorBar error={state.error} onRetry={state.reload} />}
      {!check && state.loading && <Loading />}
      {check && check.issues.length === 0 && (
        <Text>{d.allValid(check.counts.salespeople, check.counts.contacts)}</Text>
      )}
      {check && check.issues.length > 0 && (
        <>
          <Text>{d.found(check.issues.length)}</Text>
          <ColumnTable
            items={check.issues}
            label={d.title}
            testId="directory-check"
            size="small"
            columns={columns}
            rowKey={(i) => `${i.kind}:${i.email}`}
          />
        </>
      )}
    </section>
  );
}
