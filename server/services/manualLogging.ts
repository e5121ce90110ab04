// "Log this email" from the add-in: the message as Outlook shows it goes through the same classifier and the
// same message key as the shared-mailbox loop, and is written with the same idempotent insert, so whoever comes
// first (the user or the loop) writes the entries and the other finds them written. The add-in's data are the
// client's word: only a participant of the message (or an admin) may log it, and its entries stay
// 'unconfirmed' until the loop meets the BCC'd copy, whose subject, dates, participants and link then replace
// them (repositories/manualConfirmations.ts); a copy that never arrives is flagged for review.
import { classifyMessage, type EntryDraft } from '../domain/classifier.js';
import { buildDirectory } from '../domain/directory.js';
import { messageKeyOf } from '../domain/messageParts.js';
import type { MailMessage } from '../mailsource/MailSource.js';
import type { Caller } from '../http/auth/identity.js';
import {
  entryFromDraft,
  entryId,
  type Interaction,
  type InteractionRepository,
  type NewInteraction,
} from '../repositories/interactions.js';
import type { LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { ManualConfirmationRepository } from '../repositories/manualConfirmations.js';
import type { MasterDataRepository } from '../repositories/masterData.js';
import type { DeploymentSettingsRepository } from '../repositories/deploymentSettings.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import type { ManualConfirmationList, MessageRef } from '../../shared/api/messages.js';
import { emailTemplateOf, type InteractionTemplate } from '../../shared/api/settings.js';
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
  manualConfirmations: ManualConfirmationRepository;
  /** The deployment settings: the interaction template e-mails are logged with. */
  settings: DeploymentSettingsRepository;
  now: () => Date;
  /** Manual entries whose copy has not arrived after this long are flagged for review. */
  reviewAfterHours: number;
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
    if (!caller.roles.includes('admin') && !(await this.isParticipant(unique, caller)))
      throw refuse.notParticipant();
    // Logged by the loop already: its data are the mail's own (confirmed); nothing the client says changes them.
    const before = await this.d.interactions.byMessageKey(messageKey);
    if (before.some((e) => e.source === 'loop')) return { status: 'already_logged', entries: before };
    // Only records holding one of the message's addresses can match it, so a directory of those classifies
    // exactly as the loop's full directory does (same lowest-number and salesperson-wins rules).
    const [salespeople, contacts, setups, settings] = await Promise.all([
      this.d.salespeople.byEmails(unique),
      this.d.masterData.contactsByEmails(unique),
      this.d.setups.list(),
      this.d.settings.get(),
    ]);
    const blocklist = [...new Set(setups.flatMap((s) => s.policy?.blocklist ?? []))];
    const classification = classifyMessage(message, buildDirectory({ salespeople, contacts }), { blocklist });

    if (classification.kind !== 'log') {
      if (before.length > 0) return { status: 'already_logged', entries: before };
      if (classification.kind === 'skip' && classification.reason === 'privacy_blocked')
        throw refuse.privacyBlocked();
      throw refuse.nothingToLog(
        classification.kind === 'skip'
          ? `Nothing to log: ${classification.reason.replaceAll('_', ' ')}`
          : `The message cannot be logged: ${classification.reason}`,
      );
    }
    const template = emailTemplateOf(settings);
    const entries = classification.drafts.map((d) => this.toEntry(d, ref, caller, template));
    // The wait first: a crash after the entries' insert must not leave unconfirmed entries nobody checks.
    await this.d.manualConfirmations.await(
      messageKey,
      entries.map((e) => entryId(e.messageKey, e.contactNumber, e.salespersonCode)),
      caller.email ?? caller.userId,
      this.d.now(),
    );
    const result = await this.d.interactions.writeIdempotent(entries);
    const after = await this.d.interactions.byMessageKey(messageKey);
    if (result.written.length === 0) {
      // The loop wrote them all meanwhile (it may have looked for waits before ours existed): nothing waits.
      const loopIds = new Set(
        after
          .filter((e) => e.source === 'loop')
          .map((e) => entryId(e.messageKey, e.contactNumber, e.salespersonCode)),
      );
      await this.d.manualConfirmations.settleIfAll(messageKey, loopIds);
    }
    return { status: result.written.length > 0 ? 'logged' : 'already_logged', entries: after };
  }

  private toEntry(
    d: EntryDraft,
    ref: MessageRef,
    caller: Caller,
    template: InteractionTemplate | null,
  ): NewInteraction {
    const message = {
      mailbox: null,
      internetMessageId: ref.internetMessageId,
      immutableId: null,
      webLink: null,
      conversationId: ref.conversationId ?? null,
    };
    const origin = { source: 'manual' as const, createdBy: caller.email ?? caller.userId };
    return {
      ...entryFromDraft(d, message, origin, template),
      archiveState: 'none',
      verification: 'unconfirmed',
    };
  }

  /** The caller sent or received the message: their trusted address, or their salesperson's, is on it. */
  private async isParticipant(addresses: string[], caller: Caller): Promise<boolean> {
    const own = new Set<string>();
    if (caller.email) own.add(caller.email);
    if (caller.salespersonCode) {
      const sp = await this.d.salespeople.byCode(caller.salespersonCode);
      const address = normalizeAddress(sp?.email);
      if (address) own.add(address);
    }
    return addresses.some((a) => own.has(a));
  }

  /** Mail logged by hand still waiting for its copy, oldest first; past the window it needs a person's look. */
  async awaitingConfirmation(limit: number): Promise<ManualConfirmationList> {
    const cutoff = new Date(this.d.now().getTime() - this.d.reviewAfterHours * 3_600_000);
    const [waits, needsReview] = await Promise.all([
      this.d.manualConfirmations.oldest(limit),
      this.d.manualConfirmations.countOverdue(cutoff),
    ]);
    return {
      windowHours: this.d.reviewAfterHours,
      needsReview,
      items: waits.map((w) => ({
        internetMessageId: w._id,
        entries: w.entryIds.length,
        requestedBy: w.requestedBy,
        requestedAt: w.createdAt.toISOString(),
        needsReview: w.createdAt < cutoff,
      })),
    };
  }
}
