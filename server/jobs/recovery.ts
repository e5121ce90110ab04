// Finishing what an earlier run left half done: intents whose entries were not written (a crash or a failure
// between recording the intent and writing the entries), and messages that failed in earlier runs.
import type { RunContext } from './runContext.js';
import { step } from './runContext.js';
import {
  archive,
  completeLogged,
  linkedEntries,
  NO_LINK_COMMENT,
  processPage,
  type ArchiveOutcome,
} from './messageProcessor.js';

const BATCH = 200;
/** Intent pages completed per run start (each holds up to a page of messages). */
const PAGES = 50;

/** Completes each intent from the message's immutable id, wherever the message is now. */
export async function recoverPendingArchives(ctx: RunContext): Promise<void> {
  const pages = await step('log_interaction', () => ctx.pending.list(ctx.mailbox, PAGES));
  const done = [];
  for (const intent of pages.flatMap((p) => p.intents)) {
    const msg = await step('get_messages', () => ctx.source.getMessage(intent.messageId));
    let outcome: ArchiveOutcome;
    if (msg === null) {
      // Gone (deleted by someone): the mail was exchanged all the same, so it is logged, without a link.
      outcome = { state: 'not_archived', immutableId: null, webLink: null, comment: NO_LINK_COMMENT };
    } else if (msg.parentFolderId === ctx.folders.inbox) {
      outcome = await archive(ctx, msg);
    } else {
      // Moved already (the crash came after the move): the immutable id and link are valid where it is.
      outcome = { state: 'archived', immutableId: msg.id, webLink: msg.webLink, comment: null };
    }
    done.push({
      messageId: intent.messageId,
      messageKey: intent.messageKey,
      entries: linkedEntries(intent.entries, outcome),
    });
    ctx.recorder.count('recovered');
  }
  await completeLogged(ctx, pages, done);
}

/** Retries messages that failed in earlier runs, by id (the Inbox watermark has moved past them). */
export async function retryFailedMessages(ctx: RunContext, seen: Set<string>): Promise<void> {
  const failing = await ctx.states.list(ctx.mailbox, 'failing', BATCH);
  for (const f of failing) {
    seen.add(f.messageId);
    const msg = await step('get_messages', () => ctx.source.getMessage(f.messageId));
    if (msg === null || msg.parentFolderId !== ctx.folders.inbox) {
      await ctx.states.clear(ctx.mailbox, f.messageId); // gone or handled by someone else
      continue;
    }
    const failedBefore = ctx.recorder.run.counts.failed;
    await processPage(ctx, [msg]);
    if (ctx.recorder.run.counts.failed === failedBefore) await ctx.states.clear(ctx.mailbox, f.messageId);
  }
}
