// One run over one shared mailbox: resolve folders, load the directory, repair what earlier runs left, then read
// what changed in the Inbox since the last run (or all of it) and process every message. Recorded as a JobRun
// with counts and errors.
import { buildDirectory, directoryFingerprint } from '../domain/directory.js';
import { compileBlocklist } from '../domain/blocklist.js';
import { policyOfStored } from '../domain/policy.js';
import { emailTemplateOf } from '../../shared/api/settings.js';
import type { MailSource } from '../mailsource/MailSource.js';
import type { InteractionRepository } from '../repositories/interactions.js';
import type { LegacyDnRepository } from '../repositories/legacyDns.js';
import type { ManualConfirmationRepository } from '../repositories/manualConfirmations.js';
import type { DeploymentSettingsRepository } from '../repositories/deploymentSettings.js';
import { archiveTarget } from './archiveTarget.js';
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

/** The format of the saved Inbox cursor: a cursor of another version is dropped and the Inbox read in full. */
export const INBOX_CURSOR_VERSION = 1;

export interface EngineDeps {
  interactions: InteractionRepository;
  legacyDns: LegacyDnRepository;
  manualConfirmations: ManualConfirmationRepository;
  /** The deployment's settings: what becomes of mail marked Private or Confidential. */
  settings: DeploymentSettingsRepository;
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
  let built: MailSource | null = null;
  try {
    const mail = await step('validate_setup', async () => (typeof source === 'function' ? source() : source));
    if (typeof source === 'function') built = mail;
    const ctx = await prepare(deps, setup, mail, recorder, opts.guard ?? (async () => {}));
    // Quarantined where they are (they could not even be moved): left alone until an admin releases them.
    const seen = new Set(
      await step('log_interaction', () => deps.states.quarantinedInInbox(setup.mailbox, 10_000)),
    );
    const attempted = await recoverPendingArchives(ctx);
    await retryFailedMessages(ctx, seen, attempted);
    const newest = await readInbox(ctx, setup, deps, seen, opts);
    if (newest && !opts.signal?.aborted) await deps.setups.setWatermark(setup.mailbox, newest);
  } catch (err) {
    const e =
      err instanceof StepError ? err : new StepError('process_message', 'internal_error', String(err), true);
    recorder.error(e.context, e.code, e.message);
    fatal = e.fatal || !(err instanceof StepError);
    if (!fatal) recorder.count('failed');
  } finally {
    // The run built the source, so it lets go of its connection now rather than at the adapter's idle timeout:
    // many mailboxes on one server then hold no IMAP sessions between runs. A failed logout is no failed run.
    await built?.close?.().catch(() => {});
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
  const policy = policyOfStored(setup.policy);
  const [inbox, archiveBase, quarantine, unmatched] = await step('validate_setup', () =>
    Promise.all([
      source.resolveFolder('inbox'),
      source.resolveFolder(policy.archiveFolder, { create: true }),
      source.resolveFolder(policy.quarantineFolder, { create: true }),
      policy.unmatched === 'move' && policy.unmatchedFolder
        ? source.resolveFolder(policy.unmatchedFolder, { create: true })
        : Promise.resolve(null),
    ]),
  );
  // The archive folder itself, or this period's subfolder of it, or the next of a full one's series.
  const archive = await step('validate_setup', () =>
    archiveTarget(source, archiveBase, policy, deps.now(), setup.archiveStatus?.folder ?? null),
  );
  await step('log_interaction', () =>
    deps.setups.upsert(setup.mailbox, {
      archiveStatus: {
        folder: archive.path,
        itemCount: archive.folder.itemCount ?? null,
        sizeBytes: archive.folder.sizeBytes ?? null,
        level: archive.capacity.level,
        reasons: archive.capacity.reasons,
        checkedAt: deps.now(),
      },
    }),
  );
  const [snapshot, settings] = await step('validate_setup', () =>
    Promise.all([deps.masterData.directorySnapshot(), deps.settings.get()]),
  );
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
    sensitiveMail: settings.sensitiveMail,
    emailTemplate: emailTemplateOf(settings),
    folders: {
      inbox: inbox.id,
      archive: archive.folder.id,
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
 * Reads the Inbox's changes (Graph: messages/delta) from the setup's cursor, or all of it when there is none:
 * new mail, mail moved back into the Inbox (whatever its received time) and mail that changed; what left the
 * Inbox is not reported. The cursor is saved after each page's moves, so a run that stops anywhere resumes after
 * the last page whose messages were dealt with (a page is read again, never skipped). A cursor the provider has
 * forgotten starts a full round, which repeats harmlessly. A page's database tail (entries, intents) runs while
 * the next page is read and moved; at most one is outstanding. Returns the newest receivedDateTime handled.
 */
async function readInbox(
  ctx: RunContext,
  setup: LoggingSetup,
  deps: Pick<EngineDeps, 'setups' | 'now'>,
  seen: Set<string>,
  opts: RunOptions,
): Promise<Date | null> {
  const saved = setup.inboxCursor;
  let cursor = !opts.full && saved?.version === INBOX_CURSOR_VERSION ? saved.link : null;
  let newest: Date | null = setup.receivedFrom ?? null;
  let restarted = false;
  let tail: Promise<void> = Promise.resolve();
  try {
    while (!opts.signal?.aborted) {
      const from = cursor;
      const page = await step('get_messages', () => ctx.source.readInbox(from, setup.batchSize)).catch(
        (err: unknown) => {
          // Microsoft's answer to an expired sync state is a new full round (logged mail has left the Inbox).
          if (err instanceof StepError && err.code === 'sync_reset' && from !== null && !restarted)
            return null;
          throw err;
        },
      );
      if (page === null) {
        restarted = true;
        cursor = null;
        continue;
      }
      const fresh = page.messages.filter((m) => !seen.has(m.id));
      if (fresh.length > 0) {
        const previous = tail;
        tail = (await actOnPage(ctx, fresh, opts.signal, previous)).tail;
        await previous; // bounded: one page's entries being written, the next one's queued behind them
        for (const m of fresh) {
          const at = m.receivedDateTime ? new Date(m.receivedDateTime) : null;
          if (at && !Number.isNaN(at.getTime()) && (!newest || at > newest)) newest = at;
        }
      }
      if (opts.signal?.aborted) break; // this page's messages may not have moved: read it again next time
      cursor = page.next ?? page.done!;
      const next = { version: INBOX_CURSOR_VERSION, link: cursor, savedAt: deps.now() };
      await step('log_interaction', () => deps.setups.setInboxCursor(setup.mailbox, next));
      await ctx.recorder.checkpoint();
      if (page.done) break;
    }
  } finally {
    await tail; // a fatal error of the last tail surfaces here; otherwise the page is finished before we return
  }
  return newest;
}
