// One run over one shared mailbox: resolve folders, load the directory, repair what earlier runs left, then read
// the whole Inbox oldest first and process every message. Recorded as a JobRun with counts and errors.
import { buildDirectory, directoryFingerprint } from '../domain/directory.js';
import { compileBlocklist } from '../domain/blocklist.js';
import { loggingPolicySchema } from '../domain/policy.js';
import type { MailSource } from '../mailsource/MailSource.js';
import type { InteractionRepository } from '../repositories/interactions.js';
import type { LegacyDnRepository } from '../repositories/legacyDns.js';
import type { ManualConfirmationRepository } from '../repositories/manualConfirmations.js';
import { x500DirectoryOf } from './legacyDnResolver.js';
import type { JobRun, JobRunRepository } from '../repositories/jobRuns.js';
import type { LoggingSetup, LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { MasterDataRepository } from '../repositories/masterData.js';
import type { MessageStateRepository } from '../repositories/messageStates.js';
import type { PendingArchiveRepository } from '../repositories/pendingArchives.js';
import { actOnPage } from './pageApplier.js';
import { recoverPendingArchives, retryFailedMessages } from './recovery.js';
import { step, StepError, type RunContext } from './runContext.js';
import { RunRecorder } from './runRecorder.js';

/** Mail can be stamped slightly out of order across Exchange servers: each run re-reads this much before the
 *  watermark (already handled mail has left the Inbox, so this costs little). */
export const WATERMARK_OVERLAP_MS = 5 * 60 * 1000;

export interface EngineDeps {
  interactions: InteractionRepository;
  legacyDns: LegacyDnRepository;
  manualConfirmations: ManualConfirmationRepository;
  masterData: MasterDataRepository;
  states: MessageStateRepository;
  pending: PendingArchiveRepository;
  jobRuns: JobRunRepository;
  setups: LoggingSetupRepository;
  now: () => Date;
  instanceId: string;
}

export interface RunOptions {
  trigger: JobRun['trigger'];
  signal?: AbortSignal;
  /** Ignore the watermark and read the whole Inbox. */
  full?: boolean;
  /** Throws (fatal StepError) when this process may no longer work the mailbox: the lease fence (leasedRun.ts). */
  guard?: () => Promise<void>;
}

/**
 * `source` may be given as a function: building it opens the setup's sealed secrets, and a failure there (a
 * SECRETS_KEY that cannot open them) is then recorded as this run's failure with its code, like any other.
 */
export async function runMailbox(
  deps: EngineDeps,
  setup: LoggingSetup,
  source: MailSource | (() => MailSource),
  opts: RunOptions,
): Promise<JobRun> {
  const recorder = new RunRecorder(
    deps.jobRuns,
    { mailbox: setup.mailbox, instanceId: deps.instanceId, trigger: opts.trigger },
    deps.now,
  );
  await recorder.start();
  let fatal = false;
  try {
    const mail = await step('validate_setup', async () => (typeof source === 'function' ? source() : source));
    const ctx = await prepare(deps, setup, mail, recorder, opts.guard ?? (async () => {}));
    // Quarantined where they are (they could not even be moved): left alone until an admin releases them.
    const seen = new Set(
      await step('log_interaction', () => deps.states.quarantinedInInbox(setup.mailbox, 10_000)),
    );
    const attempted = await recoverPendingArchives(ctx);
    await retryFailedMessages(ctx, seen, attempted);
    const newest = await readInbox(ctx, setup, seen, opts, setup.batchSize);
    if (newest && !opts.signal?.aborted) await deps.setups.setWatermark(setup.mailbox, newest);
  } catch (err) {
    const e =
      err instanceof StepError ? err : new StepError('process_message', 'internal_error', String(err), true);
    recorder.error(e.context, e.code, e.message);
    fatal = e.fatal || !(err instanceof StepError);
    if (!fatal) recorder.count('failed');
  }
  return recorder.finish(fatal);
}

async function prepare(
  deps: EngineDeps,
  setup: LoggingSetup,
  source: MailSource,
  recorder: RunRecorder,
  guard: () => Promise<void>,
): Promise<RunContext> {
  const policy = loggingPolicySchema.parse({
    ...setup.policy,
    unmatchedFolder: setup.policy.unmatchedFolder ?? undefined,
  });
  const [inbox, archive, quarantine, unmatched] = await step('validate_setup', () =>
    Promise.all([
      source.resolveFolder('inbox'),
      source.resolveFolder(policy.archiveFolder, { create: true }),
      source.resolveFolder(policy.quarantineFolder, { create: true }),
      policy.unmatched === 'move' && policy.unmatchedFolder
        ? source.resolveFolder(policy.unmatchedFolder, { create: true })
        : Promise.resolve(null),
    ]),
  );
  const snapshot = await step('validate_setup', () => deps.masterData.directorySnapshot());
  const fingerprint = directoryFingerprint(snapshot);
  if (fingerprint !== setup.directoryFingerprint) {
    // A contact or salesperson was added or changed: kept mail is classified again by this run.
    await step('log_interaction', async () => {
      await deps.states.requeueKept(setup.mailbox, deps.now());
      await deps.setups.upsert(setup.mailbox, { directoryFingerprint: fingerprint });
    });
  }
  return {
    mailbox: setup.mailbox,
    source,
    directory: buildDirectory(snapshot),
    x500Directory: x500DirectoryOf(snapshot.salespeople),
    dnAnswers: new Map(),
    legacyDns: deps.legacyDns,
    policy,
    blocklist: compileBlocklist(policy.blocklist),
    folders: {
      inbox: inbox.id,
      archive: archive.id,
      quarantine: quarantine.id,
      unmatched: unmatched?.id ?? null,
    },
    interactions: deps.interactions,
    manualConfirmations: deps.manualConfirmations,
    states: deps.states,
    pending: deps.pending,
    recorder,
    now: deps.now,
    jobUser: setup.jobAccount ?? `interlog:${deps.instanceId}`,
    guard,
  };
}

/**
 * Reads the Inbox oldest first. Processed mail leaves the Inbox, which shifts Graph's $skip-based nextLinks, so
 * after each page we query again from the newest receivedDateTime seen (the watermark), skipping messages already
 * seen in this run; a nextLink is followed only when a page held nothing new (more same-instant messages than a
 * page). A page's database tail (entries, intents) runs while the next page is read and moved; at most one is
 * outstanding. Returns the newest receivedDateTime handled, or null if the Inbox was empty.
 */
async function readInbox(
  ctx: RunContext,
  setup: LoggingSetup,
  seen: Set<string>,
  opts: RunOptions,
  pageSize: number,
): Promise<Date | null> {
  const start =
    !opts.full && setup.receivedFrom ? new Date(setup.receivedFrom.getTime() - WATERMARK_OVERLAP_MS) : null;
  let watermark: string | null = start ? start.toISOString() : null;
  let next: string | null = null;
  let newest: Date | null = setup.receivedFrom ?? null;
  const seenAt = new Map<string, number>();
  let tail: Promise<void> = Promise.resolve();
  try {
    newest = await readPages();
  } finally {
    await tail; // a fatal error of the last tail surfaces here; otherwise the page is finished before we return
  }
  return newest;

  async function readPages(): Promise<Date | null> {
    while (!opts.signal?.aborted) {
      const page = await step('get_messages', () =>
        next ? ctx.source.listNext(next) : ctx.source.listInbox({ receivedFrom: watermark, pageSize }),
      );
      const fresh = page.messages.filter((m) => !seen.has(m.id));
      if (fresh.length === 0) {
        if (!page.next) break;
        next = page.next;
        continue;
      }
      next = null;
      const previous = tail;
      tail = (await actOnPage(ctx, fresh, opts.signal, previous)).tail;
      await previous; // bounded: one page's entries being written, the next one's queued behind them
      for (const m of fresh) {
        seen.add(m.id);
        if (m.receivedDateTime) seenAt.set(m.id, Date.parse(m.receivedDateTime));
      }
      const last = fresh[fresh.length - 1]!.receivedDateTime;
      if (last) {
        watermark = last;
        const d = new Date(last);
        if (!newest || d > newest) newest = d;
        // Only messages at the watermark itself can come back (the next query is `ge watermark`): forget the
        // rest, so a run over 100,000 messages does not keep 100,000 ids.
        for (const [id, at] of seenAt) {
          if (at < d.getTime()) {
            seenAt.delete(id);
            seen.delete(id);
          }
        }
      }
      await ctx.recorder.checkpoint();
    }
    return newest;
  }
}
