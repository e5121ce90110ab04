// Where a logged message ends up, and so what its entries link to. A failed archive move is never answered by
// deleting the mail (Business Central's fallback): the message is read back and its entries follow it.
import { archiveTarget } from './archiveTarget.js';
import type { MailMessage, MailOperationResult } from '../mailsource/MailSource.js';
import { step, StepError, toStepError, type RunContext } from './runContext.js';

export const NO_LINK_COMMENT = 'No link because the email could not be moved to the archive folder.';

/** Where a logged message ended up: what its entries link to. */
export interface ArchiveOutcome {
  state: 'archived' | 'not_archived';
  immutableId: string | null;
  webLink: string | null;
  comment: null | string;
}

const archived = (msg: Pick<MailMessage, 'id' | 'webLink'>): ArchiveOutcome => ({
  state: 'archived',
  immutableId: msg.id,
  webLink: msg.webLink,
  comment: null,
});

/** The outcome of a page's batched archive move for one message. */
export async function archiveOutcome(
  ctx: RunContext,
  msg: MailMessage,
  result: MailOperationResult,
): Promise<ArchiveOutcome> {
  if (result.ok) {
    ctx.recorder.count('archived');
    return archived(result.message!);
  }
  return archiveFailed(ctx, msg, toStepError('archive', result.error));
}

/** Moves one message to the archive folder (recovery of an earlier run's intent). */
export async function archive(ctx: RunContext, msg: MailMessage): Promise<ArchiveOutcome> {
  try {
    const moved = await step('archive', () => ctx.source.move(msg.id, ctx.folders.archive));
    ctx.recorder.count('archived');
    return archived(moved);
  } catch (err) {
    return archiveFailed(ctx, msg, err);
  }
}

/** Where an intent's message is now: gone (logged without a link), moved already (its link), or archived now. */
export async function settleIntentMessage(ctx: RunContext, messageId: string): Promise<ArchiveOutcome> {
  const msg = await step('get_messages', () => ctx.source.getMessage(messageId));
  if (msg === null)
    return { state: 'not_archived', immutableId: null, webLink: null, comment: NO_LINK_COMMENT };
  if (msg.parentFolderId === ctx.folders.inbox) {
    await step('validate_setup', ctx.guard); // fenced, like a page's moves
    return archive(ctx, msg);
  }
  return archived(msg); // moved already (the crash came after the move): its id and link are valid there
}

/**
 * A failed archive move proves nothing about where the message is (a move into an archive can answer
 * ErrorItemNotFound although the item moved; a 404 can mean the archive folder is gone). So the message is read
 * back by its immutable id: gone -> logged without a link; no longer in the Inbox -> it moved, take its link;
 * still in the Inbox -> if the archive folder is what is missing, it is resolved again once per run (and the
 * move retried there, or the run stops naming the folder); otherwise the failure stands and the message stays in
 * the Inbox for the ledger to retry. Loggable mail is never deleted here.
 */
async function archiveFailed(ctx: RunContext, msg: MailMessage, err: unknown): Promise<ArchiveOutcome> {
  if (!(err instanceof StepError) || err.fatal) throw err;
  const now = await step('archive', () => ctx.source.getMessage(msg.id));
  if (now === null) {
    ctx.recorder.error('archive', 'message_gone', `${err.message} The message no longer exists.`, msg.id);
    return { state: 'not_archived', immutableId: null, webLink: null, comment: NO_LINK_COMMENT };
  }
  if (now.parentFolderId !== ctx.folders.inbox) {
    ctx.recorder.count('archived');
    return archived(now);
  }
  if (err.code === 'not_found') {
    const folder = await archiveFolderAgain(ctx);
    if (folder !== null) {
      const moved = await step('archive', () => ctx.source.move(msg.id, folder));
      ctx.recorder.count('archived');
      return archived(moved);
    }
  }
  throw err;
}

/**
 * The archive folder's id again, once per run: a new id when it was recreated (later moves go there), null when
 * it is unchanged (the 404 was about the message). A folder that no longer exists stops the run: nothing can be
 * archived, and nothing is deleted instead.
 */
function archiveFolderAgain(ctx: RunContext): Promise<string | null> {
  ctx.archiveRecheck ??= (async () => {
    const name = ctx.policy.archiveFolder;
    try {
      const base = await ctx.source.resolveFolder(name);
      const { folder } = await archiveTarget(ctx.source, base, ctx.policy, ctx.now());
      if (folder.id === ctx.folders.archive) return null;
      ctx.folders.archive = folder.id;
      return folder.id;
    } catch (e) {
      const cause = toStepError('archive', e);
      if (cause.code !== 'not_found') throw cause;
      throw new StepError(
        'archive',
        'archive_folder_missing',
        `The archive folder "${name}" no longer exists in ${ctx.mailbox}. Nothing was archived or deleted; ` +
          'recreate the folder (or choose another in the setup) and the next run archives the waiting mail.',
        true,
      );
    }
  })();
  return ctx.archiveRecheck;
}
