// "View email" on a history entry: the logged mail read through the server (no Exchange permission needed), in
// the shared viewer (addin/ui/MailViewer.tsx) with the pane's words.
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/context.js';
import { formatDateTime } from '../../i18n/format.js';
import { MailViewerDialog } from '../../ui/MailViewer.js';

export function ViewMailDialog(props: {
  open: boolean;
  api: ApiClient;
  entryNumber: number;
  onClose: () => void;
}) {
  const i18n = useI18n();
  return (
    <MailViewerDialog
      open={props.open}
      words={{ ...i18n.t.viewMail, close: i18n.t.common.close, retry: i18n.t.common.retry }}
      load={() => props.api.interactionMail(props.entryNumber)}
      download={(a) => props.api.mailAttachment(props.entryNumber, a.id)}
      formatDate={(iso) => formatDateTime(iso, i18n)}
      onClose={props.onClose}
    />
  );
}
