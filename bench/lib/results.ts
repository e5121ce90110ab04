// The results file and the arithmetic behind each figure: median of repeated runs with min and max, percentiles,
// and the comparison with the target.
import fs from 'node:fs';
import os from 'node:os';

export interface BenchmarkResult {
  name: string;
  unit: string;
  median: number | null;
  min: number | null;
  max: number | null;
  /** e.g. ">= 1000", "<= 1.02". */
  target: string;
  met: boolean;
  /** The figure of every repetition, in the order run. */
  runs: number[];
  notes: string;
}

export interface ResultsFile {
  date: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGB: number;
    node: string;
    os: string;
    loadAverageAtStart: number[];
  };
  database: string;
  benchmarks: BenchmarkResult[];
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least p% of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function meets(value: number, target: string): boolean {
  const m = /^(<=|>=)\s*([\d.]+)$/.exec(target.replace(/,/g, ''));
  if (!m) throw new Error(`bad target ${target}`);
  return m[1] === '<=' ? value <= Number(m[2]) : value >= Number(m[2]);
}

/** A measured benchmark: median/min/max of `runs`; `extraOk` adds a condition (e.g. "0 failed messages"). */
export function measured(
  name: string,
  unit: string,
  target: string,
  runs: number[],
  notes: string,
  extraOk = true,
  digits = 3,
): BenchmarkResult {
  const med = round(median(runs), digits);
  return {
    name,
    unit,
    median: med,
    min: round(Math.min(...runs), digits),
    max: round(Math.max(...runs), digits),
    target,
    met: meets(med, target) && extraOk,
    runs: runs.map((r) => round(r, digits)),
    notes,
  };
}

export function notMeasured(name: string, unit: string, target: string, reason: string): BenchmarkResult {
  return {
    name,
    unit,
    median: null,
    min: null,
    max: null,
    target,
    met: false,
    runs: [],
    notes: `not measured yet: ${reason}`,
  };
}

export function machineInfo(): ResultsFile['machine'] {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    // Other work on the machine skews every figure; the 1/5/15-minute load averages say how busy it was.
    loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
  };
}

export function writeResults(dir: string, results: ResultsFile): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const body = JSON.stringify(results, null, 2) + '\n';
  const files = [`${dir}/latest.json`, `${dir}/${results.date.slice(0, 10)}.json`];
  for (const f of files) {
    // Write then rename, so a reader never sees half a file.
    fs.writeFileSync(`${f}.tmp`, body);
    fs.renameSync(`${f}.tmp`, f);
  }
  return files;
}

export function formatTable(results: BenchmarkResult[]): string {
  const rows = results.map((r) => [
    r.name,
    r.median === null ? '-' : String(r.median),
    r.min === null ? '-' : `${r.min} .. ${r.max}`,
    r.unit,
    r.target,
    r.median === null ? 'n/a' : r.met ? 'yes' : 'NO',
  ]);
  const head = ['benchmark', 'median', 'min .. max', 'unit', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
