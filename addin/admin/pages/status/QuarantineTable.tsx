// Messages the loop quarantined (or that keep failing), with the reason an admin can act on, and Release (one, or
// all): released mail goes back to the Inbox and the next run processes it again.
import { Button } from '@fluentui/react-components';
import type { QuarantinedMessage } from '../../../../shared/api/loggingSetup.js';
import { formatDateTime } from '../../../i18n/format.js';
import { ColumnTable } from '../../components/DataTable.js';
import { Empty } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';

export function QuarantineTable(props: {
  items: QuarantinedMessage[];
  /** Present for quarantined (not still-failing) messages. */
  onRelease?: (messageIds: string[] | 'all') => void;
  busy?: boolean;
}) {
  const { t, locale } = useAdminI18n();
  const s = t.status;
  if (props.items.length === 0) return <Empty text={s.noQuarantine} />;
  const release = props.onRelease;
  return (
    <>
      {release && (
        <div>
          <Button size="small" disabled={props.busy} onClick={() => release('all')}>
            {s.releaseAll}
          </Button>
        </div>
      )}
      <ColumnTable
        label={s.quarantine}
        testId="quarantine"
        size="small"
        items={props.items}
        rowKey={(m) => m.messageId}
        columns={[
          { header: s.subject, cell: (m) => m.subject || t.interactions.noSubject },
          {
            header: s.reason,
            cell: (m) => `${m.reason} (${m.code})${m.inInbox ? ` ${s.stillInInbox}` : ''}`,
          },
          { header: s.attempts, cell: (m) => m.attempts },
          { header: s.updated, cell: (m) => formatDateTime(m.updatedAt, { locale }) },
          ...(release
            ? [
                {
                  header: '',
                  cell: (m: QuarantinedMessage) => (
                    <Button
                      size="small"
                      disabled={props.busy}
                      aria-label={s.releaseOne(m.subject || t.interactions.noSubject)}
                      onClick={() => release([m.messageId])}
                    >
                      {s.release}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
