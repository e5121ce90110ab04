// What happens to one message: classify (pure), then log + archive, or apply the unmatched policy, or
// quarantine. Every step can be repeated with the same result, so a crash at any point neither loses nor
// duplicates: entries are inserted on a unique key first, marked "pending", and completed after the move.
import { classifyMessage, type Classification, type EntryDraft } from '../domain/classifier.js';
import { dispositionFor } from '../domain/policy.js';
import type { MailMessage } from '../mailsource/MailSource.js';
import type { NewInteraction } from '../repositories/interactions.js';
import { step, StepError, type RunContext } from './runContext.js';

/** After this many failed runs a message is quarantined, so it can never hold up the mailbox. */
export const MAX_ATTEMPTS = 3;
export const NO_LINK_COMMENT = 'No link because the email could not be moved to the archive folder.';

export type MessageOutcome = 'done' | 'failed';

export async function processMessage(ctx: RunContext, msg: MailMessage): Promise<MessageOutcome> {
  ctx.recorder.count('read');
  const classification = classifyMessage(msg, ctx.directory, { blocklist: ctx.blocklist });
  try {
    await handle(ctx, msg, classification);
    return 'done';
  } catch (err) {
    const e = err instanceof StepError ? err : new StepError('process_message', 'internal_error', String(err), false, err);
    if (e.fatal) throw e;
    await recordFailure(ctx, msg, e);
    return 'failed';
  }
}

async function handle(ctx: RunContext, msg: MailMessage, c: Classification): Promise<void> {
  if (c.kind === 'log') return logAndArchive(ctx, msg, c.messageKey, c.drafts);
  if (c.kind === 'poison') return quarantine(ctx, msg, c.code, c.reason);
  const d = dispositionFor(c, ctx.policy);
  if (c.reason === 'blocked') ctx.recorder.count('blocked');
  switch (d.action) {
    case 'delete':
      await step('delete', () => ctx.source.delete(msg.id));
      ctx.recorder.count('deleted');
      return;
    case 'move':
      await step('move', () => ctx.source.move(msg.id, ctx.folders.unmatched ?? d.folder));
      ctx.recorder.count('moved');
      return;
    default:
      ctx.recorder.count('kept');
  }
}

function toEntry(ctx: RunContext, msg: MailMessage, d: EntryDraft): NewInteraction {
  return {
    messageKey: d.messageKey,
    contactNumber: d.contactNumber,
    contactCompanyNumber: d.contactCompanyNumber,
    salespersonCode: d.salespersonCode,
    occurredAt: new Date(d.occurredAt),
    direction: d.direction,
    initiatedBy: d.initiatedBy,
    subject: d.subject,
    description: d.description,
    message: {
      mailbox: ctx.mailbox,
      internetMessageId: msg.internetMessageId,
      immutableId: msg.id,
      webLink: msg.webLink,
      conversationId: msg.conversationId,
    },
    archiveState: 'pending',
    source: 'loop',
    createdBy: ctx.jobUser,
  };
}

async function logAndArchive(ctx: RunContext, msg: MailMessage, messageKey: string, drafts: EntryDraft[]): Promise<void> {
  const written = await step('log_interaction', () => ctx.interactions.writeIdempotent(drafts.map((d) => toEntry(ctx, msg, d))));
  ctx.recorder.count('entriesWritten', written.written.length);
  if (written.written.length === 0) {
    // Everything was logged before. If that was this very message (a crash before its move), or a manual log
    // with no archived copy yet, archive this copy; otherwise it is a second copy of logged mail: delete it.
    const existing = await step('log_interaction', () => ctx.interactions.byMessageKey(messageKey));
    const ours = existing.some((e) => e.archiveState === 'pending' || e.archiveState === 'none' || e.message.immutableId === msg.id);
    if (!ours) {
      ctx.recorder.count('duplicate');
      await step('delete', () => ctx.source.delete(msg.id));
      ctx.recorder.count('deleted');
      return;
    }
  } else {
    ctx.recorder.count('logged');
  }
  await archive(ctx, msg, messageKey);
}

/** Moves the message to the archive folder and records the link on its entries (Business Central's fallback:
 *  delete it and say why there is no link). Transient failures propagate: the message stays in the Inbox with
 *  its entries pending and is finished by a later run. */
export async function archive(ctx: RunContext, msg: MailMessage, messageKey: string): Promise<void> {
  try {
    const moved = await step('archive', () => ctx.source.move(msg.id, ctx.folders.archive));
    await step('log_interaction', () =>
      ctx.interactions.recordArchive(messageKey, 'archived', { immutableId: moved.id, webLink: moved.webLink }),
    );
    ctx.recorder.count('archived');
  } catch (err) {
    if (!(err instanceof StepError) || err.fatal || err.code === 'transient' || err.code === 'throttled' || err.context !== 'archive') {
      throw err;
    }
    ctx.recorder.error('archive', err.code, err.message, msg.id);
    await step('delete', () => ctx.source.delete(msg.id));
    await step('log_interaction', () =>
      ctx.interactions.recordArchive(messageKey, 'not_archived', { immutableId: null, webLink: null }, NO_LINK_COMMENT),
    );
    ctx.recorder.count('deleted');
  }
}

export async function quarantine(ctx: RunContext, msg: MailMessage, code: string, reason: string): Promise<void> {
  await step('quarantine', () => ctx.source.move(msg.id, ctx.folders.quarantine));
  await ctx.states.markQuarantined(
    { mailbox: ctx.mailbox, messageId: msg.id, internetMessageId: msg.internetMessageId, subject: msg.subject ?? '', reason, code },
    ctx.now(),
  );
  ctx.recorder.count('quarantined');
  ctx.recorder.error('process_message', code, reason, msg.id);
}

async function recordFailure(ctx: RunContext, msg: MailMessage, e: StepError): Promise<void> {
  ctx.recorder.count('failed');
  ctx.recorder.error(e.context, e.code, e.message, msg.id);
  const attempts = await ctx.states.recordFailure(
    { mailbox: ctx.mailbox, messageId: msg.id, internetMessageId: msg.internetMessageId, subject: msg.subject ?? '', reason: e.message, code: e.code },
    ctx.now(),
  );
  if (attempts >= MAX_ATTEMPTS) {
    await quarantine(ctx, msg, 'repeated_failure', `Failed ${attempts} times; last error (${e.context}): ${e.message}`).catch(
      () => {}, // still failing: it stays in the ledger and is tried again next run
    );
  }
}
