// Viewing a logged mail inside Interlog (Business Central's "Show attachments"): the server reads the entry's
// message from the logging mailbox on demand, through the mailbox's own MailSource (Graph or IMAP), so a
// salesperson needs no Exchange permission on the archive folder. Who may read it is the visibility gate's call
// (services/visibility.ts): whoever sees the entry in full. A link whose id no longer answers is tried once more
// by its Message-ID, as the link check heals links. Mail source failures become stable problem codes.
import type { Caller } from '../http/auth/identity.js';
import { AppError } from '../http/problem.js';
import {
  MailSourceError,
  type MailAttachmentContent,
  type MailContent,
  type MailSource,
} from '../mailsource/MailSource.js';
import type { Interaction, InteractionRepository } from '../repositories/interactions.js';
import type { LoggingSetup, LoggingSetupRepository } from '../repositories/loggingSetups.js';
import { refuse } from './errors.js';
import type { VisibilityService } from './visibility.js';

export const mailViewErrors = {
  notLinked: () =>
    new AppError(404, 'mail_not_linked', 'The entry has no copy in a logging mailbox that Interlog reads'),
  gone: () => new AppError(404, 'mail_gone', 'The logged mail is no longer in the logging mailbox'),
  attachmentGone: () => new AppError(404, 'attachment_gone', 'The mail has no such attachment'),
  attachmentIsLink: () =>
    new AppError(
      409,
      'attachment_is_link',
      'The attachment is a link to a file in the cloud; open the mail in Outlook to follow it',
    ),
  unavailable: () =>
    new AppError(503, 'mail_source_unavailable', 'The logging mailbox does not answer now; try again later'),
  failed: () =>
    new AppError(502, 'mail_source_failed', 'The logging mailbox refused the request (check its setup)'),
  tooLarge: () =>
    new AppError(
      422,
      'mail_too_large',
      'The mail is too large to show in Interlog; open it in the logging mailbox',
    ),
};

/** Busy or unreachable is worth a retry (503); a refusal (sign-in, permissions, setup) is not (502). */
export function problemOfSourceError(err: MailSourceError): AppError {
  if (err.code === 'not_found') return mailViewErrors.gone();
  if (err.code === 'too_large') return mailViewErrors.tooLarge();
  if (err.code === 'throttled' || err.code === 'transient') return mailViewErrors.unavailable();
  return mailViewErrors.failed();
}

export interface MailViewDeps {
  interactions: InteractionRepository;
  setups: LoggingSetupRepository;
  visibility: VisibilityService;
  sourceFor: (setup: LoggingSetup) => MailSource;
}

/** One view or download: the entry (for the audit) and what was read. */
export interface MailRead<T> {
  entry: Interaction;
  result: T;
}

export class MailViewService {
  constructor(private readonly d: MailViewDeps) {}

  async open(caller: Caller, entryNumber: number): Promise<MailRead<MailContent>> {
    return this.read(caller, entryNumber, 'mail', async (source, id) => source.getMessageContent(id));
  }

  async attachment(
    caller: Caller,
    entryNumber: number,
    attachmentId: string,
  ): Promise<MailRead<MailAttachmentContent>> {
    const read = await this.read(caller, entryNumber, 'mail_attachment', async (source, id) => {
      // Straight to the attachment of the message the link leads to (the ids the viewer listed), not the whole
      // mail with its body and pictures. Nothing there: one look at the message tells a message that is gone
      // (healed by its Message-ID, as any read) from an attachment that is.
      const found = await source.getAttachment(id, attachmentId);
      if (found === 'link') throw mailViewErrors.attachmentIsLink();
      if (found) return found;
      if (await source.getMessage(id)) throw mailViewErrors.attachmentGone();
      return null;
    });
    return read;
  }

  private async read<T>(
    caller: Caller,
    entryNumber: number,
    via: string,
    fetch: (source: MailSource, id: string) => Promise<T | null>,
  ): Promise<MailRead<T>> {
    const entry = await this.d.interactions.byEntryNumber(entryNumber);
    if (!entry) throw refuse.notFound('The interaction log entry');
    const reportRead = await this.d.visibility.assertMayReadMail(caller, entry, via);
    const { mailbox, immutableId, internetMessageId } = entry.message;
    const setup = mailbox ? await this.d.setups.get(mailbox) : null;
    if (!setup || (!immutableId && !internetMessageId)) throw mailViewErrors.notLinked();
    let source: MailSource | null = null;
    try {
      source = this.d.sourceFor(setup);
      const direct = immutableId ? await fetch(source, immutableId) : null;
      const healed =
        direct === null && internetMessageId ? await source.findByInternetMessageId(internetMessageId) : null;
      const result = direct ?? (healed ? await fetch(source, healed.id) : null);
      if (result === null) throw mailViewErrors.gone();
      await reportRead();
      return { entry, result };
    } catch (err) {
      if (err instanceof MailSourceError) throw problemOfSourceError(err);
      throw err;
    } finally {
      // One view, one source: IMAP logs out now rather than after its idle time (a failed logout changes nothing).
      await source?.close?.().catch(() => {});
    }
  }
}
