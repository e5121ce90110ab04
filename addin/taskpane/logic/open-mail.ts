// Opening a logged mail: inside Outlook by id when the host can, else its Outlook on the web link.
import type { ApiClient } from '../../api/client.js';
import type { OfficeHost } from '../../office/types.js';

/** The entry has no openable copy (not archived yet, or the link was never recorded). */
export class MailNotAvailableError extends Error {
  constructor() {
    super('The logged mail cannot be opened');
    this.name = 'MailNotAvailableError';
  }
}

/** Prefers Outlook's own message form; falls back to the web link when that is missing or fails. */
export async function openLoggedMail(
  api: Pick<ApiClient, 'interaction'>,
  host: Pick<OfficeHost, 'canDisplayMessage' | 'displayMessage' | 'openUrl'>,
  entryNumber: number,
): Promise<'outlook' | 'web'> {
  const { message } = await api.interaction(entryNumber);
  if (message?.immutableId && host.canDisplayMessage()) {
    try {
      await host.displayMessage(message.immutableId);
      return 'outlook';
    } catch (e) {
      if (!message.webLink) throw e;
    }
  }
  if (!message?.webLink) throw new MailNotAvailableError();
  host.openUrl(message.webLink);
  return 'web';
}
