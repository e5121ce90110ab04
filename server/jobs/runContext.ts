// Everything one mailbox run works with, resolved once at its start.
import type { Directory } from '../domain/directory.js';
import type { LoggingPolicy } from '../domain/policy.js';
import type { Blocklist } from '../domain/blocklist.js';
import type { InteractionTemplate, SensitiveMailHandling } from '../../shared/api/settings.js';
import type { MailSource } from '../mailsource/MailSource.js';
import { MailSourceError } from '../mailsource/MailSource.js';
import type { InteractionRepository } from '../repositories/interactions.js';
import type { LegacyDnRepository } from '../repositories/legacyDns.js';
import type { ManualConfirmationRepository } from '../repositories/manualConfirmations.js';
import type { MessageStateRepository } from '../repositories/messageStates.js';
import type { PendingArchiveRepository } from '../repositories/pendingArchives.js';
import type { ErrorContext } from '../../shared/loggingVocabulary.js';
import type { RunRecorder } from './runRecorder.js';
import { isRunFatal } from '../domain/outcomes.js';

export interface RunContext {
  mailbox: string;
  source: MailSource;
  directory: Directory;
  policy: LoggingPolicy;
  blocklist: Blocklist;
  /** Mail marked Private or Confidential: logged without content, or not logged (deployment setting). */
  sensitiveMail: SensitiveMailHandling;
  /** The interaction template the run's entries copy (deployment setting, read at the start of the run). */
  emailTemplate: InteractionTemplate | null;
  /** Folder ids resolved at the start of the run. */
  folders: { inbox: string; archive: string; quarantine: string; unmatched: string | null };
  interactions: InteractionRepository;
  /** Manual entries waiting for this mailbox's copy of their mail (their data are replaced by the loop's). */
  manualConfirmations: ManualConfirmationRepository;
  states: MessageStateRepository;
  pending: PendingArchiveRepository;
  recorder: RunRecorder;
  now: () => Date;
  /** Who the entries are "created by": the job's account or instance. */
  jobUser: string;
  /** Salespeople's recorded X.500 addresses (DN key -> email) and this run's directory answers. */
  x500Directory: ReadonlyMap<string, string>;
  dnAnswers: Map<string, string | null>;
  /** Graph refused this run's directory lookups (no User.Read.All): said once, not asked again. */
  x500LookupDenied?: boolean;
  legacyDns: LegacyDnRepository;
  /** Throws when this process may no longer work the mailbox (the lease fence): called before moving mail. */
  guard: () => Promise<void>;
  /** The archive folder resolved again after a 404 on a move (once per run; see archiving.ts). */
  archiveRecheck?: Promise<string | null>;
}

export class StepError extends Error {
  constructor(
    readonly context: ErrorContext,
    readonly code: string,
    message: string,
    readonly fatal: boolean,
    readonly original?: unknown,
  ) {
    super(message);
    this.name = 'StepError';
  }
}

/** Tags a failure with the step's context and a stable code (mail-source codes kept, fatal ones marked). */
export function toStepError(context: ErrorContext, err: unknown): StepError {
  if (err instanceof StepError) return err;
  if (err instanceof MailSourceError) {
    return new StepError(context, err.code, err.message, isRunFatal(err.code), err);
  }
  const raw = (err as { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : 'internal_error';
  return new StepError(context, code, String((err as Error)?.message ?? err), isRunFatal(code), err);
}

/** Runs one step and tags any failure with the step's context and a stable code. */
export async function step<T>(context: ErrorContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toStepError(context, err);
  }
}
