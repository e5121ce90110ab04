// The preview of a CSV import (the server's dry run of the same import): how many rows are new, changed,
// unchanged and invalid, and each problem by line and column. Nothing is written until the admin confirms:
// all or nothing when every row is valid, else only as "Import the valid rows only" (onError=skip).
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId } from 'react';
import type { ImportQuery, ImportReport } from '../../../shared/api/salespeople.js';
import { useAdminI18n } from '../i18n/context.js';
import { useAction } from '../state/useLoad.js';
import { ColumnTable, type Column } from './DataTable.js';
import { ErrorBar, Notice } from './feedback.js';

const useStyles = makeStyles({
  surface: { maxWidth: '720px' },
  confirm: { whiteSpace: 'nowrap', maxWidth: 'none' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface PreviewedFile {
  /** The file's name, as chosen. */
  name: string;
  csv: string;
  /** The dry run's report. */
  report: ImportReport;
}

export function ImportPreview(props: {
  file: PreviewedFile;
  importCsv: (csv: string, query: ImportQuery) => Promise<ImportReport>;
  onImported: (report: ImportReport) => void;
  onCancel: () => void;
}) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const action = useAction();
  const headingId = useId();
  const { report } = props.file;
  const invalid = report.skipped ?? 0;
  const writes = report.created + report.updated;
  const problems = report.problems ?? [];
  const confirm = () =>
    void action.run(async () => {
      const onError = invalid > 0 ? 'skip' : 'reject';
      props.onImported(await props.importCsv(props.file.csv, { onError }));
    });
  const counts: Column<ImportReport>[] = [
    { header: t.csv.created, cell: (r) => r.created },
    { header: t.csv.updated, cell: (r) => r.updated },
    { header: t.csv.unchanged, cell: (r) => r.unchanged },
    { header: t.csv.invalid, cell: () => invalid },
  ];
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !action.pending && props.onCancel()}>
      <DialogSurface className={styles.surface} data-testid="import-preview">
        <DialogBody>
          <DialogTitle>{t.csv.previewTitle(props.file.name)}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text as="p">{t.csv.previewIntro}</Text>
            <ColumnTable
              label={t.csv.counts}
              testId="import-preview-counts"
              columns={counts}
              items={[report]}
              rowKey={() => 'counts'}
            />
            {invalid > 0 && <Notice intent="warning">{t.csv.allOrNothing}</Notice>}
            {writes === 0 && <Notice intent="info">{t.csv.nothingToDo}</Notice>}
            {problems.length > 0 && (
              <section aria-labelledby={headingId}>
                <Subtitle2 as="h3" id={headingId} block>
                  {t.csv.previewProblems}
                </Subtitle2>
                <ProblemTable label={t.csv.previewProblems} problems={problems} />
              </section>
            )}
            {action.error !== null && <ErrorBar error={action.error} />}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onCancel} disabled={action.pending}>
              {t.common.cancel}
            </Button>
            <Button
              appearance="primary"
              className={styles.confirm}
              onClick={confirm}
              disabledFocusable={action.pending || writes === 0}
            >
              {action.pending ? t.csv.importing : invalid > 0 ? t.csv.confirmValidOnly : t.csv.confirm}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
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

/** The problems of an import or its preview, one row each (data-line: the file's line). */
export function ProblemTable(props: { label: string; problems: { path: string; message: string }[] }) {
  const { t } = useAdminI18n();
  const columns: Column<ProblemAt>[] = [
    { header: t.csv.line, cell: (p) => p.line },
    { header: t.csv.column, cell: (p) => (p.column === '*' ? t.csv.wholeRow : p.column) },
    { header: t.csv.problem, cell: (p) => p.message },
  ];
  return (
    <ColumnTable
      label={props.label}
      size="small"
      columns={columns}
      items={props.problems.map(problemAt)}
      rowKey={(_, i) => i}
      rowData={(p) => ({ 'data-line': p.line })}
    />
  );
}
