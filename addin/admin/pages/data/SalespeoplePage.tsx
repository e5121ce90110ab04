// Salespeople: search by code or name, create, edit (name, address, active), CSV export and import.
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
import { useState } from 'react';
import type { ImportReport, Salesperson } from '../../../../shared/api/salespeople.js';
import type { AdminClient } from '../../api/adminClient.js';
import { CsvButtons, ImportResult } from '../../components/CsvTools.js';
import { Empty, ErrorBar, Loading, PageHeader } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useLoad } from '../../state/useLoad.js';
import { SalespersonDialog } from './SalespersonDialog.js';

export function SalespeoplePage(props: { api: AdminClient }) {
  const { t } = useAdminI18n();
  const sp = t.salespeople;
  const { api } = props;
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const list = useLoad(() => api.salespeople(query || undefined), [api, query]);
  const [editing, setEditing] = useState<Salesperson | null | 'new'>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const items = list.data?.items ?? [];

  return (
    <>
      <PageHeader title={sp.title}>
        <Button appearance="primary" onClick={() => setEditing('new')}>
          {t.common.new}
        </Button>
        <CsvButtons
          name="salespeople"
          exportCsv={api.exportSalespeople}
          importCsv={api.importSalespeople}
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
          placeholder={sp.search}
          aria-label={sp.search}
          value={search}
          onChange={(_, d) => setSearch(d.value)}
        />{' '}
        <Button type="submit">{t.common.search}</Button>
      </form>
      {list.error !== null && <ErrorBar error={list.error} onRetry={list.reload} />}
      {!list.data && list.loading && <Loading />}
      {list.data && items.length === 0 && <Empty text={sp.empty} />}
      {items.length > 0 && (
        <Table aria-label={sp.title} data-testid="salespeople">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{sp.code}</TableHeaderCell>
              <TableHeaderCell>{sp.name}</TableHeaderCell>
              <TableHeaderCell>{sp.email}</TableHeaderCell>
              <TableHeaderCell>{sp.active}</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((s) => (
              <TableRow key={s.code}>
                <TableCell>{s.code}</TableCell>
                <TableCell>{s.name}</TableCell>
                <TableCell>{s.email ?? t.common.none}</TableCell>
                <TableCell>
                  <Badge appearance="tint" color={s.active ? 'success' : 'informative'}>
                    {s.active ? t.common.yes : t.common.no}
                  </Badge>
                </TableCell>
                <TableCell>
                  <Button size="small" onClick={() => setEditing(s)}>
                    {t.common.edit}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editing !== null && (
        <SalespersonDialog
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
