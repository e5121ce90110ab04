// CSV export and import of a master-data list. Imports skip invalid rows (onError=skip) and report each one by
// line and column, so one typo does not block a thousand good rows.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, type ChangeEvent } from 'react';
import type { ImportReport } from '../../../shared/api/salespeople.js';
import { useAdminI18n } from '../i18n/context.js';
import { useAction } from '../state/useLoad.js';
import { ColumnTable, type Column } from './DataTable.js';
import { ErrorBar, Notice } from './feedback.js';

const useStyles = makeStyles({
  report: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  hidden: { display: 'none' },
});

export function CsvButtons(props: {
  name: string;
  exportCsv: () => Promise<string>;
  importCsv: (csv: string) => Promise<ImportReport>;
  onImported: (report: ImportReport) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const file = useRef<HTMLInputElement>(null);
  const action = useAction();

  const download = () =>
    action.run(async () => {
      const url = URL.createObjectURL(new Blob([await props.exportCsv()], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${props.name}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  const upload = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    e.target.value = ''; // the same file can be chosen again after fixing it
    if (!chosen) return;
    void action.run(async () => {
      try {
        props.onImported(await props.importCsv(await chosen.text()));
      } catch (err) {
        props.onError(err);
      }
    });
  };

  return (
    <>
      <Button onClick={() => void download()} disabled={action.pending}>
        {t.csv.export}
      </Button>
      <Button onClick={() => file.current?.click()} disabled={action.pending}>
        {action.pending ? t.csv.importing : t.csv.import}
      </Button>
      <input
        ref={file}
        className={styles.hidden}
        type="file"
        accept=".csv,text/csv"
        onChange={upload}
        data-testid={`import-${props.name}`}
      />
    </>
  );
}

interface ProblemAt {
  line: string;
  /** "*": the whole row. */
  column: string;
  message: string;
}

/** The server says where a problem is as "<line>.<column>" (the column may itself contain dots). */
function problemAt(p: { path: string; message: string }): ProblemAt {
  const [line = '', ...column] = p.path.split('.');
  return { line, column: column.join('.'), message: p.message };
}

export function ImportResult(props: { report: ImportReport | null; error: unknown; onDismiss: () => void }) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  if (props.error) return <ErrorBar error={props.error} />;
  const r = props.report;
  if (!r) return null;
  const problems = r.problems ?? [];
  const columns: Column<ProblemAt>[] = [
    { header: t.csv.line, cell: (p) => p.line },
    { header: t.csv.column, cell: (p) => (p.column === '*' ? t.csv.wholeRow : p.column) },
    { header: t.csv.problem, cell: (p) => p.message },
  ];
  return (
    <div className={styles.report} data-testid="import-report">
      <Notice intent={problems.length > 0 ? 'warning' : 'success'} onDismiss={props.onDismiss}>
        {t.csv.report(r.created, r.updated, r.skipped ?? 0)}
      </Notice>
      {problems.length > 0 && (
        <ColumnTable
          label={t.csv.problems}
          size="small"
          columns={columns}
          items={problems.map(problemAt)}
          rowKey={(_, i) => i}
          rowData={(p) => ({ 'data-line': p.line })}
        />
      )}
    </div>
  );
}
