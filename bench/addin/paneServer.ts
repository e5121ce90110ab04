// The back end the task pane benchmark opens the pane against: a fresh database with the demo data of
// `npm start` plus a long history for one contact, and the real server (server/main.ts, development sign-in) in
// its own process, serving the built add-in from dist/addin over HTTPS on localhost.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { seedDemoData } from '../../scripts/demo/seed.js';
import { freePort } from '../../scripts/lib/mongo.js';
import { repoRoot } from '../../scripts/lib/paths.js';
import { openDatabase } from '../../server/repositories/db.js';
import { InteractionRepository } from '../../server/repositories/interactions.js';
import { NumberSeries } from '../../server/repositories/numberSeries.js';
import { serverEnv, type BenchContext } from '../lib/context.js';
import { databaseUri } from '../lib/database.js';
import { median } from '../lib/results.js';

/** The contact whose history is timed: the sender of the preview's "quote-request" sample. */
export const HISTORY_CONTACT_EMAIL = 'jane.doe@fabrikam.example';
const DAY_MS = 86_400_000;

export interface SeededHistory {
  dbName: string;
  contactNumber: string;
  /** Entries of the contact, the demo's week of history included. */
  entries: number;
  /** Subject of the contact's newest entry: the first history row the pane must show. */
  newestSubject: string;
  seededAt: Date;
}

/**
 * Demo data (scripts/demo/seed.ts) and `total` entries for Jane Doe: the demo's (her mail of the last working
 * week) and older ones, one every 4 days from 15 days ago, alternating direction as the logging engine would
 * write them.
 */
export async function seedHistory(ctx: BenchContext, total: number): Promise<SeededHistory> {
  const dbName = ctx.freshDbName('addinhistory');
  const db = await openDatabase(ctx.db.uri, { dbName });
  try {
    const now = new Date();
    await seedDemoData(db, now);
    const contact = await db.models.Contact.findOne({ email: HISTORY_CONTACT_EMAIL }).lean();
    if (!contact) throw new Error(`the demo data has no ${HISTORY_CONTACT_EMAIL} any more`);
    const interactions = new InteractionRepository(
      db.models,
      new NumberSeries(db.models, 'bench'),
      () => now,
    );
    const demoEntries = await db.models.Interaction.countDocuments({ contactNumber: contact.number });
    const older = Array.from({ length: Math.max(0, total - demoEntries) }, (_, i) => {
      const outbound = i % 2 === 0;
      const subject = `Follow-up ${i + 1}: order ${4100 + i}`;
      const key = `<bench-history-${i}@${outbound ? 'contoso.example' : 'fabrikam.example'}>`;
      return {
        messageKey: key,
        contactNumber: contact.number,
        contactCompanyNumber: contact.companyNumber,
        salespersonCode: contact.salespersonCode ?? 'AH',
        occurredAt: new Date(now.getTime() - (15 + 4 * i) * DAY_MS),
        direction: outbound ? ('outbound' as const) : ('inbound' as const),
        initiatedBy: outbound ? ('us' as const) : ('them' as const),
        subject,
        description: subject,
        message: {
          mailbox: 'logging@contoso.example',
          internetMessageId: key,
          immutableId: null,
          webLink: null,
          conversationId: null,
        },
        archiveState: 'none' as const,
        source: 'loop' as const,
        createdBy: 'bench',
      };
    });
    // FerretDB 1.24 does not answer write commands of 100+ statements; the repository writes in chunks anyway.
    for (let i = 0; i < older.length; i += 25) await interactions.writeIdempotent(older.slice(i, i + 25));
    const entries = await db.models.Interaction.countDocuments({ contactNumber: contact.number });
    const newest = await db.models.Interaction.findOne({ contactNumber: contact.number })
      .sort({ occurredAt: -1 })
      .lean();
    return {
      dbName,
      contactNumber: contact.number,
      entries,
      newestSubject: newest!.subject,
      seededAt: now,
    };
  } finally {
    await db.close();
  }
}

export async function dropDatabase(ctx: BenchContext, dbName: string): Promise<void> {
  const db = await openDatabase(ctx.db.uri, { dbName });
  await db.conn.dropDatabase().catch(() => {});
  await db.close();
}

export interface PaneServer {
  url: string;
  pid: number;
  /** Everything the server printed (its log at info: a line per API request), for failure messages and timing. */
  output(): string;
  stop(): Promise<void>;
}

/** server/main.ts through tsx, as `npm start` runs it, on a free port; resolves once /healthz answers 200. */
export async function startPaneServer(ctx: BenchContext, dbName: string): Promise<PaneServer> {
  const port = await freePort();
  const url = `https://localhost:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/main.ts')], {
    cwd: repoRoot,
    env: serverEnv(ctx, {
      uri: databaseUri(ctx.db.uri, dbName),
      publicUrl: url,
      // info: the request log's line per API call, with the server's own time (serverTimes).
      extra: {
        INTERNAL_DOMAINS: 'contoso.example',
        ADMIN_EMAILS: 'annette.hill@contoso.example',
        LOG_LEVEL: 'info',
      },
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const agent = new https.Agent({ ca: fs.readFileSync(ctx.certs.caCertPath) });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
      const up = await new Promise<boolean>((resolve) => {
        const req = https.get(`${url}/healthz`, { agent }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        });
        req.on('error', () => resolve(false));
      });
      if (up) break;
      if (Date.now() > deadline) throw new Error(`server did not start within 60 s: ${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    kill();
    process.removeListener('exit', kill);
    throw err;
  } finally {
    agent.destroy();
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', kill);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const hard = setTimeout(kill, 5000);
        child.once('exit', () => (clearTimeout(hard), resolve()));
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The server's own time per API request (its request log's \`ms\`: from the request's arrival to the answer
 * sent) in a stretch of its output, by path: "lookup median 21 (14-204, n=10)". What a request took in the
 * browser beyond it went to the network, the browser's scheduling and the routing of the harness.
 */
export function serverTimes(output: string): string {
  const byPath = new Map<string, number[]>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: { ms?: unknown; req?: { path?: unknown } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    const p = entry.req?.path;
    if (typeof entry.ms !== 'number' || typeof p !== 'string' || !p.startsWith('/api/v1/')) continue;
    const key = p.slice('/api/v1/'.length).replace(/\/CT\d+\//, '/{number}/');
    byPath.set(key, [...(byPath.get(key) ?? []), entry.ms]);
  }
  return [...byPath]
    .map(([p, v]) => `${p} median ${median(v)} (${Math.min(...v)}-${Math.max(...v)}, n=${v.length})`)
    .join(', ');
}
