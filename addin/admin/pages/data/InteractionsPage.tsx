// Interaction log entries of every contact, filtered by contact, salesperson, days, direction and canceled,
// newest first; an entry's logged mail can be viewed, and the entry canceled (kept, but no longer counted) or
// restored.
import { Badge, Button } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { AdminInteraction } from '../../../../shared/api/adminViews.js';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeader } from '../../components/feedback.js';
import { ChoiceFilter, FilterForm, TextFilter, useFilterForm } from '../../components/FilterForm.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useAction, useLoad } from '../../state/useLoad.js';
import { usePaged } from '../../state/usePaged.js';
import { Address } from '../../../ui/Address.js';
import { useViewMailWords, ViewMailDialog } from './ViewMailDialog.js';

const EMPTY = { contactNumber: '', salespersonCode: '', direction: '', from: '', to: '', canceled: '' };

export function InteractionsPage(props: { api: AdminClient }) {
  const { t, locale } = useAdminI18n();
  const x = t.interactions;
  const { api } = props;
  const { query, bind, apply } = useFilterForm(EMPTY);
  const salespeople = useLoad(() => api.salespeople(), [api]);
  const load = useCallback(
    (cursor?: string) => api.interactions({ ...query, contactNumber: query.contactNumber.trim(), cursor }),
    [api, query],
  );
  const list = usePaged(load, [load]);
  const cancel = useAction();
  const [viewing, setViewing] = useState<number | null>(null);
  const viewMail = useViewMailWords().action;

  const setCanceled = (entryNumber: number, canceled: boolean) =>
    cancel.run(async () => {
      await api.setCanceled(entryNumber, canceled);
      list.reload();
    });

  const columns: Column<AdminInteraction>[] = [
    { header: x.entry, cell: (e) => e.entryNumber },
    { header: x.date, cell: (e) => formatDateTime(e.occurredAt, { locale }) },
    { header: x.direction, cell: (e) => (e.direction === 'inbound' ? x.inbound : x.outbound) },
    { header: t.contacts.name, cell: (e) => `${e.contactNumber} ${e.contactName}` },
    { header: x.salesperson, cell: (e) => e.salespersonName ?? e.salespersonCode ?? t.common.none },
    {
      header: x.subject,
      cell: (e) => (
        <>
          {e.subject || x.noSubject}{' '}
          {e.canceled && (
            <Badge appearance="tint" color="warning">
              {x.canceledBadge}
            </Badge>
          )}
        </>
      ),
    },
    // The interaction template the entry was logged with (its code, as Business Central's list shows it).
    { header: t.templates.column, cell: (e) => e.template?.code ?? t.common.none },
    { header: x.mailbox, cell: (e) => (e.mailbox ? <Address text={e.mailbox} /> : t.common.none) },
    { header: x.opportunity, cell: (e) => e.opportunityNumber ?? t.common.none },
    {
      cell: (e) => (
        <>
          <Button size="small" onClick={() => setViewing(e.entryNumber)}>
            {viewMail}
          </Button>{' '}
          <Button
            size="small"
            disabled={cancel.pending}
            onClick={() => void setCanceled(e.entryNumber, !e.canceled)}
          >
            {e.canceled ? x.restore : x.cancel}
          </Button>
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={x.title} />
      <FilterForm applyLabel={x.apply} onSubmit={apply}>
        <TextFilter label={x.contact} bind={bind('contactNumber')} />
        <ChoiceFilter
          label={x.salesperson}
          bind={bind('salespersonCode')}
          options={(salespeople.data?.items ?? []).map((s) => [s.code, `${s.code} – ${s.name}`])}
        />
        <ChoiceFilter
          label={x.direction}
          bind={bind('direction')}
          options={[
            ['inbound', x.inbound],
            ['outbound', x.outbound],
          ]}
        />
        <TextFilter label={x.from} bind={bind('from')} type="date" />
        <TextFilter label={x.to} bind={bind('to')} type="date" />
        <ChoiceFilter
          label={x.canceled}
          bind={bind('canceled')}
          options={[
            ['false', t.common.no],
            ['true', t.common.yes],
          ]}
        />
      </FilterForm>
      <DataTable
        list={list}
        actionError={cancel.error}
        label={x.title}
        testId="interactions"
        size="small"
        empty={x.empty}
        columns={columns}
        rowKey={(e) => e.entryNumber}
        rowData={(e) => ({ 'data-entry': e.entryNumber })}
      />
      {viewing !== null && (
        <ViewMailDialog open api={api} entryNumber={viewing} onClose={() => setViewing(null)} />
      )}
    </>
  );
}
