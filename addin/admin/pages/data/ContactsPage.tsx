// Contacts: search (address, number or start of a name), create, edit with alternate addresses, CSV export and
// import, paged with "Load more"; a contact's data exported or erased (privacy/ContactPrivacy.tsx).
import { Badge } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { ContactDetail } from '../../../../shared/api/contacts.js';
import type { AdminClient } from '../../api/adminClient.js';
import { DataTable, buttonColumn, type Column } from '../../components/DataTable.js';
import { MasterDataHeader } from '../../components/MasterDataHeader.js';
import { SearchForm } from '../../components/SearchForm.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useEditing } from '../../state/useEditing.js';
import { usePaged } from '../../state/usePaged.js';
import { ContactDialog } from './ContactDialog.js';
import { useContactPrivacy } from '../privacy/ContactPrivacy.js';
import { Address } from '../../../ui/Address.js';

export function ContactsPage(props: { api: AdminClient }) {
  const { t } = useAdminI18n();
  const c = t.contacts;
  const none = t.common.none;
  const { api } = props;
  const [query, setQuery] = useState('');
  const load = useCallback(
    (cursor?: string) => api.contacts({ search: query || undefined, cursor }),
    [api, query],
  );
  const list = usePaged(load, [load]);
  const editor = useEditing<ContactDetail>(list.reload);
  const privacy = useContactPrivacy(api, list.reload);

  const columns: Column<ContactDetail>[] = [
    { header: c.number, cell: (x) => x.number },
    {
      header: c.name,
      cell: (x) => (
        <>
          {x.name}{' '}
          {x.privacyBlocked && (
            <Badge appearance="tint" color="warning">
              {c.privacyBlocked}
            </Badge>
          )}
        </>
      ),
    },
    { header: c.kind, cell: (x) => (x.kind === 'person' ? c.person : c.company) },
    { header: c.companyName, cell: (x) => (x.kind === 'person' ? (x.companyName ?? none) : none) },
    { header: c.email, cell: (x) => (x.email ? <Address text={x.email} /> : none) },
    { header: c.alternateEmails, cell: (x) => x.alternateEmails.join(', ') || none },
    { header: c.salesperson, cell: (x) => x.salesperson?.code ?? none },
    buttonColumn(t.common.edit, editor.edit),
    ...privacy.columns,
  ];

  return (
    <>
      <MasterDataHeader
        title={c.title}
        csvName="contacts"
        exportCsv={api.exportContacts}
        importCsv={api.importContacts}
        onNew={editor.startNew}
        onImported={list.reload}
      />
      <SearchForm label={c.search} onSearch={setQuery} minWidth="320px" />
      {privacy.view}
      <DataTable
        list={list}
        label={c.title}
        testId="contacts"
        size="small"
        empty={c.empty}
        columns={columns}
        rowKey={(x) => x.number}
      />
      {editor.dialog && <ContactDialog api={api} {...editor.dialog} />}
    </>
  );
}
