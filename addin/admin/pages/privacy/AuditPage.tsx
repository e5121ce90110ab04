// The audit log: who did what, when and from where, newest first, filtered by action, user, target and days,
// paged with "Load more"; the data-retention setting above it (both are what a privacy review asks for).
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditLine } from '../../../../shared/api/audit.js';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeader } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { usePaged } from '../../state/usePaged.js';
import { RetentionCard } from './RetentionCard.js';

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
  detail: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3 },
});

const EMPTY = { action: '', user: '', targetType: '', targetId: '', from: '', to: '' };

/** A detail as short text: `key: value` pairs (values are counts, flags, keys and field names only). */
function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join('; ');
}

export function AuditPage(props: { api: AdminClient }) {
  const { t, locale } = useAdminI18n();
  const a = t.audit;
  const styles = useStyles();
  const { api } = props;
  const [form, setForm] = useState(EMPTY);
  const [query, setQuery] = useState(EMPTY);
  const load = useCallback(
    (cursor?: string) =>
      api.audit({ ...query, user: query.user.trim(), targetId: query.targetId.trim(), cursor }),
    [api, query],
  );
  const list = usePaged(load, [load]);
  const set = (key: keyof typeof EMPTY) => (_: unknown, d: { value: string }) =>
    setForm({ ...form, [key]: d.value });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...form });
  };

  const target = (l: AuditLine) => {
    const type = a.targets[l.targetType];
    if (l.targetType !== 'contact') return `${type} ${l.targetId}`;
    return l.contactNumber ? `${type} ${l.contactNumber}` : `${type} (${a.erasedContact} ${l.targetId})`;
  };
  const columns: Column<AuditLine>[] = [
    { header: a.at, cell: (l) => formatDateTime(l.at, { locale }) },
    {
      header: a.who,
      cell: (l) =>
        l.userId === 'system' ? a.system : `${l.userName || l.userEmail || l.userId} (${l.roles.join(', ')})`,
    },
    { header: a.client, cell: (l) => l.client ?? t.common.none },
    { header: a.action, cell: (l) => a.actions[l.action] },
    { header: a.target, cell: target },
    {
      header: a.detail,
      cell: (l) => <span className={styles.detail}>{detailText(l.detail) || t.common.none}</span>,
    },
  ];

  return (
    <>
      <PageHeader title={a.title} />
      <RetentionCard api={api} />
      <form className={styles.filters} onSubmit={apply} aria-label={a.apply}>
        <Field label={a.action}>
          <Select value={form.action} onChange={set('action')} size="small">
            <option value="">{t.common.any}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {a.actions[action]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={a.user}>
          <Input value={form.user} onChange={set('user')} size="small" />
        </Field>
        <Field label={a.targetType}>
          <Select value={form.targetType} onChange={set('targetType')} size="small">
            <option value="">{t.common.any}</option>
            {AUDIT_TARGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {a.targets[type]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={a.targetId}>
          <Input value={form.targetId} onChange={set('targetId')} size="small" />
        </Field>
        <Field label={a.from}>
          <Input type="date" value={form.from} onChange={set('from')} size="small" />
        </Field>
        <Field label={a.to}>
          <Input type="date" value={form.to} onChange={set('to')} size="small" />
        </Field>
        <Button type="submit" appearance="primary">
          {a.apply}
        </Button>
      </form>
      <DataTable
        list={list}
        label={a.title}
        testId="audit"
        size="small"
        empty={a.empty}
        columns={columns}
        rowKey={(l) => l.id}
        rowData={(l) => ({ 'data-action': l.action })}
      />
    </>
  );
}
