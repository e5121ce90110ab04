// Tables by columns. DataTable is the list part of every data page: the load's error with Retry, the spinner of
// the first load, the empty text, the table, and "Load more" while the server has more pages, so a page says
// only which columns it shows.
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useAdminI18n } from '../i18n/context.js';
import type { ListState } from '../state/usePaged.js';
import { Empty, ErrorBar, Loading } from './feedback.js';

export interface Column<T> {
  /** None for a column of row buttons. */
  header?: string;
  cell: (item: T) => ReactNode;
  className?: string;
}

/** A column with one small button a row, e.g. Edit. */
export function buttonColumn<T>(label: string, onClick: (item: T) => void): Column<T> {
  return {
    cell: (item) => (
      <Button size="small" onClick={() => onClick(item)}>
        {label}
      </Button>
    ),
  };
}

export interface ColumnTableProps<T> {
  /** The table's accessible name. */
  label: string;
  testId?: string;
  size?: 'small' | 'medium';
  columns: Column<T>[];
  items: T[];
  rowKey: (item: T, index: number) => string | number;
  /** data-* attributes of a row, so a test or a style can find a row by its key. */
  rowData?: (item: T) => Record<`data-${string}`, string | number>;
}

/** A table of items by columns. */
export function ColumnTable<T>(props: ColumnTableProps<T>) {
  const { columns } = props;
  return (
    <Table aria-label={props.label} data-testid={props.testId} size={props.size}>
      <TableHeader>
        <TableRow>
          {columns.map((c, i) => (
            <TableHeaderCell key={i}>{c.header}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.items.map((item, index) => (
          <TableRow key={props.rowKey(item, index)} {...props.rowData?.(item)}>
            {columns.map((c, i) => (
              <TableCell key={i} className={c.className}>
                {c.cell(item)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A data page's list in a ColumnTable, with its load's error, first-load spinner, empty text and Load more. */
export function DataTable<T>(
  props: Omit<ColumnTableProps<T>, 'items'> & {
    list: ListState<T>;
    empty: string;
    /** The failure of an action on a row, shown under the list's own error. */
    actionError?: unknown;
  },
) {
  const { t } = useAdminI18n();
  const { list, empty, actionError, ...table } = props;
  return (
    <>
      {list.error !== null && <ErrorBar error={list.error} onRetry={list.reload} />}
      {actionError != null && <ErrorBar error={actionError} />}
      {!list.loaded && list.loading && <Loading />}
      {list.loaded && list.items.length === 0 && <Empty text={empty} />}
      {list.items.length > 0 && <ColumnTable {...table} items={list.items} />}
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
