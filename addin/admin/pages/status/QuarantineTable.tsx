// Messages the loop quarantined (or that keep failing), with the reason an admin can act on.
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { QuarantinedMessage } from '../../../../shared/api/loggingSetup.js';
import { formatDateTime } from '../../../i18n/format.js';
import { Empty } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';

export function QuarantineTable(props: { items: QuarantinedMessage[] }) {
  const { t, locale } = useAdminI18n();
  const s = t.status;
  if (props.items.length === 0) return <Empty text={s.noQuarantine} />;
  return (
    <Table size="small" data-testid="quarantine">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{s.subject}</TableHeaderCell>
          <TableHeaderCell>{s.reason}</TableHeaderCell>
          <TableHeaderCell>{s.attempts}</TableHeaderCell>
          <TableHeaderCell>{s.updated}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.items.map((m) => (
          <TableRow key={m.messageId}>
            <TableCell>{m.subject || t.interactions.noSubject}</TableCell>
            <TableCell>
              {m.reason} ({m.code})
            </TableCell>
            <TableCell>{m.attempts}</TableCell>
            <TableCell>{formatDateTime(m.updatedAt, { locale })}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
