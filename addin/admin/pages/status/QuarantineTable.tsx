// Messages the loop quarantined (or that keep failing), with the reason an admin can act on.
import type { QuarantinedMessage } from '../../../../shared/api/loggingSetup.js';
import { formatDateTime } from '../../../i18n/format.js';
import { ColumnTable } from '../../components/DataTable.js';
import { Empty } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';

export function QuarantineTable(props: { items: QuarantinedMessage[] }) {
  const { t, locale } = useAdminI18n();
  const s = t.status;
  if (props.items.length === 0) return <Empty text={s.noQuarantine} />;
  return (
    <ColumnTable
      label={s.quarantine}
      testId="quarantine"
      size="small"
      items={props.items}
      rowKey={(m) => m.messageId}
      columns={[
        { header: s.subject, cell: (m) => m.subject || t.interactions.noSubject },
        { header: s.reason, cell: (m) => `${m.reason} (${m.code})` },
        { header: s.attempts, cell: (m) => m.attempts },
        { header: s.updated, cell: (m) => formatDateTime(m.updatedAt, { locale }) },
      ]}
    />
  );
}
