// Opportunities ("Salgsmuligheder"), newest first, filtered by status.
import { Badge, Field, Select } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { Opportunity } from '../../../../shared/api/opportunities.js';
import { formatAmount, formatCalendarDate, formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeader } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { usePaged } from '../../state/usePaged.js';

const COLOR = { open: 'brand', won: 'success', lost: 'informative' } as const;

export function OpportunitiesPage(props: { api: AdminClient }) {
  const { t, locale } = useAdminI18n();
  const o = t.opportunities;
  const none = t.common.none;
  const { api } = props;
  const [status, setStatus] = useState('');
  const load = useCallback((cursor?: string) => api.opportunities({ status, cursor }), [api, status]);
  const list = usePaged(load, [load]);

  const columns: Column<Opportunity>[] = [
    { header: o.number, cell: (x) => x.number },
    { header: o.description, cell: (x) => x.description },
    { header: o.contact, cell: (x) => x.contactNumber },
    { header: o.salesperson, cell: (x) => x.salespersonCode ?? none },
    {
      header: o.status,
      cell: (x) => (
        <Badge appearance="tint" color={COLOR[x.status]}>
          {o.statuses[x.status]}
        </Badge>
      ),
    },
    {
      header: o.value,
      cell: (x) => (x.estimatedValue === null ? none : formatAmount(x.estimatedValue, { locale })),
    },
    {
      header: o.closeDate,
      cell: (x) => (x.expectedCloseDate ? formatCalendarDate(x.expectedCloseDate, { locale }) : none),
    },
    { header: o.created, cell: (x) => formatDateTime(x.createdAt, { locale }) },
  ];

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
      <DataTable
        list={list}
        label={o.title}
        testId="opportunities"
        size="small"
        empty={o.empty}
        columns={columns}
        rowKey={(x) => x.number}
      />
    </>
  );
}
