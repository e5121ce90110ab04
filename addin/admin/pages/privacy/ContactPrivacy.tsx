// A contact's data-subject rights on the contacts page: "Export data" downloads everything stored about it
// (JSON), "Erase…" asks for its number to be typed and then erases it, and the answer says what was deleted and
// where its mail still is in Exchange (Interlog never deletes mail).
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Text,
} from '@fluentui/react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ContactDetail } from '../../../../shared/api/contacts.js';
import type { ErasureReport } from '../../../../shared/api/privacy.js';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import type { Column } from '../../components/DataTable.js';
import { ErrorBar, Notice } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useAction } from '../../state/useLoad.js';

function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useContactPrivacy(
  api: AdminClient,
  onErased: () => void,
): { columns: Column<ContactDetail>[]; view: ReactNode } {
  const { t, locale } = useAdminI18n();
  const p = t.contactPrivacy;
  const action = useAction();
  const [erasing, setErasing] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [report, setReport] = useState<ErasureReport | null>(null);
  const date = (iso: string | null) => (iso ? formatDateTime(iso, { locale }) : t.common.none);

  const exportData = (number: string) =>
    void action.run(async () => {
      download(`contact-${number}.json`, await api.exportContactData(number, 'json'), 'application/json');
    });
  const erase = (e: FormEvent) => {
    e.preventDefault();
    const number = erasing;
    if (!number || typed.trim() !== number) return;
    void action.run(async () => {
      setReport(await api.eraseContact(number));
      setErasing(null);
      onErased();
    });
  };
  const close = () => {
    setErasing(null);
    action.setError(null);
  };

  const columns: Column<ContactDetail>[] = [
    {
      cell: (c) => (
        <Button size="small" disabled={action.pending} onClick={() => exportData(c.number)}>
          {p.export}
        </Button>
      ),
    },
    {
      cell: (c) => (
        <Button
          size="small"
          onClick={() => {
            setTyped('');
            setReport(null);
            setErasing(c.number);
          }}
        >
          {p.erase}
        </Button>
      ),
    },
  ];

  const view = (
    <>
      {action.error != null && erasing === null && <ErrorBar error={action.error} />}
      {report && (
        <Notice onDismiss={() => setReport(null)}>
          <div role="status" data-testid="erasure-report">
            <Text block>{p.erased(report.entries, report.opportunities)}</Text>
            {report.mail.map((m) => (
              <Text block key={m.mailbox ?? ''}>
                {m.mailbox
                  ? p.mailAt(m.mailbox, m.folder ?? t.common.none, m.messages, date(m.oldest), date(m.newest))
                  : p.mailByHand(m.messages, date(m.oldest), date(m.newest))}
              </Text>
            ))}
            <Text block size={200}>
              {p.erasureId(report.erasureId)}
            </Text>
          </div>
        </Notice>
      )}
      {erasing && (
        <Dialog open onOpenChange={(_, d) => !d.open && close()}>
          <DialogSurface>
            <form onSubmit={erase}>
              <DialogBody>
                <DialogTitle>{p.eraseTitle(erasing)}</DialogTitle>
                <DialogContent>
                  <Text block>{p.eraseBody}</Text>
                  <Field label={p.confirmLabel(erasing)}>
                    <Input value={typed} onChange={(_, d) => setTyped(d.value)} autoFocus />
                  </Field>
                  {action.error != null && <ErrorBar error={action.error} />}
                </DialogContent>
                <DialogActions>
                  <Button onClick={close}>{t.common.cancel}</Button>
                  <Button
                    type="submit"
                    appearance="primary"
                    disabled={action.pending || typed.trim() !== erasing}
                  >
                    {action.pending ? p.erasing : p.confirm}
                  </Button>
                </DialogActions>
              </DialogBody>
            </form>
          </DialogSurface>
        </Dialog>
      )}
    </>
  );
  return { columns, view };
}
