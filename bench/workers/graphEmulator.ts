// The Graph emulator in a process of its own, so its CPU and memory are not counted as the engine's. The
// orchestrator drives it over IPC: seed mail (generated here from a seed, not shipped over IPC), add a message
// now (latency), read the request statistics.
import { generateMail, type MailSpec } from '../lib/dataset.js';
import { serveWorker } from '../lib/worker.js';
import { DEFAULT_CLIENT, startGraphEmulator } from '../../scripts/graph-emulator/index.js';
import type { GraphEmulator, GraphEmulatorOptions, GraphStats } from '../../scripts/graph-emulator/types.js';

let emu: GraphEmulator | null = null;

function running(): GraphEmulator {
  if (!emu) throw new Error('emulator not started');
  return emu;
}

export interface EmulatorInfo {
  baseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export type StatsSnapshot = Omit<GraphStats, 'reset'>;

function snapshot(s: GraphStats): StatsSnapshot {
  const { reset: _reset, ...rest } = s;
  return JSON.parse(JSON.stringify(rest)) as StatsSnapshot;
}

serveWorker({
  async start(args: { options: GraphEmulatorOptions; mailbox: string }): Promise<EmulatorInfo> {
    emu = await startGraphEmulator(args.options);
    emu.addMailbox({ address: args.mailbox, displayName: 'Email logging' });
    return {
      baseUrl: emu.baseUrl,
      tenantId: emu.tenantId,
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret!,
    };
  },
  seedMail(args: { mailbox: string; spec: MailSpec }) {
    const e = running();
    const batch = generateMail(args.spec);
    for (const m of batch.messages) e.addMessage(args.mailbox, 'inbox', m);
    return {
      logged: batch.logged,
      deleted: batch.deleted,
      entries: batch.entries,
      loggedKeys: batch.loggedKeys,
    };
  },
  /** Adds generated messages now (receivedDateTime = now); returns the arrival time of each, epoch ms. */
  arrive(args: { mailbox: string; spec: MailSpec }) {
    const e = running();
    const batch = generateMail({ ...args.spec, stampOnArrival: true });
    const arrivedAt: number[] = [];
    for (const m of batch.messages) {
      e.addMessage(args.mailbox, 'inbox', m);
      arrivedAt.push(Date.now());
    }
    return { arrivedAt, loggedKeys: batch.loggedKeys, logged: batch.logged };
  },
  folderCounts(args: { mailbox: string; folders: string[] }) {
    const e = running();
    return Object.fromEntries(args.folders.map((f) => [f, e.listFolder(args.mailbox, f).length]));
  },
  stats: () => snapshot(running().stats),
  resetStats: () => running().stats.reset(),
  memory: () => process.memoryUsage(),
  async close() {
    await emu?.close();
    emu = null;
  },
});
