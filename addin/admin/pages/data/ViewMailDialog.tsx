// "View email" on an entry of the console's Interaction log entries: the shared viewer (addin/ui/MailViewer.tsx)
// with the same words as the task pane's (one text for both front ends), in the console's language.
import { en as paneEn } from '../../../i18n/en.js';
import { da as paneDa } from '../../../i18n/da.js';
import { formatDateTime } from '../../../i18n/format.js';
import { MailViewerDialog } from '../../../ui/MailViewer.js';
import type { AdminClient } from '../../api/adminClient.js';
import { useAdminI18n } from '../../i18n/context.js';

/** The viewer's words (and its action's label) in the console's language. */
export function useViewMailWords() {
  const { language } = useAdminI18n();
  return language === 'da' ? paneDa.viewMail : paneEn.viewMail;
}

export function ViewMailDialog(props: {
  open: boolean;
  api: AdminClient;
  entryNumber: number;
  onClose: () => void;
}) {
  const { t, locale } = useAdminI18n();
  const words = useViewMailWords();
  return (
    <MailViewerDialog
      open={props.open}
      words={{ ...words, close: t.common.close, retry: t.common.retry }}
      load={() => props.api.interactionMail(props.entryNumber)}
      download={(a) => props.api.mailAttachment(props.entryNumber, a.id)}
      formatDate={(iso) => formatDateTime(iso, { locale })}
      onClose={props.onClose}
    />
  );
}
