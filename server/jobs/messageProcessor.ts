// What happens to the messages of one page, crash-safe without transactions:
//   1. classify each message (pure);
//   2. record an intent for every loggable message (its entries, not yet written);
//   3. act on each message in Exchange: archive (move), or delete/move/keep by policy, or quarantine;
//   4. write the entries of the archived messages, already carrying their final link (unique key: a duplicate
//      means "already written");
//   5. remove the intents.
// A crash anywhere leaves intents that the next run completes (recovery.ts); every step repeats harmlessly.
import { classifyMessage, type Classification, type EntryDraft } from '../domain/classifier.js';
import { dispositionFor } from '../domain/policy.js';
import type { MailMessage } from '../mailsource/MailSource.js';
import { entryId, type NewInteraction } from '../repositories/interactions.js';
import type { PendingEntry } from '../repositories/pendingArchives.js';
import { step, StepError, type RunContext } from './runContext.js';

/** After this many runs failing on the message itself it is quarantined, so it can never hold up the mailbox. */
export const MAX_ATTEMPTS = 3;
export const NO_LINK_COMMENT = 'No link because the email could not be moved to the archive folder.';
/** Messages acted on at once; the mail source's gate keeps Graph at 4 requests in flight per mailbox. */
const PARALLEL = 4;

/** Where a logged message ended up: what its entries link to. */
export interface ArchiveOutcome {
  state: 'archived' | 'not_archived';
  immutableId: string | null;
  webLink: string | null;
  comment: string | null;
}

export async function inParallel<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

export function pendingEntries(ctx: RunContext, msg: MailMessage, drafts: EntryDraft[]): PendingEntry[] {
  return drafts.map((d) => ({
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
    source: 'loop',
    createdBy: ctx.jobUser,
  }));
}

export function linkedEntries(entries: PendingEntry[], outcome: ArchiveOutcome): NewInteraction[] {
  return entries.map((e) => ({
    ...e,
    archiveState: outcome.state,
    comment: outcome.comment,
    message: { ...e.message, immutableId: outcome.immutableId, webLink: outcome.webLink },
  }));
}

export async function processPage(
  ctx: RunContext,
  messages: MailMessage[],
  signal?: AbortSignal,
): Promise<void> {
  ctx.recorder.count('read', messages.length);
  const plans = messages.map((msg) => ({
    msg,
    c: classifyMessage(msg, ctx.directory, { blocklist: ctx.blocklist }),
  }));
  const loggable = plans.flatMap((p) =>
    p.c.kind === 'log'
      ? [{ msg: p.msg, messageKey: p.c.messageKey, entries: pendingEntries(ctx, p.msg, p.c.drafts) }]
      : [],
  );
  await step('log_interaction', () =>
    ctx.pending.addMany(
      loggable.map((l) => ({
        mailbox: ctx.mailbox,
        messageId: l.msg.id,
        messageKey: l.messageKey,
        entries: l.entries,
      })),
    ),
  );
  const byId = new Map(loggable.map((l) => [l.msg.id, l]));

  const done: { messageId: string; messageKey: string; entries: NewInteraction[] }[] = [];
  await inParallel(plans, PARALLEL, async (p) => {
    if (signal?.aborted) return;
    try {
      if (p.c.kind === 'log') {
        const l = byId.get(p.msg.id)!;
        done.push({
          messageId: p.msg.id,
          messageKey: l.messageKey,
          entries: linkedEntries(l.entries, await archive(ctx, p.msg)),
        });
      } else {
        await actOnUnlogged(ctx, p.msg, p.c);
      }
    } catch (err) {
      const e = asStepError(err, 'process_message');
      if (e.fatal) throw e;
      await recordFailure(ctx, p.msg, e);
    }
  });
  await completeLogged(ctx, done);
}

/** Writes the entries of archived messages and removes their intents. A failure leaves the intents for the
 *  next run (the messages are already archived; their entries will be written then). */
export async function completeLogged(
  ctx: RunContext,
  done: { messageId: string; messageKey: string; entries: NewInteraction[] }[],
): Promise<void> {
  if (done.length === 0) return;
  try {
    const written = await step('log_interaction', () =>
      ctx.interactions.writeIdempotent(done.flatMap((d) => d.entries)),
    );
    ctx.recorder.count('entriesWritten', written.written.length);
    for (const d of done) {
      const ids = d.entries.map((e) => entryId(e.messageKey, e.contactNumber, e.salespersonCode));
      if (ids.some((id) => !written.duplicateIds.has(id))) {
        ctx.recorder.count('logged');
        continue;
      }
      // Logged before: by hand from Outlook (no archived copy yet: link this one) or a second copy of the mail.
      ctx.recorder.count('duplicate');
      const link = d.entries[0]!.message;
      await ctx.interactions.linkManualEntries(d.messageKey, {
        immutableId: link.immutableId,
        webLink: link.webLink,
      });
    }
    await step('log_interaction', () =>
      ctx.pending.removeMany(
        ctx.mailbox,
        done.map((d) => d.messageId),
      ),
    );
  } catch (err) {
    const e = asStepError(err, 'log_interaction');
    if (e.fatal) throw e;
    ctx.recorder.error(e.context, e.code, e.message);
  }
}

function asStepError(err: unknown, context: StepError['context']): StepError {
  return err instanceof StepError ? err : new StepError(context, 'internal_error', String(err), false, err);
}

async function actOnUnlogged(
  ctx: RunContext,
  msg: MailMessage,
  c: Exclude<Classification, { kind: 'log' }>,
): Promise<void> {
  if (c.kind === 'poison') return quarantine(ctx, msg, c.code, c.reason);
  const d = dispositionFor(c, ctx.policy);
  if (c.reason === 'blocked') ctx.recorder.count('blocked');
  if (d.action === 'delete') {
    await step('delete', () => ctx.source.delete(msg.id));
    ctx.recorder.count('deleted');
  } else if (d.action === 'move') {
    await step('move', () => ctx.source.move(msg.id, ctx.folders.unmatched ?? d.folder));
    ctx.recorder.count('moved');
  } else {
    ctx.recorder.count('kept');
  }
}

/** Moves the message to the archive folder (Business Central's fallback when that fails for good: delete it and
 *  say why there is no link). Transient failures propagate: the message stays in the Inbox with its intent and
 *  is finished by a later run. */
export async function archive(ctx: RunContext, msg: MailMessage): Promise<ArchiveOutcome> {
  try {
    const moved = await step('archive', () => ctx.source.move(msg.id, ctx.folders.archive));
    ctx.recorder.count('archived');
    return { state: 'archived', immutableId: moved.id, webLink: moved.webLink, comment: null };
  } catch (err) {
    if (!(err instanceof StepError) || err.fatal || err.code === 'transient' || err.code === 'throttled')
      throw err;
    ctx.recorder.error('archive', err.code, err.message, msg.id);
    await step('delete', () => ctx.source.delete(msg.id));
    ctx.recorder.count('deleted');
    return { state: 'not_archived', immutableId: null, webLink: null, comment: NO_LINK_COMMENT };
  }
}

export async function quarantine(
  ctx: RunContext,
  msg: MailMessage,
  code: string,
  reason: string,
): Promise<void> {
  await step('quarantine', () => ctx.source.move(msg.id, ctx.folders.quarantine));
  await ctx.states.markQuarantined(
    {
      mailbox: ctx.mailbox,
      messageId: msg.id,
      internetMessageId: msg.internetMessageId,
      subject: msg.subject ?? '',
      reason,
      code,
    },
    ctx.now(),
  );
  ctx.recorder.count('quarantined');
  ctx.recorder.error('process_message', code, reason, msg.id);
}

async function recordFailure(ctx: RunContext, msg: MailMessage, e: StepError): Promise<void> {
  ctx.recorder.count('failed');
  ctx.recorder.error(e.context, e.code, e.message, msg.id);
  const attempts = await ctx.states.recordFailure(
    {
      mailbox: ctx.mailbox,
      messageId: msg.id,
      internetMessageId: msg.internetMessageId,
      subject: msg.subject ?? '',
      reason: e.message,
      code: e.code,
    },
    ctx.now(),
  );
  // Only failures that point at the message itself make it poison; an unavailable service is retried forever.
  if (attempts >= MAX_ATTEMPTS && e.code !== 'transient' && e.code !== 'throttled') {
    await quarantine(
      ctx,
      msg,
      'repeated_failure',
      `Failed ${attempts} times; last error (${e.context}): ${e.message}`,
    ).catch(
      () => {}, // still failing: it stays in the ledger and is tried again next run
    );
  }
}
