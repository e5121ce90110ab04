// The audit log: who did what, when and from where, newest first, filtered by action, user, target and days,
// paged with "Load more"; the data-retention setting above it (both are what a privacy review asks for).
import { makeStyles, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditLine } from '../../../../shared/api/audit.js';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeader } from '../../components/feedback.js';
import { ChoiceFilter, FilterForm, TextFilter, useFilterForm } from '../../components/FilterForm.js';
import { useAdminI18n } from '../../i18n/context.js';
import { usePaged } from '../../state/usePaged.js';
import { RetentionCard } from './RetentionCard.js';

const useStyles = makeStyles({
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
  const { query, bind, apply } = useFilterForm(EMPTY);
  const load = useCallback(
    (cursor?: string) =>
      api.audit({ ...query, user: query.user.trim(), targetId: query.targetId.trim(), cursor }),
    [api, query],
  );
  const list = usePaged(load, [load]);

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
      <FilterForm applyLabel={a.apply} onSubmit={apply}>
        <ChoiceFilter
          label={a.action}
          bind={bind('action')}
          options={AUDIT_ACTIONS.map((action) => [action, a.actions[action]])}
        />
        <TextFilter label={a.user} bind={bind('user')} />
        <ChoiceFilter
          label={a.targetType}
          bind={bind('targetType')}
          options={AUDIT_TARGET_TYPES.map((type) => [type, a.targets[type]])}
        />
        <TextFilter label={a.targetId} bind={bind('targetId')} />
        <TextFilter label={a.from} bind={bind('from')} type="date" />
        <TextFilter label={a.to} bind={bind('to')} type="date" />
      </FilterForm>
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
