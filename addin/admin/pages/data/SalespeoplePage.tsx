// Salespeople: search by code or name, create, edit (name, address, active), CSV export and import, and the
// Entra ID user each one is: a verified sign-in whose address matched waits here for the admin to confirm it.
import { Badge, Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { Salesperson } from '../../../../shared/api/salespeople.js';
import type { AdminClient } from '../../api/adminClient.js';
import { DataTable, buttonColumn, type Column } from '../../components/DataTable.js';
import { MasterDataHeader } from '../../components/MasterDataHeader.js';
import { SearchForm } from '../../components/SearchForm.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useEditing } from '../../state/useEditing.js';
import { useWholeList } from '../../state/usePaged.js';
import { SalespersonDialog } from './SalespersonDialog.js';
import { Address } from '../../../ui/Address.js';

export function SalespeoplePage(props: { api: AdminClient }) {
  const { t } = useAdminI18n();
  const sp = t.salespeople;
  const { api } = props;
  const [query, setQuery] = useState('');
  const list = useWholeList(() => api.salespeople(query || undefined), [api, query]);
  const editor = useEditing<Salesperson>(list.reload);
  const confirm = async (s: Salesperson) => {
    if (!s.pendingSignIn) return;
    await api.confirmSalespersonSignIn(s.code, s.pendingSignIn.objectId).catch(() => undefined);
    list.reload(); // a refusal (another sign-in meanwhile) shows as the newer pending sign-in
  };

  const columns: Column<Salesperson>[] = [
    { header: sp.code, cell: (s) => s.code },
    { header: sp.name, cell: (s) => s.name },
    { header: sp.email, cell: (s) => (s.email ? <Address text={s.email} /> : t.common.none) },
    {
      header: sp.active,
      cell: (s) => (
        <Badge appearance="tint" color={s.active ? 'success' : 'informative'}>
          {s.active ? t.common.yes : t.common.no}
        </Badge>
      ),
    },
    { header: sp.signIn, cell: (s) => <SignInCell s={s} onConfirm={confirm} /> },
    buttonColumn(t.common.edit, editor.edit),
  ];

  return (
    <>
      <MasterDataHeader
        title={sp.title}
        csvName="salespeople"
        exportCsv={api.exportSalespeople}
        importCsv={api.importSalespeople}
        onNew={editor.startNew}
        onImported={list.reload}
      />
      <SearchForm label={sp.search} onSearch={setQuery} />
      <DataTable
        list={list}
        label={sp.title}
        testId="salespeople"
        empty={sp.empty}
        columns={columns}
        rowKey={(s) => s.code}
      />
      {editor.dialog && <SalespersonDialog api={api} {...editor.dialog} />}
    </>
  );
}

function SignInCell(props: { s: Salesperson; onConfirm: (s: Salesperson) => void }) {
  const { t, locale } = useAdminI18n();
  const sp = t.salespeople;
  const { s } = props;
  if (s.entra) {
    return (
      <Badge appearance="tint" color="success" title={s.entra.objectId}>
        {sp.bound}
      </Badge>
    );
  }
  const p = s.pendingSignIn;
  if (!p) return <Text>{sp.notSignedIn}</Text>;
  const when = new Date(p.seenAt).toLocaleString(locale);
  return (
    <span data-testid={`pending-sign-in-${s.code}`}>
      <Text>{sp.pending(p.displayName, p.address, when)}</Text>{' '}
      <Button size="small" title={sp.confirmHint} onClick={() => props.onConfirm(s)}>
        {sp.confirm}
      </Button>
    </span>
  );
}
