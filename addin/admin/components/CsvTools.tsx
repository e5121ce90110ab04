// CSV export and import of a master-data list. Choosing a file asks the server for a dry run and shows it as a
// preview (ImportPreview.tsx); nothing is written until the admin confirms there. The import's report (and the
// rows it left out, by line and column) is shown under the list's title.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState, type ChangeEvent } from 'react';
import type { ImportQuery, ImportReport } from '../../../shared/api/salespeople.js';
import { useAdminI18n } from '../i18n/context.js';
import { useAction } from '../state/useLoad.js';
import { ErrorBar, Notice } from './feedback.js';
import { ImportPreview, ProblemTable, type PreviewedFile } from './ImportPreview.js';

const useStyles = makeStyles({
  report: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  hidden: { display: 'none' },
});

export function CsvButtons(props: {
  name: string;
  exportCsv: () => Promise<string>;
  importCsv: (csv: string, query: ImportQuery) => Promise<ImportReport>;
  onImported: (report: ImportReport) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const file = useRef<HTMLInputElement>(null);
  const action = useAction();
  const [preview, setPreview] = useState<PreviewedFile | null>(null);

  const download = () =>
    action.run(async () => {
      const url = URL.createObjectURL(new Blob([await props.exportCsv()], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${props.name}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    e.target.value = ''; // the same file can be chosen again after fixing it
    if (!chosen) return;
    void action.run(async () => {
      try {
        const csv = await chosen.text();
        const report = await props.importCsv(csv, { dryRun: 'true' });
        setPreview({ name: chosen.name, csv, report });
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
        {action.pending ? t.csv.reading : t.csv.import}
      </Button>
      <input
        ref={file}
        className={styles.hidden}
        type="file"
        accept=".csv,text/csv"
        onChange={choose}
        data-testid={`import-${props.name}`}
      />
      {preview && (
        <ImportPreview
          file={preview}
          importCsv={props.importCsv}
          onCancel={() => setPreview(null)}
          onImported={(report) => {
            setPreview(null);
            props.onImported(report);
          }}
        />
      )}
    </>
  );
}

export function ImportResult(props: { report: ImportReport | null; error: unknown; onDismiss: () => void }) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  if (props.error) return <ErrorBar error={props.error} />;
  const r = props.report;
  if (!r) return null;
  const problems = r.problems ?? [];
  return (
    <div className={styles.report} data-testid="import-report">
      <Notice intent={problems.length > 0 ? 'warning' : 'success'} onDismiss={props.onDismiss}>
        {t.csv.report({ ...r, skipped: r.skipped ?? 0 })}
      </Notice>
      {problems.length > 0 && <ProblemTable label={t.csv.problems} problems={problems} />}
    </div>
  );
}
