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
import type { MailMessage, MailOperation, MailOperationResult } from '../mailsource/MailSource.js';
import { entryFromDraft, entryId, type NewInteraction } from '../repositories/interactions.js';
import type { PendingEntry, PendingPage } from '../repositories/pendingArchives.js';
import { archiveOutcome, type ArchiveOutcome } from './archiving.js';
import { resolveLegacyAddresses } from './legacyDnResolver.js';
import { recordFailure, recordKept, recordQuarantined } from './ledger.js';
import { step, StepError, toStepError, type RunContext } from './runContext.js';

/** Messages followed up at once (database writes, the rare single Graph call of a fallback). */
const PARALLEL = 4;

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
  const message = {
    mailbox: ctx.mailbox,
    internetMessageId: msg.internetMessageId,
    immutableId: msg.id,
    webLink: msg.webLink,
    conversationId: msg.conversationId,
  };
  // The archive state is decided once Exchange has answered (linkedEntries).
  return drafts.map((d) => entryFromDraft(d, message, { source: 'loop', createdBy: ctx.jobUser }));
}

export function linkedEntries(entries: PendingEntry[], outcome: ArchiveOutcome): NewInteraction[] {
  return entries.map((e) => ({
    ...e,
    archiveState: outcome.state,
    comment: outcome.comment,
    message: { ...e.message, immutableId: outcome.immutableId, webLink: outcome.webLink },
  }));
}

/** The page's Exchange work is done; `tail` finishes its database work (entries, intents), already started. */
export interface ActedPage {
  tail: Promise<void>;
}

/** Processes a page completely (entries written and intents removed when it resolves). */
export async function processPage(
  ctx: RunContext,
  messages: MailMessage[],
  signal?: AbortSignal,
): Promise<void> {
  await (
    await actOnPage(ctx, messages, signal)
  ).tail;
}

/**
 * Steps 1-3 for a page, then starts 4-5 without waiting for them: the caller can read and move the next page
 * while this one's entries are written (the Inbox no longer holds these messages, so the next query is right).
 */
export async function actOnPage(
  ctx: RunContext,
  messages: MailMessage[],
  signal?: AbortSignal,
  /** The previous page's tail: this page's database work starts after it (and fails with it). */
  after: Promise<void> = Promise.resolve(),
): Promise<ActedPage> {
  ctx.recorder.count('read', messages.length);
  messages = await resolveLegacyAddresses(ctx, messages);
  const plans = messages.map((msg) => ({
    msg,
    c: classifyMessage(msg, ctx.directory, { blocklist: ctx.blocklist }),
  }));
  const loggable = plans.flatMap((p) =>
    p.c.kind === 'log'
      ? [{ msg: p.msg, messageKey: p.c.messageKey, entries: pendingEntries(ctx, p.msg, p.c.drafts) }]
      : [],
  );
  const intents = await step('log_interaction', () =>
    ctx.pending.record(
      ctx.mailbox,
      loggable.map((l) => ({
        mailbox: ctx.mailbox,
        messageId: l.msg.id,
        messageKey: l.messageKey,
        entries: l.entries,
      })),
    ),
  );
  if (signal?.aborted) return { tail: after }; // the intents are finished by the next run
  await step('validate_setup', ctx.guard); // fenced: a process that lost the mailbox moves nothing more
  const byId = new Map(loggable.map((l) => [l.msg.id, l]));

  // Every move and delete of the page in as few Graph requests as the adapter can (JSON batches).
  const actions = plans.map((p) => ({ ...p, op: operationFor(ctx, p.msg, p.c) }));
  const withOp = actions.filter((a) => a.op !== null);
  const results = await ctx.source.applyMany(withOp.map((a) => a.op!));
  const resultOf = new Map(withOp.map((a, i) => [a.msg.id, results[i]!]));

  const done: LoggedMessage[] = [];
  const quarantined = new Set<string>();
  await inParallel(actions, PARALLEL, async (a) => {
    try {
      const result = resultOf.get(a.msg.id) ?? null;
      if (a.c.kind === 'log') {
        const l = byId.get(a.msg.id)!;
        const outcome = await archiveOutcome(ctx, a.msg, result!);
        done.push({
          messageId: a.msg.id,
          messageKey: l.messageKey,
          entries: linkedEntries(l.entries, outcome),
        });
      } else {
        await afterUnlogged(ctx, a.msg, a.c, a.op, result);
      }
    } catch (err) {
      const e = asStepError(err, 'process_message');
      if (e.fatal) throw e;
      if ((await recordFailure(ctx, a.msg, e)) === 'quarantined') quarantined.add(a.msg.id);
    }
  });
  const tail = after.then(() => completeLogged(ctx, [intents], done, quarantined));
  tail.catch(() => {}); // observed by the caller later; never an unhandled rejection meanwhile
  return { tail };
}

export interface LoggedMessage {
  messageId: string;
  messageKey: string;
  entries: NewInteraction[];
}

/** What Exchange should do with a message, or null to leave it where it is. */
function operationFor(ctx: RunContext, msg: MailMessage, c: Classification): MailOperation | null {
  if (c.kind === 'log') return { kind: 'move', id: msg.id, destination: ctx.folders.archive };
  if (c.kind === 'poison') return { kind: 'move', id: msg.id, destination: ctx.folders.quarantine };
  const d = dispositionFor(c, ctx.policy);
  if (d.action === 'delete') return { kind: 'delete', id: msg.id };
  if (d.action === 'move')
    return { kind: 'move', id: msg.id, destination: ctx.folders.unmatched ?? d.folder };
  return null;
}

/** Writes the entries of archived messages and settles their intents (the pages they were recorded in), and
 *  drops the intents of messages that went to quarantine (their entries are written if an admin releases them).
 *  A failure leaves the intents for the next run (the messages are already archived; their entries will be
 *  written then). */
export async function completeLogged(
  ctx: RunContext,
  pages: PendingPage[],
  done: LoggedMessage[],
  quarantined: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (done.length === 0 && quarantined.size === 0) return;
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
    const finished = new Set([...done.map((d) => d.messageId), ...quarantined]);
    await step('log_interaction', () => Promise.all(pages.map((p) => ctx.pending.settle(p, finished))));
  } catch (err) {
    const e = asStepError(err, 'log_interaction');
    if (e.fatal) throw e;
    ctx.recorder.error(e.context, e.code, e.message);
  }
}

function asStepError(err: unknown, context: StepError['context']): StepError {
  return err instanceof StepError ? err : new StepError(context, 'internal_error', String(err), false, err);
}

/** Counts what was done with a message that is not logged, once Exchange has answered. */
async function afterUnlogged(
  ctx: RunContext,
  msg: MailMessage,
  c: Exclude<Classification, { kind: 'log' }>,
  op: MailOperation | null,
  result: MailOperationResult | null,
): Promise<void> {
  // Only a message something was done to can fail: its operation names the step.
  if (op && result && !result.ok)
    throw toStepError(c.kind === 'poison' ? 'quarantine' : op.kind, result.error);
  if (c.kind === 'poison') return recordQuarantined(ctx, msg, c.code, c.reason);
  const d = dispositionFor(c, ctx.policy);
  if (c.reason === 'blocked') ctx.recorder.count('blocked');
  if (d.action === 'delete') ctx.recorder.count('deleted');
  else if (d.action === 'move') ctx.recorder.count('moved');
  else {
    ctx.recorder.count('kept');
    // Kept in the Inbox for want of a match: looked at again when the directory changes (recovery.ts).
    if (c.reason !== 'draft' && c.reason !== 'blocked') await recordKept(ctx, msg, c.reason);
  }
}
