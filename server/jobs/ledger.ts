// The ledger of messages a run could not finish: a failure counts an attempt, and after the policy's maximum the
// message goes to quarantine with its last error (domain/outcomes.ts decides), so one message never holds the
// mailbox up. A message whose move to quarantine fails too is quarantined where it is, in the Inbox.
import { afterMessageFailure } from '../domain/outcomes.js';
import type { MailMessage } from '../mailsource/MailSource.js';
import { step, type RunContext, type StepError } from './runContext.js';

/** What the ledger needs of a message (an intent knows no more than this of its message). */
export type MessageRef = Pick<MailMessage, 'id' | 'internetMessageId' | 'subject'>;

const ledgerFields = (ctx: RunContext, msg: MessageRef, reason: string, code: string) => ({
  mailbox: ctx.mailbox,
  messageId: msg.id,
  internetMessageId: msg.internetMessageId,
  subject: msg.subject ?? '',
  reason,
  code,
});

/** Moves a message to the quarantine folder and records why. */
export async function quarantine(
  ctx: RunContext,
  msg: MessageRef,
  code: string,
  reason: string,
): Promise<void> {
  await step('quarantine', () => ctx.source.move(msg.id, ctx.folders.quarantine));
  await recordQuarantined(ctx, msg, code, reason);
}

/** The message is in the quarantine folder (or, `inInbox`, left where it is): remember why, say so in the run. */
export async function recordQuarantined(
  ctx: RunContext,
  msg: MessageRef,
  code: string,
  reason: string,
  inInbox = false,
): Promise<void> {
  await ctx.states.markQuarantined(ledgerFields(ctx, msg, reason, code), ctx.now(), inInbox);
  ctx.recorder.count('quarantined');
  ctx.recorder.error('process_message', code, reason, msg.id);
}

/** Kept in the Inbox unlogged (policy "keep"): remembered, so a change of the directory brings it back. */
export async function recordKept(ctx: RunContext, msg: MessageRef, reason: string): Promise<void> {
  await ctx.states.markKept(
    ledgerFields(ctx, msg, `Not logged (${reason}); kept in the Inbox by the policy.`, reason),
    ctx.now(),
  );
}

/**
 * Records a failed attempt on one message; after the maximum it is quarantined. Returns whether the message is
 * done with (quarantined) or waits for the next run's retry.
 */
export async function recordFailure(
  ctx: RunContext,
  msg: MessageRef,
  e: StepError,
): Promise<'retry' | 'quarantined'> {
  ctx.recorder.count('failed');
  ctx.recorder.error(e.context, e.code, e.message, msg.id);
  const attempts = await ctx.states.recordFailure(ledgerFields(ctx, msg, e.message, e.code), ctx.now());
  if (afterMessageFailure(attempts, ctx.policy.maxAttempts) === 'retry') return 'retry';
  const reason = `Failed ${attempts} times; last error (${e.context}, ${e.code}): ${e.message}`;
  try {
    await quarantine(ctx, msg, 'repeated_failure', reason);
  } catch {
    // It cannot even be moved: quarantined where it is, so no run tries it again until an admin releases it.
    await recordQuarantined(
      ctx,
      msg,
      'repeated_failure',
      `${reason} It could not be moved and is still in the Inbox.`,
      true,
    );
  }
  return 'quarantined';
}
