// Opportunities ("Salgsmuligheder"), newest first, filtered by status.
import {
  Badge,
  Button,
  Field,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { formatAmount, formatCalendarDate, formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { Empty, ErrorBar, Loading, PageHeader } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { usePaged } from '../../state/usePaged.js';

const COLOR = { open: 'brand', won: 'success', lost: 'informative' } as const;

export function OpportunitiesPage(props: { api: AdminClient }) {
  const { t, locale } = useAdminI18n();
  const o = t.opportunities;
  const { api } = props;
  const [status, setStatus] = useState('');
  const load = useCallback((cursor?: string) => api.opportunities({ status, cursor }), [api, status]);
  const list = usePaged(load, [load]);

  return (
    <>
      <PageHeader title={o.title}>
        <Field label={o.status} orientation="horizontal">
          <Select value={status} onChange={(_, d) => setStatus(d.value)}>
            <option value="">{t.common.any}</option>
            <option value="open">{o.statuses.open}</option>
            <option value="won">{o.statuses.won}</option>
            <option value="lost">{o.statuses.lost}</option>
          </Select>
        </Field>
      </PageHeader>
      {list.error !== null && <ErrorBar error={list.error} onRetry={list.reload} />}
      {!list.loaded && list.loading && <Loading />}
      {list.loaded && list.items.length === 0 && <Empty text={o.empty} />}
      {list.items.length > 0 && (
        <Table aria-label={o.title} data-testid="opportunities" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{o.number}</TableHeaderCell>
              <TableHeaderCell>{o.description}</TableHeaderCell>
              <TableHeaderCell>{o.contact}</TableHeaderCell>
              <TableHeaderCell>{o.salesperson}</TableHeaderCell>
              <TableHeaderCell>{o.status}</TableHeaderCell>
              <TableHeaderCell>{o.value}</TableHeaderCell>
              <TableHeaderCell>{o.closeDate}</TableHeaderCell>
              <TableHeaderCell>{o.created}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.items.map((x) => (
              <TableRow key={x.number}>
                <TableCell>{x.number}</TableCell>
                <TableCell>{x.description}</TableCell>
                <TableCell>{x.contactNumber}</TableCell>
                <TableCell>{x.salespersonCode ?? t.common.none}</TableCell>
                <TableCell>
                  <Badge appearance="tint" color={COLOR[x.status]}>
                    {o.statuses[x.status]}
                  </Badge>
                </TableCell>
                <TableCell>
                  {x.estimatedValue === null ? t.common.none : formatAmount(x.estimatedValue, { locale })}
                </TableCell>
                <TableCell>
                  {x.expectedCloseDate ? formatCalendarDate(x.expectedCloseDate, { locale }) : t.common.none}
                </TableCell>
                <TableCell>{formatDateTime(x.createdAt, { locale })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {list.hasMore && (
        <div>
          <Button onClick={list.loadMore} disabled={list.loading}>
            {t.common.more}
          </Button>
        </div>
      )}
    </>
  );
}
