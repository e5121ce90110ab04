// "Log this email" from the add-in: the message as Outlook shows it goes through the same classifier and the
// same message key as the shared-mailbox loop, and is written with the same idempotent insert, so whoever comes
// first (the user or the loop) writes the entries and the other finds them written. Manual entries have no
// archived copy yet (archiveState 'none'); when the loop meets the message it archives it and links them.
import { classifyMessage, type EntryDraft } from '../domain/classifier.js';
import { buildDirectory } from '../domain/directory.js';
import { messageKeyOf } from '../domain/messageParts.js';
import type { MailMessage } from '../mailsource/MailSource.js';
import type { Caller } from '../http/auth/identity.js';
import {
  entryFromDraft,
  type Interaction,
  type InteractionRepository,
  type NewInteraction,
} from '../repositories/interactions.js';
import type { LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { MasterDataRepository } from '../repositories/masterData.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import type { MessageRef } from '../../shared/api/messages.js';
import { normalizeAddress } from '../../shared/email.js';
import { refuse } from './errors.js';

export interface LogEmailResult {
  status: 'logged' | 'already_logged';
  /** Every entry of the message (also ones written earlier, by anyone), by entry number. */
  entries: Interaction[];
}

export interface ManualLoggingDeps {
  interactions: InteractionRepository;
  masterData: MasterDataRepository;
  salespeople: SalespersonRepository;
  setups: LoggingSetupRepository;
}

/** The add-in's view of a read item as the MailMessage the classifier reads. */
export function mailMessageOf(ref: MessageRef): MailMessage {
  const party = (p: { address: string; name: string }) => ({ address: p.address, name: p.name });
  return {
    // The message key is the internetMessageId (always present here), exactly as for the loop.
    id: ref.itemRestId ?? '',
    internetMessageId: ref.internetMessageId,
    conversationId: ref.conversationId ?? null,
    isDraft: false,
    subject: ref.subject,
    // Outlook gives the add-in one time; inbound entries of the loop use receivedDateTime, which differs by
    // the transport delay only. The key (message, contact, salesperson) does not depend on it.
    sentDateTime: ref.sentDateTime,
    receivedDateTime: ref.sentDateTime,
    webLink: null,
    sender: party(ref.sender ?? ref.from),
    from: party(ref.from),
    toRecipients: ref.to.map(party),
    ccRecipients: ref.cc.map(party),
    parentFolderId: null,
  };
}

export class ManualLoggingService {
  constructor(private readonly d: ManualLoggingDeps) {}

  async logEmail(ref: MessageRef, caller: Caller): Promise<LogEmailResult> {
    const message = mailMessageOf(ref);
    const messageKey = messageKeyOf(message);
    if (messageKey === null) throw refuse.nothingToLog('The message has no internetMessageId');
    const addresses = [message.sender, ...message.toRecipients, ...message.ccRecipients]
      .map((p) => normalizeAddress(p?.address))
      .filter((a): a is string => a !== null);
    const unique = [...new Set(addresses)];
    // Only records holding one of the message's addresses can match it, so a directory of those classifies
    // exactly as the loop's full directory does (same lowest-number and salesperson-wins rules).
    const [salespeople, contacts, setups] = await Promise.all([
      this.d.salespeople.byEmails(unique),
      this.d.masterData.contactsByEmails(unique),
      this.d.setups.list(),
    ]);
    const blocklist = [...new Set(setups.flatMap((s) => s.policy?.blocklist ?? []))];
    const classification = classifyMessage(message, buildDirectory({ salespeople, contacts }), { blocklist });

    if (classification.kind !== 'log') {
      const existing = await this.d.interactions.byMessageKey(messageKey);
      if (existing.length > 0) return { status: 'already_logged', entries: existing };
      if (classification.kind === 'skip' && classification.reason === 'privacy_blocked')
        throw refuse.privacyBlocked();
      throw refuse.nothingToLog(
        classification.kind === 'skip'
          ? `Nothing to log: ${classification.reason.replaceAll('_', ' ')}`
          : `The message cannot be logged: ${classification.reason}`,
      );
    }
    const entries = classification.drafts.map((d) => this.toEntry(d, ref, caller));
    const result = await this.d.interactions.writeIdempotent(entries);
    return {
      status: result.written.length > 0 ? 'logged' : 'already_logged',
      entries: await this.d.interactions.byMessageKey(messageKey),
    };
  }

  private toEntry(d: EntryDraft, ref: MessageRef, caller: Caller): NewInteraction {
    const message = {
      mailbox: null,
      internetMessageId: ref.internetMessageId,
      immutableId: null,
      webLink: null,
      conversationId: ref.conversationId ?? null,
    };
    const origin = { source: 'manual' as const, createdBy: caller.email ?? caller.userId };
    return { ...entryFromDraft(d, message, origin), archiveState: 'none' };
  }
}
