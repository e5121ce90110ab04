// Finishing what an earlier run left half done: entries written but their message's archiving not recorded
// (a crash between the write and the move, or a failed move), and messages that failed in earlier runs.
import type { RunContext } from './runContext.js';
import { step } from './runContext.js';
import { archive, processMessage, NO_LINK_COMMENT } from './messageProcessor.js';

const BATCH = 200;

/** Completes entries still "pending": reads each message by its immutable id wherever it is now. */
export async function recoverPendingArchives(ctx: RunContext): Promise<void> {
  const pending = await step('log_interaction', () => ctx.interactions.pendingArchive(ctx.mailbox, BATCH));
  for (const p of pending) {
    if (!p.immutableId) continue;
    const msg = await step('get_messages', () => ctx.source.getMessage(p.immutableId!));
    if (msg === null) {
      await ctx.interactions.recordArchive(p.messageKey, 'not_archived', { immutableId: null, webLink: null }, NO_LINK_COMMENT);
    } else if (msg.parentFolderId === ctx.folders.inbox) {
      await archive(ctx, msg, p.messageKey);
    } else {
      // Already moved (the crash came after the move): the immutable id and link are valid where it is.
      await ctx.interactions.recordArchive(p.messageKey, 'archived', { immutableId: msg.id, webLink: msg.webLink });
    }
    ctx.recorder.count('recovered');
  }
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
    if ((await processMessage(ctx, msg)) === 'done') await ctx.states.clear(ctx.mailbox, f.messageId);
  }
}
