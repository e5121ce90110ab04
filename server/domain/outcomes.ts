// What each stable error code means for the logging engine, in one table: whether it stops the whole run (the
// mailbox cannot be worked until someone acts), or concerns one message (counted as an attempt; after the
// policy's maximum the message goes to quarantine). And, from a mailbox's runs and ledger, when it runs next and
// whether an admin should look at it. Read by the engine, the scheduler, the admin views and the CLI. Pure.
import { nextRetryDelayMs } from './backoff.js';

/** Codes that stop a run: nothing more can be done in this mailbox until an admin acts or the cause goes away. */
export const RUN_FATAL_CODES = [
  'auth_failed', // token could not be obtained: wrong or expired secret, consent missing or revoked
  'access_denied', // the app or job account may not open the mailbox
  'mailbox_not_found',
  'not_licensed',
  'secrets_key_mismatch', // the setup's secrets were sealed with another SECRETS_KEY
  'archive_folder_missing', // the archive folder vanished mid-run (nothing is deleted instead)
  'lease_lost', // another instance owns the mailbox now
] as const;

/** Codes that say the service, not the message, is unavailable right now. */
export const SERVICE_UNAVAILABLE_CODES = ['transient', 'throttled'] as const;

const RUN_FATAL = new Set<string>(RUN_FATAL_CODES);
const SERVICE_UNAVAILABLE = new Set<string>(SERVICE_UNAVAILABLE_CODES);

export function isRunFatal(code: string): boolean {
  return RUN_FATAL.has(code);
}

export function isServiceUnavailable(code: string): boolean {
  return SERVICE_UNAVAILABLE.has(code);
}

/**
 * What a message's failure leads to after `attempts` failed attempts (this one included). Every failure counts,
 * a 5xx as much as a 400: a message that fails alone, run after run, while the rest of the mailbox is logged, is
 * stuck on itself; after `maxAttempts` it is quarantined with its last error, so it never holds the mailbox up.
 * (A service that is down for everyone fails the run's reading first, and counts no message's attempts.)
 */
export function afterMessageFailure(attempts: number, maxAttempts: number): 'retry' | 'quarantine' {
  return attempts >= maxAttempts ? 'quarantine' : 'retry';
}

export const BACKOFF_MAX_MS = 60 * 60 * 1000;
/** How many of the newest runs are read to count failures in a row (scheduler and admin views alike). */
export const RECENT_RUNS = 6;

export interface RunSummary {
  runId: string;
  outcome: 'running' | 'succeeded' | 'partial' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
}

export interface Schedule {
  /** Failed runs in a row, newest first (a run in progress is skipped). */
  consecutiveFailures: number;
  /** When the mailbox is due (null: a run is in progress). */
  nextRunAt: Date | null;
}

/** A stable number in [0, 1) from a run id: the jitter of a backoff is decided once, so everyone agrees on it. */
export function jitterOf(runId: string): number {
  let h = 2166136261;
  for (let i = 0; i < runId.length; i++) h = Math.imul(h ^ runId.charCodeAt(i), 16777619) >>> 0;
  return h / 2 ** 32;
}

/**
 * When a mailbox runs next, from its newest runs (newest first): the interval after a run; after failed runs in
 * a row an exponential backoff with full jitter (at least the interval, at most an hour), the jitter drawn from
 * the last run's id so the scheduler and the console show the same time. "Run now" and a first run: at once.
 */
export function scheduleOf(
  setup: { intervalSeconds: number; runRequestedAt: Date | null },
  recent: RunSummary[],
  now: Date,
): Schedule {
  const finished = recent.filter((r) => r.outcome !== 'running');
  let consecutiveFailures = 0;
  while (consecutiveFailures < finished.length && finished[consecutiveFailures]!.outcome === 'failed')
    consecutiveFailures++;
  const last = recent[0];
  if (last?.outcome === 'running') return { consecutiveFailures, nextRunAt: null };
  if (setup.runRequestedAt || !last) return { consecutiveFailures, nextRunAt: now };
  const interval = setup.intervalSeconds * 1000;
  const wait =
    consecutiveFailures > 0
      ? Math.max(
          interval,
          nextRetryDelayMs(consecutiveFailures, { baseMs: interval, maxMs: BACKOFF_MAX_MS }, () =>
            jitterOf(last.runId),
          ),
        )
      : interval;
  return { consecutiveFailures, nextRunAt: new Date((last.finishedAt ?? last.startedAt).getTime() + wait) };
}

export type MailboxHealth = 'healthy' | 'failing' | 'disabled';

/**
 * failing: the last finished run failed, or messages wait in the ledger (failing again and again, or a backlog
 * the runs cannot shrink): nothing is silent. disabled: not enabled. healthy otherwise.
 */
export function healthOf(o: {
  enabled: boolean;
  consecutiveFailures: number;
  failingMessages: number;
}): MailboxHealth {
  if (!o.enabled) return 'disabled';
  return o.consecutiveFailures > 0 || o.failingMessages > 0 ? 'failing' : 'healthy';
}
