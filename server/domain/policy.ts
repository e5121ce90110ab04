// The logging policy of a mailbox and what it means for each classified message.
//
// Defaults are Business Central's behaviour: mail that is not logged is deleted, logged mail goes to the
// folder "archive" (BC moves to destinationId "archive", the well-known Archive folder). Beyond BC an admin
// can keep or move unmatched mail, block addresses, and unreadable mail goes to a quarantine folder instead
// of failing forever.
import { z } from 'zod';
import { parseBlocklistEntry } from './blocklist.js';
import type { Classification, SkipReason } from './classifier.js';

export { parseBlocklistEntry } from './blocklist.js';
export type { BlocklistEntry, BlocklistEntryResult } from './blocklist.js';

import { ARCHIVE_ROLLOVERS, SETUP_LIMITS, UNMATCHED_ACTIONS } from '../../shared/loggingVocabulary.js';
export { UNMATCHED_ACTIONS, type UnmatchedAction } from '../../shared/loggingVocabulary.js';

export const DEFAULT_ARCHIVE_FOLDER = 'archive';
export const DEFAULT_QUARANTINE_FOLDER = 'Interlog quarantine';
/** Failed attempts on one message before it goes to quarantine (so it never holds the mailbox up). */
export const DEFAULT_MAX_ATTEMPTS = SETUP_LIMITS.maxAttempts.default;
/** Enough for real blocklists; a bound keeps one policy document small. */
export const MAX_BLOCKLIST_ENTRIES = 5000;

// Folder: a well-known name ("archive"), a provider folder id, or a top-level display name (see
// resolveFolder).
const folderSchema = z.string().trim().min(1).max(255);

const blocklistSchema = z
  .array(z.string())
  .max(MAX_BLOCKLIST_ENTRIES)
  .transform((entries, ctx) => {
    const canonical = new Set<string>();
    entries.forEach((raw, index) => {
      const parsed = parseBlocklistEntry(raw);
      if (parsed.ok) canonical.add(parsed.canonical);
      else ctx.addIssue({ code: 'custom', message: parsed.error, path: [index] });
    });
    return [...canonical];
  });

export const loggingPolicySchema = z
  .object({
    unmatched: z.enum(UNMATCHED_ACTIONS).default('delete'),
    unmatchedFolder: folderSchema.optional(),
    /** Canonical, de-duplicated entries: "jane@x.com" or "@x.com". */
    blocklist: blocklistSchema.default([]),
    quarantineFolder: folderSchema.default(DEFAULT_QUARANTINE_FOLDER),
    archiveFolder: folderSchema.default(DEFAULT_ARCHIVE_FOLDER),
    maxAttempts: z
      .int()
      .min(SETUP_LIMITS.maxAttempts.min)
      .max(SETUP_LIMITS.maxAttempts.max)
      .default(DEFAULT_MAX_ATTEMPTS),
    /** Archive into a subfolder per year or month (domain/archiveCapacity.ts). */
    archiveRollover: z.enum(ARCHIVE_ROLLOVERS).default('off'),
    /** A folder of the series with this many items is full: the next one ("2027 (2)") starts. */
    archiveRolloverAtItems: z
      .int()
      .min(SETUP_LIMITS.archiveRolloverAtItems.min)
      .max(SETUP_LIMITS.archiveRolloverAtItems.max)
      .nullable()
      .default(null),
  })
  .superRefine((policy, ctx) => {
    if (policy.unmatched === 'move' && policy.unmatchedFolder === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['unmatchedFolder'],
        message: 'A folder is required to move mail to.',
      });
    }
  });

export type LoggingPolicy = z.output<typeof loggingPolicySchema>;
export type LoggingPolicyInput = z.input<typeof loggingPolicySchema>;

/** A stored setup's policy with its defaults (a stored policy may predate newer fields; null folders absent). */
export function policyOfStored(
  stored: Omit<LoggingPolicyInput, 'unmatchedFolder'> & { unmatchedFolder?: string | null },
): LoggingPolicy {
  return loggingPolicySchema.parse({ ...stored, unmatchedFolder: stored.unmatchedFolder ?? undefined });
}

/** Business Central's behaviour, with our quarantine folder for unreadable mail. */
export function defaultLoggingPolicy(): LoggingPolicy {
  return loggingPolicySchema.parse({});
}

export type Disposition =
  | { action: 'archive'; folder: string }
  | { action: 'delete' }
  | { action: 'move'; folder: string }
  | { action: 'keep' }
  | { action: 'quarantine'; folder: string };

/**
 * What to do with a message after classification.
 * - log: archive (the entries link to the message there).
 * - poison: quarantine, whatever the unmatched policy: it may well be mail that should have been logged.
 * - draft: keep. A draft in the Inbox is odd (someone saved it there by hand) but it is not delivered mail
 *   and not ours to delete; once classified the engine will not look at it again.
 * - every other skip, blocked and privacy-blocked mail included: the unmatched policy. Blocked mail is mail
 *   the admin chose not to log, which is exactly what the unmatched policy is about; deleting it by default
 *   is BC's behaviour for every message it does not log.
 * A "move" policy without a folder (the schema rejects it, but a hand-edited document might have one) keeps
 * the message: never delete because of a misconfiguration.
 */
export function dispositionFor(
  classification: Classification,
  policy: Pick<LoggingPolicy, 'unmatched' | 'unmatchedFolder' | 'quarantineFolder' | 'archiveFolder'>,
): Disposition {
  switch (classification.kind) {
    case 'log':
      return { action: 'archive', folder: policy.archiveFolder };
    case 'poison':
      return { action: 'quarantine', folder: policy.quarantineFolder };
    case 'skip':
      return dispositionForSkip(classification.reason, policy);
  }
}

function dispositionForSkip(
  reason: SkipReason,
  policy: Pick<LoggingPolicy, 'unmatched' | 'unmatchedFolder'>,
): Disposition {
  if (reason === 'draft') return { action: 'keep' };
  switch (policy.unmatched) {
    case 'delete':
      return { action: 'delete' };
    case 'move':
      return policy.unmatchedFolder ? { action: 'move', folder: policy.unmatchedFolder } : { action: 'keep' };
    default:
      return { action: 'keep' };
  }
}
