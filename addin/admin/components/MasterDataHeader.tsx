// The title row of an editable master-data list (salespeople, contacts): New, CSV export and import (a preview
// first, CsvTools.tsx), and under it the last import's report (or why it failed) until the admin dismisses it
// or imports again.
import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import type { ImportQuery, ImportReport } from '../../../shared/api/salespeople.js';
import { useAdminI18n } from '../i18n/context.js';
import { CsvButtons, ImportResult } from './CsvTools.js';
import { PageHeader } from './feedback.js';

export function MasterDataHeader(props: {
  title: string;
  /** The download's file name (without .csv) and the import input's test id. */
  csvName: string;
  exportCsv: () => Promise<string>;
  /** The import (or, with dryRun, its preview). */
  importCsv: (csv: string, query: ImportQuery) => Promise<ImportReport>;
  onNew: () => void;
  /** An import changed the list: reload it. */
  onImported: () => void;
}) {
  const { t } = useAdminI18n();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  return (
    <>
      <PageHeader title={props.title}>
        <Button appearance="primary" onClick={props.onNew}>
          {t.common.new}
        </Button>
        <CsvButtons
          name={props.csvName}
          exportCsv={props.exportCsv}
          importCsv={props.importCsv}
          onImported={(r) => {
            setImportError(null);
            setReport(r);
            props.onImported();
          }}
          onError={(e) => {
            setReport(null);
            setImportError(e);
          }}
        />
      </PageHeader>
      <ImportResult report={report} error={importError} onDismiss={() => setReport(null)} />
    </>
  );
}
