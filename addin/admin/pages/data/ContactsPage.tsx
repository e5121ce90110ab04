// Contacts: search (address, number or start of a name), create, edit with alternate addresses, CSV export and
// import, paged with "Load more".
import {
  Badge,
  Button,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { ContactDetail } from '../../../../shared/api/contacts.js';
import type { ImportReport } from '../../../../shared/api/salespeople.js';
import type { AdminClient } from '../../api/adminClient.js';
import { CsvButtons, ImportResult } from '../../components/CsvTools.js';
import { Empty, ErrorBar, Loading, PageHeader } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { usePaged } from '../../state/usePaged.js';
import { ContactDialog } from './ContactDialog.js';

export function ContactsPage(props: { api: AdminClient }) {
  const { t } = useAdminI18n();
  const c = t.contacts;
  const { api } = props;
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const load = useCallback(
    (cursor?: string) => api.contacts({ search: query || undefined, cursor }),
    [api, query],
  );
  const list = usePaged(load, [load]);
  const [editing, setEditing] = useState<ContactDetail | null | 'new'>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [importError, setImportError] = useState<unknown>(null);

  return (
    <>
      <PageHeader title={c.title}>
        <Button appearance="primary" onClick={() => setEditing('new')}>
          {t.common.new}
        </Button>
        <CsvButtons
          name="contacts"
          exportCsv={api.exportContacts}
          importCsv={api.importContacts}
          onImported={(r) => {
            setImportError(null);
            setReport(r);
            list.reload();
          }}
          onError={(e) => {
            setReport(null);
            setImportError(e);
          }}
        />
      </PageHeader>
      <ImportResult report={report} error={importError} onDismiss={() => setReport(null)} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(search.trim());
        }}
      >
        <Input
          type="search"
          placeholder={c.search}
          aria-label={c.search}
          value={search}
          onChange={(_, d) => setSearch(d.value)}
          style={{ minWidth: '320px' }}
        />{' '}
        <Button type="submit">{t.common.search}</Button>
      </form>
      {list.error !== null && <ErrorBar error={list.error} onRetry={list.reload} />}
      {!list.loaded && list.loading && <Loading />}
      {list.loaded && list.items.length === 0 && <Empty text={c.empty} />}
      {list.items.length > 0 && (
        <Table aria-label={c.title} data-testid="contacts" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{c.number}</TableHeaderCell>
              <TableHeaderCell>{c.name}</TableHeaderCell>
              <TableHeaderCell>{c.kind}</TableHeaderCell>
              <TableHeaderCell>{c.companyName}</TableHeaderCell>
              <TableHeaderCell>{c.email}</TableHeaderCell>
              <TableHeaderCell>{c.alternateEmails}</TableHeaderCell>
              <TableHeaderCell>{c.salesperson}</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.items.map((x) => (
              <TableRow key={x.number}>
                <TableCell>{x.number}</TableCell>
                <TableCell>
                  {x.name}{' '}
                  {x.privacyBlocked && (
                    <Badge appearance="tint" color="warning">
                      {c.privacyBlocked}
                    </Badge>
                  )}
                </TableCell>
                <TableCell>{x.kind === 'person' ? c.person : c.company}</TableCell>
                <TableCell>
                  {x.kind === 'person' ? (x.companyName ?? t.common.none) : t.common.none}
                </TableCell>
                <TableCell>{x.email ?? t.common.none}</TableCell>
                <TableCell>{x.alternateEmails.join(', ') || t.common.none}</TableCell>
                <TableCell>{x.salesperson?.code ?? t.common.none}</TableCell>
                <TableCell>
                  <Button size="small" onClick={() => setEditing(x)}>
                    {t.common.edit}
                  </Button>
                </TableCell>
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
      {editing !== null && (
        <ContactDialog
          api={api}
          editing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}
