// Finishing what earlier runs left: intents whose entries were not written (a crash or a failure between
// recording the intent and writing the entries), and messages that failed in earlier runs. Each is isolated: its
// failure is recorded as an attempt in the ledger (quarantined after the policy's maximum) and the run goes on
// to the Inbox; only a run-fatal error (domain/outcomes.ts) stops it.
import { settleIntentMessage } from './archiving.js';
import { recordFailure, type MessageRef } from './ledger.js';
import { completeLogged, linkedEntries, processPage, type LoggedMessage } from './pageApplier.js';
import type { PendingArchive } from '../repositories/pendingArchives.js';
import { step, toStepError, type RunContext } from './runContext.js';

const BATCH = 200;
/** Intent pages completed per run start (each holds up to a page of messages). */
const PAGES = 50;

/** What the ledger shows of an intent's message: its entries carry the subject and Internet message id. */
function refOf(intent: PendingArchive): MessageRef {
  const entry = intent.entries[0];
  return {
    id: intent.messageId,
    internetMessageId: entry?.message.internetMessageId ?? null,
    subject: entry?.subject ?? null,
  };
}

/**
 * Completes each intent from the message's immutable id, wherever the message is now. Returns the ids it
 * attempted (the ledger retry of the same run leaves them alone).
 */
export async function recoverPendingArchives(ctx: RunContext): Promise<Set<string>> {
  const pages = await step('log_interaction', () => ctx.pending.list(ctx.mailbox, PAGES));
  const attempted = new Set<string>();
  const done: LoggedMessage[] = [];
  const quarantined = new Set<string>();
  for (const intent of pages.flatMap((p) => p.intents)) {
    attempted.add(intent.messageId);
    try {
      const outcome = await settleIntentMessage(ctx, intent.messageId);
      done.push({
        messageId: intent.messageId,
        messageKey: intent.messageKey,
        entries: linkedEntries(intent.entries, outcome),
      });
      ctx.recorder.count('recovered');
    } catch (err) {
      const e = toStepError('archive', err);
      if (e.fatal) throw e;
      if ((await recordFailure(ctx, refOf(intent), e)) === 'quarantined') quarantined.add(intent.messageId);
    }
  }
  await completeLogged(ctx, pages, done, quarantined);
  // Recovered now: whatever the ledger said of them (a failed attempt in an earlier run) is over.
  for (const d of done) await ctx.states.clear(ctx.mailbox, d.messageId);
  return attempted;
}

/** Retries messages that failed in earlier runs, by id (the Inbox watermark has moved past them). */
export async function retryFailedMessages(
  ctx: RunContext,
  seen: Set<string>,
  attempted: ReadonlySet<string>,
): Promise<void> {
  const failing = await step('log_interaction', () => ctx.states.list(ctx.mailbox, 'failing', BATCH));
  for (const f of failing) {
    seen.add(f.messageId);
    if (attempted.has(f.messageId)) continue; // its intent was tried just now: one attempt per run
    const ref = { id: f.messageId, internetMessageId: f.internetMessageId, subject: f.subject };
    let msg;
    try {
      msg = await step('get_messages', () => ctx.source.getMessage(f.messageId));
    } catch (err) {
      const e = toStepError('get_messages', err);
      if (e.fatal) throw e;
      await recordFailure(ctx, ref, e);
      continue;
    }
    if (msg === null || msg.parentFolderId !== ctx.folders.inbox) {
      await ctx.states.clear(ctx.mailbox, f.messageId); // gone or handled by someone else
      continue;
    }
    const failedBefore = ctx.recorder.run.counts.failed;
    await processPage(ctx, [msg]); // records its own failure (an attempt) if it fails again
    if (ctx.recorder.run.counts.failed === failedBefore)
      await ctx.states.clearFailing(ctx.mailbox, f.messageId);
  }
}
