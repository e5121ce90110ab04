// The end-state oracle of the chaos soak (test/support/chaosSoak.ts): every generated message is in exactly one
// legitimate state, and the entries are exactly the expected ones, each once. Reads the emulator's mailbox and
// the database directly (past mongoose: the checker's own queries need no declared index).
import type { mongo } from 'mongoose';
import type { GraphEmulator } from '../../scripts/graph-emulator/types.js';
import type { GeneratedMail } from './mailGenerator.js';

export type MessageFate =
  | 'archived' // loggable, in the archive folder, its entries exactly once, linked to it
  | 'logged, folder deleted' // loggable, archived into the folder the admin deleted: entries once, link may dangle
  | 'deleted' // unmatched, in Deleted Items (the default policy), no entries
  | 'quarantined' // ledger state quarantined with a reason, in the quarantine folder (or in place)
  | 'failing'; // still in the Inbox and in the ledger as failing

export interface InvariantInput {
  emu: GraphEmulator;
  mailbox: string;
  archiveFolder: string;
  quarantineFolder: string;
  db: mongo.Db;
  mail: GeneratedMail;
  /** Internet message id -> immutable id of every message that was in the archive folder when it was deleted. */
  lostWithFolder: ReadonlyMap<string, string>;
}

export interface InvariantReport {
  fates: Record<MessageFate, number>;
  counts: {
    generated: number;
    loggable: number;
    loggableDeleted: number;
    messagesLost: number;
    entriesExpected: number;
    entries: number;
    entriesDuplicated: number;
    entriesLost: number;
    entriesUnexpected: number;
    entriesPending: number;
    intentsLeft: number;
    runsLeftRunning: number;
  };
  violations: string[];
}

interface Entry {
  messageKey: string;
  contactNumber: string;
  salespersonCode: string;
  archiveState: string;
  entryNumber: number;
  message: { immutableId: string | null };
}
interface LedgerRow {
  messageId: string;
  internetMessageId: string | null;
  state: string;
  reason: string;
  inInbox?: boolean;
}

const keyOf = (e: Pick<Entry, 'messageKey' | 'contactNumber' | 'salespersonCode'>) =>
  `${e.messageKey}|${e.contactNumber}|${e.salespersonCode}`;

/** Where each message is now, by Internet message id. */
function locate(i: InvariantInput): Map<string, { folder: string; id: string }> {
  const where = new Map<string, { folder: string; id: string }>();
  const folders = ['inbox', i.archiveFolder, i.quarantineFolder, 'deleteditems', 'archive', 'junkemail'];
  for (const folder of folders) {
    let messages: ReturnType<GraphEmulator['listFolder']> = [];
    try {
      messages = i.emu.listFolder(i.mailbox, folder);
    } catch {
      continue; // a folder that does not exist holds nothing
    }
    for (const m of messages) {
      const key = m.internetMessageId as string;
      if (where.has(key)) throw new Error(`${key} found twice (${where.get(key)!.folder}, ${folder})`);
      where.set(key, { folder, id: m.id });
    }
  }
  return where;
}

export async function checkInvariants(i: InvariantInput): Promise<InvariantReport> {
  const violations: string[] = [];
  const fates: Record<MessageFate, number> = {
    archived: 0,
    'logged, folder deleted': 0,
    deleted: 0,
    quarantined: 0,
    failing: 0,
  };
  const expectedByMessage = new Map<string, string[]>();
  for (const k of i.mail.expectedEntries) {
    const msgKey = k.slice(0, k.indexOf('|'));
    expectedByMessage.set(msgKey, [...(expectedByMessage.get(msgKey) ?? []), k]);
  }
  const entries = await i.db.collection<Entry>('interactions').find({}).toArray();
  const entriesByKey = new Map<string, Entry[]>();
  for (const e of entries) entriesByKey.set(keyOf(e), [...(entriesByKey.get(keyOf(e)) ?? []), e]);
  const ledger = await i.db.collection<LedgerRow>('messageStates').find({ mailbox: i.mailbox }).toArray();
  const ledgerByImmutableId = new Map(ledger.map((l) => [l.messageId, l]));
  const ledgerByKey = new Map(ledger.map((l) => [l.internetMessageId ?? '', l]));
  const where = locate(i);

  const counts: InvariantReport['counts'] = {
    generated: i.mail.messages.length,
    loggable: expectedByMessage.size,
    loggableDeleted: 0,
    messagesLost: 0,
    entriesExpected: i.mail.expectedEntries.size,
    entries: entries.length,
    entriesDuplicated: 0,
    entriesLost: 0,
    entriesUnexpected: 0,
    entriesPending: 0,
    intentsLeft: 0,
    runsLeftRunning: 0,
  };
  const numbers = new Set(entries.map((e) => e.entryNumber));
  if (numbers.size !== entries.length)
    violations.push(`${entries.length - numbers.size} entries share an entry number with another`);
  for (const [key, rows] of entriesByKey) {
    if (rows.length > 1) {
      counts.entriesDuplicated += rows.length - 1;
      violations.push(`${key}: ${rows.length} entries (duplicated)`);
    }
    if (!i.mail.expectedEntries.has(key)) {
      counts.entriesUnexpected += rows.length;
      violations.push(`${key}: unexpected entry`);
    }
  }

  for (const m of i.mail.messages) {
    const key = m.internetMessageId!;
    const expected = expectedByMessage.get(key) ?? [];
    const loggable = expected.length > 0;
    const at = where.get(key);
    const lostId = i.lostWithFolder.get(key);
    const state = (at && ledgerByImmutableId.get(at.id)) ?? ledgerByKey.get(key);
    const present = expected.filter((k) => entriesByKey.has(k));
    const describe = () =>
      `${key} (${loggable ? 'loggable' : 'unmatched'}): in ${at?.folder ?? (lostId ? 'the deleted archive folder' : 'no folder')}, ` +
      `ledger ${state ? `${state.state} (${state.reason})` : 'none'}, entries ${present.length}/${expected.length}`;
    const fail = (why: string) => violations.push(`${describe()}: ${why}`);
    /** Every expected entry exists (duplicates are counted above); `linkOk` judges each entry's link. */
    const allLogged = (linkOk: (e: Entry) => boolean) => {
      const missing = expected.length - present.length;
      if (missing > 0) {
        counts.entriesLost += missing;
        fail(`${missing} entries lost`);
      }
      const bad = present.flatMap((k) => entriesByKey.get(k)!).filter((e) => !linkOk(e));
      if (bad.length > 0)
        fail(
          `${bad.length} entries with a wrong link (${bad[0]!.archiveState}: ${bad[0]!.message.immutableId})`,
        );
    };

    if (state?.state === 'quarantined') {
      const inPlace = state.inInbox === true && at?.folder === 'inbox';
      if (!state.reason) fail('quarantined without a reason');
      else if (at?.folder !== i.quarantineFolder && !inPlace) fail('quarantined, but not in quarantine');
      else fates.quarantined++;
      counts.entriesPending += expected.length - present.length;
      continue;
    }
    if (at?.folder === 'inbox') {
      if (state?.state === 'failing') {
        fates.failing++;
        counts.entriesPending += expected.length - present.length;
      } else fail('still in the Inbox, not visible as failing');
      continue;
    }
    if (state?.state === 'failing') fail('the ledger says failing, but the message is not in the Inbox');
    if (!at && lostId !== undefined && loggable) {
      fates['logged, folder deleted']++;
      // Its link may name the message that went with the folder, or none (logged after the folder was gone).
      allLogged((e) => e.message.immutableId === lostId || e.message.immutableId === null);
      continue;
    }
    if (!at) {
      counts.messagesLost++;
      if (loggable) counts.loggableDeleted++;
      fail('the message is gone');
      continue;
    }
    if (loggable && at.folder === i.archiveFolder) {
      fates.archived++;
      allLogged((e) => e.archiveState === 'archived' && e.message.immutableId === at.id);
      continue;
    }
    if (!loggable && at.folder === 'deleteditems') {
      fates.deleted++;
      continue;
    }
    if (loggable && at.folder === 'deleteditems') counts.loggableDeleted++;
    fail(`unexpected place for a${loggable ? ' loggable' : 'n unmatched'} message`);
  }

  // Intents left behind are only acceptable for messages still failing (their next run finishes them).
  const failingIds = new Set(ledger.filter((l) => l.state === 'failing').map((l) => l.messageId));
  const pages = await i.db
    .collection<{ messages: { messageId: string; messageKey: string }[] }>('pendingArchives')
    .find({ mailbox: i.mailbox })
    .toArray();
  for (const intent of pages.flatMap((p) => p.messages)) {
    counts.intentsLeft++;
    if (!failingIds.has(intent.messageId)) violations.push(`${intent.messageKey}: intent left behind`);
  }
  counts.runsLeftRunning = await i.db
    .collection('jobRuns')
    .countDocuments({ mailbox: i.mailbox, outcome: 'running' });
  if (counts.runsLeftRunning > 0) violations.push(`${counts.runsLeftRunning} job runs left "running"`);
  return { fates, counts, violations };
}

/** The report as a small table for the test output and the benchmark's log. */
export function formatReport(r: InvariantReport, extra: Record<string, string | number> = {}): string {
  const rows: [string, string | number][] = [
    ...Object.entries(r.fates).map(([k, v]): [string, number] => [`messages ${k}`, v]),
    ...Object.entries(r.counts),
    ...Object.entries(extra),
    ['violations', r.violations.length],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}
