// Reads /proc (Linux): the resident memory of a process, and CPU time used by each process of the benchmark
// (engine, emulator, database server) over a measured stretch, to see which one a figure is waiting for.
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Resident set size in MB, or null when the process is gone. */
export function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface ProcCpu {
  pid: number;
  comm: string;
  seconds: number;
}

function readAll(): ProcCpu[] {
  const out: ProcCpu[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // fields[11], [12]: utime, stime (the 14th and 15th fields of the line)
      out.push({
        pid: Number(entry),
        comm,
        seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
      });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

export type CpuGroups = Record<string, number>;

/** CPU seconds the whole machine spent busy (all cores), from /proc/stat. */
function machineBusySeconds(): number {
  const first = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal ...: busy = all but idle and iowait
  const busy = first.reduce((a, b) => a + b, 0) - (first[3] ?? 0) - (first[4] ?? 0);
  return busy / TICKS_PER_SECOND;
}

/** CPU seconds per group between start() and stop(): named pids, then processes grouped by command name. */
export function cpuMeter(named: Record<string, number>, commands = ['ferretdb', 'postgres']) {
  const groupOf = (p: ProcCpu): string | null => {
    for (const [name, pid] of Object.entries(named)) if (p.pid === pid) return name;
    return commands.includes(p.comm) ? p.comm : null;
  };
  const sum = (procs: ProcCpu[]) => {
    const byPid = new Map<number, { group: string; seconds: number }>();
    for (const p of procs) {
      const g = groupOf(p);
      if (g) byPid.set(p.pid, { group: g, seconds: p.seconds });
    }
    return byPid;
  };
  const before = sum(readAll());
  const busyBefore = machineBusySeconds();
  const startedAt = Date.now();
  return {
    /** CPU seconds per group and the wall seconds elapsed. */
    stop(): { wallSeconds: number; cpuSeconds: CpuGroups } {
      const after = sum(readAll());
      const groups: CpuGroups = {};
      for (const [pid, a] of after) {
        // Processes started meanwhile (postgres backends) count from zero.
        const used = a.seconds - (before.get(pid)?.seconds ?? 0);
        groups[a.group] = Math.round(((groups[a.group] ?? 0) + used) * 100) / 100;
      }
      // Everything else the machine did meanwhile (other work competing for the 2 cores).
      const ours = Object.values(groups).reduce((a, b) => a + b, 0);
      groups['other processes'] = Math.max(
        0,
        Math.round((machineBusySeconds() - busyBefore - ours) * 100) / 100,
      );
      return { wallSeconds: (Date.now() - startedAt) / 1000, cpuSeconds: groups };
    },
  };
}

export function formatCpu(c: { wallSeconds: number; cpuSeconds: CpuGroups }): string {
  const parts = Object.entries(c.cpuSeconds)
    .sort((a, b) => b[1] - a[1])
    .map(([g, s]) => `${g} ${Math.round((s / c.wallSeconds) * 100)}%`);
  return `CPU over ${Math.round(c.wallSeconds * 10) / 10} s wall (100% = one core of 2): ${parts.join(', ')}`;
}

/** The machine's idleness before a measurement: how long it waited and the busy share of its last window. */
export interface Quiet {
  waitedMs: number;
  /** Share of all cores busy (0-1) in the last window. */
  busy: number;
}

/**
 * Waits until the machine's cores were busy less than `share` of a `windowMs` window, at most `maxMs`: a figure
 * that Chromium's main thread decides should not carry the winding down of a previous benchmark's processes
 * (a database's checkpoint, a closed browser context's renderer).
 */
export async function waitForQuiet(o: { share: number; windowMs: number; maxMs: number }): Promise<Quiet> {
  const cores = os.cpus().length;
  const start = performance.now();
  for (;;) {
    const before = machineBusySeconds();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, o.windowMs));
    const busy = (machineBusySeconds() - before) / ((performance.now() - t0) / 1000) / cores;
    const waitedMs = performance.now() - start;
    if (busy < o.share || waitedMs >= o.maxMs) return { waitedMs: Math.round(waitedMs), busy };
  }
}
