// The pure half of a page: what becomes of each message, decided from the messages, the directory, the policy and
// the folders, with no I/O and no clock. The applier (pageApplier.ts) carries a plan out: intents, the batched
// Exchange operations, the entries, the ledger. A test can read a whole page's decisions from this one value.
import {
  classifyMessage,
  type Classification,
  type PoisonCode,
  type SkipReason,
} from '../domain/classifier.js';
import type { Directory } from '../domain/directory.js';
import type { Blocklist } from '../domain/blocklist.js';
import type { InteractionTemplate, SensitiveMailHandling } from '../../shared/api/settings.js';
import { dispositionFor, type LoggingPolicy } from '../domain/policy.js';
import type { MailMessage, MailOperation } from '../mailsource/MailSource.js';
import { entryFromDraft } from '../repositories/interactions.js';
import type { PendingArchive, PendingEntry } from '../repositories/pendingArchives.js';
import type { JobRunCounter } from '../../shared/loggingVocabulary.js';

/** What a plan is made from: the run's view of the world, resolved once at its start (RunContext has it all). */
export interface PlanScope {
  mailbox: string;
  /** Who the entries are "created by": the job's account or instance. */
  jobUser: string;
  directory: Directory;
  blocklist: Blocklist;
  sensitiveMail: SensitiveMailHandling;
  /** The interaction template every entry is logged with (deployment setting); null: none. */
  emailTemplate: InteractionTemplate | null;
  policy: Pick<LoggingPolicy, 'unmatched' | 'unmatchedFolder' | 'quarantineFolder' | 'archiveFolder'>;
  folders: { archive: string; quarantine: string; unmatched: string | null };
}

/** The decision for one message. `operation` is what Exchange should do with it (null: leave it in the Inbox). */
export type MessagePlan =
  | {
      kind: 'log';
      msg: MailMessage;
      operation: MailOperation;
      messageKey: string;
      /** The entries to write once Exchange has answered (the archive state and link come from that answer). */
      entries: PendingEntry[];
    }
  | { kind: 'quarantine'; msg: MailMessage; operation: MailOperation; code: PoisonCode; reason: string }
  | {
      kind: 'unlogged';
      msg: MailMessage;
      operation: MailOperation | null;
      reason: SkipReason;
      /** The run's counters once the operation succeeded. */
      counts: JobRunCounter[];
      /** Kept in the Inbox for want of a match: the ledger remembers it, so a directory change brings it back. */
      rememberKept: boolean;
    };

export interface PagePlan {
  messages: MessagePlan[];
  /** One per logged message: recorded before anything moves (the crash-safety of the page). */
  intents: PendingArchive[];
}

export function planPage(scope: PlanScope, messages: readonly MailMessage[]): PagePlan {
  const planned = messages.map((msg) =>
    planMessage(
      scope,
      msg,
      classifyMessage(msg, scope.directory, {
        blocklist: scope.blocklist,
        sensitiveMail: scope.sensitiveMail,
      }),
    ),
  );
  const intents = planned.flatMap((p) =>
    p.kind === 'log'
      ? [{ mailbox: scope.mailbox, messageId: p.msg.id, messageKey: p.messageKey, entries: p.entries }]
      : [],
  );
  return { messages: planned, intents };
}

export function planMessage(scope: PlanScope, msg: MailMessage, c: Classification): MessagePlan {
  switch (c.kind) {
    case 'log':
      return {
        kind: 'log',
        msg,
        operation: moveTo(msg, scope.folders.archive),
        messageKey: c.messageKey,
        entries: c.drafts.map((d) =>
          entryFromDraft(d, messageRefOf(scope, msg), loopOrigin(scope), scope.emailTemplate),
        ),
      };
    case 'poison':
      return {
        kind: 'quarantine',
        msg,
        operation: moveTo(msg, scope.folders.quarantine),
        code: c.code,
        reason: c.reason,
      };
    case 'skip':
      return planUnlogged(scope, msg, c);
  }
}

/** Skip reasons a change of salespeople or contacts cannot lift: such kept mail is not remembered for reprocessing. */
const NEVER_LOGGABLE_BY_DIRECTORY = new Set<string>(['draft', 'blocked', 'sensitive']);

function planUnlogged(
  scope: PlanScope,
  msg: MailMessage,
  c: Extract<Classification, { kind: 'skip' }>,
): MessagePlan {
  const d = dispositionFor(c, scope.policy);
  const counts: JobRunCounter[] = c.reason === 'blocked' ? ['blocked'] : [];
  const base = { kind: 'unlogged' as const, msg, reason: c.reason, rememberKept: false };
  if (d.action === 'delete')
    return { ...base, operation: { kind: 'delete', id: msg.id }, counts: [...counts, 'deleted'] };
  if (d.action === 'move') {
    const operation = moveTo(msg, scope.folders.unmatched ?? d.folder);
    return { ...base, operation, counts: [...counts, 'moved'] };
  }
  // Drafts, blocked and withheld sensitive mail stay where they are for good: no directory change makes them
  // loggable (only a settings change would, and mail from before it is not logged retroactively).
  const rememberKept = !NEVER_LOGGABLE_BY_DIRECTORY.has(c.reason);
  return { ...base, operation: null, counts: [...counts, 'kept'], rememberKept };
}

/** Where the mail is, as the entries will link to it (the archived copy's id and link replace these). */
function messageRefOf(scope: PlanScope, msg: MailMessage) {
  return {
    mailbox: scope.mailbox,
    internetMessageId: msg.internetMessageId,
    immutableId: msg.id,
    webLink: msg.webLink,
    conversationId: msg.conversationId,
  };
}

const moveTo = (msg: MailMessage, destination: string): MailOperation => ({
  kind: 'move',
  id: msg.id,
  destination,
});

const loopOrigin = (scope: PlanScope) => ({ source: 'loop' as const, createdBy: scope.jobUser });
