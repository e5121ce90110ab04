// Opening a logged mail asks first (it may contain harmful content, as Business Central warns), then opens it
// inside Outlook when the host can, else its Outlook on the web link. An entry whose link the server found lost
// (jobs/linkCheck.ts) says so instead, with the admin's help text, and offers nothing to open.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
} from '@fluentui/react-components';
import type { InteractionSummary } from '../../../shared/api/interactions.js';
import type { ApiClient } from '../../api/client.js';
import { MailNotAvailableError, openLoggedMail } from '../logic/open-mail.js';
import { useI18n } from '../../i18n/context.js';
import { formatDateTime } from '../../i18n/format.js';
import type { OfficeHost } from '../../office/types.js';
import { ErrorBar } from './feedback.js';
import { useDialogSubmit } from './FormDialog.js';

export function OpenMailDialog(props: {
  open: boolean;
  api: ApiClient;
  host: OfficeHost;
  entry: InteractionSummary;
  /** The admin's help text for lost links (GET /me). */
  linkLostHelp?: string;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const lostAt = props.entry.linkLostAt;
  const { pending, failure, submit } = useDialogSubmit();

  const open = () =>
    submit(async () => {
      await openLoggedMail(props.api, props.host, props.entry.entryNumber);
      props.onClose();
    });

  return (
    <Dialog
      open={props.open}
      modalType="alert"
      onOpenChange={(_, data) => !data.open && !pending && props.onClose()}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t.openMail.title}</DialogTitle>
          <DialogContent>
            {lostAt && (
              <>
                <Text as="p" block role="alert">
                  {t.openMail.linkLost(formatDateTime(lostAt, i18n))}
                </Text>
                {props.linkLostHelp && (
                  <Text as="p" block>
                    <Text weight="semibold">{t.openMail.linkLostHelpTitle}: </Text>
                    {props.linkLostHelp}
                  </Text>
                )}
              </>
            )}
            {failure instanceof MailNotAvailableError ? (
              <Text as="p" block role="alert">
                {t.openMail.notAvailable}
              </Text>
            ) : (
              failure !== null && <ErrorBar error={failure} />
            )}
            {!lostAt && (
              <Text as="p" block>
                {t.openMail.body}
              </Text>
            )}
            <Text as="p" block weight="semibold">
              {props.entry.subject || t.history.noSubject}
            </Text>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onClose} disabled={pending}>
              {lostAt ? t.common.close : t.common.cancel}
            </Button>
            {!lostAt && (
              <Button appearance="primary" onClick={open} disabled={pending}>
                {t.openMail.confirm}
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
