// Interaction log entries of every contact, filtered by contact, salesperson, days, direction and canceled,
// newest first; an entry can be canceled (kept, but no longer counted) or restored.
import { Badge, Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import type { AdminInteraction } from '../../../../shared/api/adminViews.js';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeader } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useAction, useLoad } from '../../state/useLoad.js';
import { usePaged } from '../../state/usePaged.js';

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
  wrap: { overflowWrap: 'anywhere' },
});

const EMPTY = { contactNumber: '', salespersonCode: '', direction: '', from: '', to: '', canceled: '' };

export function InteractionsPage(props: { api: AdminClient }) {
  const { t, locale } = useAdminI18n();
  const x = t.interactions;
  const styles = useStyles();
  const { api } = props;
  const [form, setForm] = useState(EMPTY);
  const [query, setQuery] = useState(EMPTY);
  const salespeople = useLoad(() => api.salespeople(), [api]);
  const load = useCallback(
    (cursor?: string) => api.interactions({ ...query, contactNumber: query.contactNumber.trim(), cursor }),
    [api, query],
  );
  const list = usePaged(load, [load]);
  const cancel = useAction();

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...form });
  };
  const setCanceled = (entryNumber: number, canceled: boolean) =>
    cancel.run(async () => {
      await api.setCanceled(entryNumber, canceled);
      list.reload();
    });
  const set = (key: keyof typeof EMPTY) => (_: unknown, d: { value: string }) =>
    setForm({ ...form, [key]: d.value });

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
    { header: x.mailbox, cell: (e) => e.mailbox ?? t.common.none, className: styles.wrap },
    { header: x.opportunity, cell: (e) => e.opportunityNumber ?? t.common.none },
    {
      cell: (e) => (
        <Button
          size="small"
          disabled={cancel.pending}
          onClick={() => void setCanceled(e.entryNumber, !e.canceled)}
        >
          {e.canceled ? x.restore : x.cancel}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={x.title} />
      <form className={styles.filters} onSubmit={apply} aria-label={x.apply}>
        <Field label={x.contact}>
          <Input value={form.contactNumber} onChange={set('contactNumber')} size="small" />
        </Field>
        <Field label={x.salesperson}>
          <Select value={form.salespersonCode} onChange={set('salespersonCode')} size="small">
            <option value="">{t.common.any}</option>
            {(salespeople.data?.items ?? []).map((s) => (
              <option key={s.code} value={s.code}>
                {s.code} – {s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={x.direction}>
          <Select value={form.direction} onChange={set('direction')} size="small">
            <option value="">{t.common.any}</option>
            <option value="inbound">{x.inbound}</option>
            <option value="outbound">{x.outbound}</option>
          </Select>
        </Field>
        <Field label={x.from}>
          <Input type="date" value={form.from} onChange={set('from')} size="small" />
        </Field>
        <Field label={x.to}>
          <Input type="date" value={form.to} onChange={set('to')} size="small" />
        </Field>
        <Field label={x.canceled}>
          <Select value={form.canceled} onChange={set('canceled')} size="small">
            <option value="">{t.common.any}</option>
            <option value="false">{t.common.no}</option>
            <option value="true">{t.common.yes}</option>
          </Select>
        </Field>
        <Button type="submit" appearance="primary">
          {x.apply}
        </Button>
      </form>
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
    </>
  );
}
