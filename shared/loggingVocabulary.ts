// The words of the logging engine, defined once: what a run counts, which step an error belongs to, what may
// become of unmatched mail, and the bounds of a setup. The engine, the persistence layer, the API contract and
// the console all read them from here (the console labels each in addin/admin/i18n).

/** What a JobRun counts. */
export const JOB_RUN_COUNTERS = [
  'read',
  'logged',
  'entriesWritten',
  'archived',
  'deleted',
  'moved',
  'kept',
  'quarantined',
  'blocked',
  'duplicate',
  'failed',
  'recovered',
] as const;
export type JobRunCounter = (typeof JOB_RUN_COUNTERS)[number];

/** The step of a run an error happened in (Business Central's error contexts, plus quarantine). */
export const ERROR_CONTEXTS = [
  'validate_setup',
  'get_messages',
  'process_message',
  'log_interaction',
  'archive',
  'delete',
  'move',
  'quarantine',
] as const;
export type ErrorContext = (typeof ERROR_CONTEXTS)[number];

/** What becomes of mail nobody in the directory matches (Business Central deletes it). */
export const UNMATCHED_ACTIONS = ['delete', 'move', 'keep'] as const;
export type UnmatchedAction = (typeof UNMATCHED_ACTIONS)[number];

/** Archive subfolders per period (server/domain/archiveCapacity.ts): off, one a year, one a month. */
export const ARCHIVE_ROLLOVERS = ['off', 'yearly', 'monthly'] as const;
export type ArchiveRollover = (typeof ARCHIVE_ROLLOVERS)[number];

/** Bounds of a logging setup, checked by the API and the database alike. */
export const SETUP_LIMITS = {
  batchSize: { min: 1, max: 1000, default: 50 },
  intervalSeconds: { min: 10, max: 86_400, default: 60 },
  maxAttempts: { min: 1, max: 100, default: 5 },
  /** Items after which an archive folder of the series is full (null: no threshold). */
  archiveRolloverAtItems: { min: 1, max: 1_000_000 },
} as const;
