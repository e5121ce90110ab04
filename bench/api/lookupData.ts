// The lookup benchmark's data set, seeded once and kept (a marker document says it is complete): 100,000
// contacts (persons and their companies), 50 salespeople, 1,000,000 interactions and 20,000 opportunities, all
// from fixed seeds. Bulk inserts of 50 documents (FerretDB 1.24's limit), several at once.
import { createPrng } from '../../scripts/graph-emulator/prng.js';
import { entryId } from '../../server/repositories/interactions.js';
import { openDatabase, type Database } from '../../server/repositories/db.js';
import { timelinesOf } from '../../server/repositories/timelines.js';
import { contactEmail, generateDirectory, salespersonEmail, type DirectorySpec } from '../lib/dataset.js';
import { insertChunked } from '../lib/seed.js';

export const LOOKUP_DATASET = {
  version: 1,
  /** 90,910 persons + one company per 10 = 100,001 contacts. */
  directory: { salespeople: 50, contacts: 90_910, seed: 7 } satisfies DirectorySpec,
  interactions: 1_000_000,
  opportunities: 20_000,
  seed: 8,
};
export const LOOKUP_DB = `interlog_bench_lookup_v${LOOKUP_DATASET.version}`;
const META = 'benchMeta';
const PARALLEL = 4;
const DAY = 86_400_000;

export function messageKeyOf(i: number): string {
  return `<lookup-${i}@bench.example>`;
}

/** Contact of entry i: skewed, as real histories are (a few contacts have hundreds of entries). */
function contactIndex(random: () => number, persons: number): number {
  return Math.floor(persons * random() ** 1.5);
}

async function isComplete(db: Database): Promise<boolean> {
  const meta = await db.conn
    .db!.collection<{ _id: string; version: number }>(META)
    .findOne({ _id: 'dataset' });
  return meta?.version === LOOKUP_DATASET.version;
}

async function inParallel(
  total: number,
  batch: number,
  make: (from: number, to: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < total) {
        const from = next;
        next = Math.min(total, next + batch);
        await make(from, next);
      }
    }),
  );
}

/** Opens the data set's database, seeding it first if it is not complete. */
export async function ensureLookupData(
  uri: string,
  log: (m: string) => void,
): Promise<{ seededSeconds: number | null }> {
  let db = await openDatabase(uri, { dbName: LOOKUP_DB });
  try {
    if (await isComplete(db)) return { seededSeconds: null };
    log(
      `  seeding the lookup data set (once; kept for later runs): ${LOOKUP_DATASET.interactions} interactions ...`,
    );
    const t0 = Date.now();
    await db.conn.dropDatabase();
    await db.close();
    db = await openDatabase(uri, { dbName: LOOKUP_DB });
    const dir = generateDirectory(LOOKUP_DATASET.directory);
    const now = new Date('2026-11-01T00:00:00Z');
    await insertChunked(
      db.models.Salesperson.collection,
      dir.salespeople.map((s) => ({ ...s, createdAt: now, updatedAt: now })),
    );
    await inParallel(dir.contacts.length, 1000, (a, b) =>
      insertChunked(
        db.models.Contact.collection,
        dir.contacts.slice(a, b).map((c) => ({ ...c, createdAt: now, updatedAt: now })),
      ),
    );
    const persons = LOOKUP_DATASET.directory.contacts;
    const codes = dir.salespeople.map((s) => s.code);
    // Each chunk draws from its own PRNG, so the data does not depend on the order the parallel inserts run in.
    await inParallel(LOOKUP_DATASET.interactions, 1000, async (a, b) => {
      const random = createPrng(LOOKUP_DATASET.seed * 1_000_003 + a);
      const docs = [];
      for (let i = a; i < b; i++) {
        const c = contactIndex(random, persons);
        const sp = codes[Math.floor(random() * codes.length)]!;
        const inbound = random() < 0.5;
        const key = messageKeyOf(i);
        docs.push({
          _id: entryId(key, `CT${String(c).padStart(6, '0')}`, sp),
          entryNumber: i + 1,
          messageKey: key,
          contactNumber: `CT${String(c).padStart(6, '0')}`,
          contactCompanyNumber: `CO${String(Math.floor(c / 10)).padStart(6, '0')}`,
          salespersonCode: sp,
          occurredAt: new Date(now.getTime() - Math.floor(random() * 3 * 365 * DAY)),
          direction: inbound ? 'inbound' : 'outbound',
          initiatedBy: inbound ? 'them' : 'us',
          subject: `Re: quote ${i}`,
          description: `Re: quote ${i}`,
          templateCode: null,
          cost: 0,
          durationMin: 0,
          message: {
            mailbox: 'logging@contoso.example',
            internetMessageId: key,
            immutableId: `AAkALjbench${i}`.padEnd(150, 'A') + '=',
            webLink: `https://outlook.office365.com/owa/?ItemID=AAkALjbench${i}&exvsurl=1&viewmodel=ReadMessageItem`,
            conversationId: `conv-${Math.floor(i / 3)}`,
          },
          archiveState: 'archived',
          comment: null,
          opportunityNumber: null,
          canceled: false,
          source: 'loop',
          createdBy: `interlog:${salespersonEmail(0)}`,
          createdAt: now,
        });
      }
      await insertChunked(db.models.Interaction.collection, docs);
      if (b % 100_000 === 0) log(`    ${b} interactions (${Math.round((Date.now() - t0) / 1000)} s)`);
    });
    const random = createPrng(LOOKUP_DATASET.seed + 1);
    const opps = Array.from({ length: LOOKUP_DATASET.opportunities }, (_, i) => {
      const c = contactIndex(random, persons);
      return {
        number: `OP${String(i + 1).padStart(6, '0')}`,
        description: `Opportunity ${i + 1}`,
        contactNumber: `CT${String(c).padStart(6, '0')}`,
        contactCompanyNumber: `CO${String(Math.floor(c / 10)).padStart(6, '0')}`,
        salespersonCode: codes[i % codes.length]!,
        salesCycleCode: 'STANDARD',
        status: random() < 0.6 ? 'open' : 'won',
        estimatedValue: 1000 + Math.floor(random() * 50_000),
        expectedCloseDate: null,
        sourceEntryNumber: null,
        createdBy: 'bench',
        createdAt: now,
        updatedAt: now,
      };
    });
    await inParallel(opps.length, 1000, (a, b) =>
      insertChunked(db.models.Opportunity.collection, opps.slice(a, b)),
    );
    await db.conn
      .db!.collection<{ _id: string; version: number; completedAt: Date }>(META)
      .insertOne({ _id: 'dataset', ...LOOKUP_DATASET, completedAt: new Date() });
    return { seededSeconds: (Date.now() - t0) / 1000 };
  } finally {
    await db.close();
  }
}

/**
 * The task pane's read model over the data set, made once (as `npm run timelines -- rebuild` does for a database
 * from before it): the seed writes entries directly, not through the repositories that keep the timelines.
 * Seconds it took, or null when they were already complete.
 */
export async function ensureLookupTimelines(uri: string, log: (m: string) => void): Promise<number | null> {
  const db = await openDatabase(uri, { dbName: LOOKUP_DB });
  try {
    const timelines = timelinesOf(db.models);
    // Timelines stored before they were one binary (repositories/timelineCodec.ts) are built again.
    const sample = await db.models.Timeline.collection.findOne({}, { projection: { body: 1 } });
    if ((await timelines.isComplete()) && sample?.body) return null;
    const t0 = Date.now();
    log("  building the contacts' timelines (once; kept for later runs) ...");
    await timelines.rebuildAll((done, total) => {
      if (done % 10_000 < 50 || done === total)
        log(`    ${done} of ${total} contacts (${Math.round((Date.now() - t0) / 1000)} s)`);
    });
    return (Date.now() - t0) / 1000;
  } finally {
    await db.close();
  }
}

/** A lookup request as the task pane sends it: 1-3 participants (sometimes one unknown), often a logged message. */
export function lookupRequest(random: () => number): { addresses: string[]; internetMessageId?: string } {
  const persons = LOOKUP_DATASET.directory.contacts;
  const n = 1 + Math.floor(random() * 3);
  const addresses = Array.from({ length: n }, () => contactEmail(contactIndex(random, persons)));
  if (random() < 0.2) addresses.push(`someone${Math.floor(random() * 1e6)}@unknown.example`);
  const logged = random() < 0.5;
  return logged
    ? { addresses, internetMessageId: messageKeyOf(Math.floor(random() * LOOKUP_DATASET.interactions)) }
    : { addresses };
}
