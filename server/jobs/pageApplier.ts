// Carries out a page's plan (pagePlan.ts), crash-safe without transactions:
//   1. record the intents (every logged message's entries, not yet written);
//   2. act on the messages in Exchange in as few requests as the adapter can: archive (move), delete/move/keep
//      by policy, quarantine;
//   3. write the entries of the archived messages, already carrying their final link (unique key: a duplicate
//      means "already written");
//   4. remove the intents.
// A crash anywhere leaves intents that the next run completes (recovery.ts); every step repeats harmlessly.
import type { MailMessage, MailOperationResult } from '../mailsource/MailSource.js';
import { entryId, type NewInteraction } from '../repositories/interactions.js';
import type { PendingEntry, PendingPage } from '../repositories/pendingArchives.js';
import { archiveOutcome, type ArchiveOutcome } from './archiving.js';
import { resolveLegacyAddresses } from './legacyDnResolver.js';
import { recordFailure, recordKept, recordQuarantined } from './ledger.js';
import { planPage, type MessagePlan } from './pagePlan.js';
import { step, StepError, toStepError, type RunContext } from './runContext.js';

/** Messages followed up at once (database writes, the rare single Graph call of a fallback). */
const PARALLEL = 4;

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

/** The entries of a logged message, pointing where Exchange says the message is now. */
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
 * Steps 1-2 for a page, then starts 3-4 without waiting for them: the caller can read and move the next page
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
  const plan = planPage(ctx, await resolveLegacyAddresses(ctx, messages));
  const intents = await step('log_interaction', () => ctx.pending.record(ctx.mailbox, plan.intents));
  if (signal?.aborted) return { tail: after }; // the intents are finished by the next run
  await step('validate_setup', ctx.guard); // fenced: a process that lost the mailbox moves nothing more

  const acting = plan.messages.filter((p) => p.operation !== null);
  const results = await ctx.source.applyMany(acting.map((p) => p.operation!));
  const resultOf = new Map(acting.map((p, i) => [p.msg.id, results[i]!]));

  const done: LoggedMessage[] = [];
  const quarantined = new Set<string>();
  await inParallel(plan.messages, PARALLEL, async (p) => {
    try {
      const logged = await afterOperation(ctx, p, resultOf.get(p.msg.id) ?? null);
      if (logged) done.push(logged);
    } catch (err) {
      const e = asStepError(err, 'process_message');
      if (e.fatal) throw e;
      if ((await recordFailure(ctx, p.msg, e)) === 'quarantined') quarantined.add(p.msg.id);
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

/** Once Exchange has answered: a logged message's entries, or what the run and the ledger note of the rest. */
async function afterOperation(
  ctx: RunContext,
  p: MessagePlan,
  result: MailOperationResult | null,
): Promise<LoggedMessage | null> {
  if (p.kind === 'log') {
    const outcome = await archiveOutcome(ctx, p.msg, result!);
    return { messageId: p.msg.id, messageKey: p.messageKey, entries: linkedEntries(p.entries, outcome) };
  }
  // Only a message something was done to can fail: its operation names the step.
  if (p.operation && result && !result.ok)
    throw toStepError(p.kind === 'quarantine' ? 'quarantine' : p.operation.kind, result.error);
  if (p.kind === 'quarantine') await recordQuarantined(ctx, p.msg, p.code, p.reason);
  else {
    for (const c of p.counts) ctx.recorder.count(c);
    if (p.rememberKept) await recordKept(ctx, p.msg, p.reason);
  }
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
      ctx.interactions.writeIdempotent(
        done.flatMap((d) => d.entries),
        { timelines: 'later' },
      ),
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
    await confirmManualEntries(ctx, done);
    const finished = new Set([...done.map((d) => d.messageId), ...quarantined]);
    await step('log_interaction', () => Promise.all(pages.map((p) => ctx.pending.settle(p, finished))));
  } catch (err) {
    const e = asStepError(err, 'log_interaction');
    if (e.fatal) throw e;
    ctx.recorder.error(e.context, e.code, e.message);
  }
}

/** Manual entries of these messages that waited for the archived copy: the loop's data replace the client's. */
async function confirmManualEntries(ctx: RunContext, done: LoggedMessage[]): Promise<void> {
  const waits = await step('log_interaction', () =>
    ctx.manualConfirmations.forKeys(done.map((d) => d.messageKey)),
  );
  for (const wait of waits) {
    const logged = done.find((d) => d.messageKey === wait._id)!;
    await step('log_interaction', () => ctx.manualConfirmations.confirm(wait, logged.entries));
  }
}

function asStepError(err: unknown, context: StepError['context']): StepError {
  return err instanceof StepError ? err : new StepError(context, 'internal_error', String(err), false, err);
}
