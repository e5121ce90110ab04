// Reads V8 CPU profiles (node --cpu-prof) and says where the time went: self time by area (idle = waiting on
// I/O, GC, our code by folder, each npm package, Node internals) and the hottest functions.
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  byArea: { area: string; ms: number; share: number }[];
  topFunctions: { fn: string; ms: number; share: number }[];
}

/** Which part of the system a frame belongs to. */
function areaOf(url: string, fn: string): string {
  if (fn === '(idle)') return 'idle (waiting for I/O)';
  if (fn === '(garbage collector)') return 'garbage collector';
  if (fn === '(program)') return 'V8/native (program)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return `npm: ${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:')) {
    const parts = url.slice(5).split('/');
    return `node: ${parts[0] === 'internal' ? parts.slice(0, parts[1] === 'deps' ? 3 : 2).join('/') : parts[0]}`;
  }
  // A page's script (the pane's profile): its file, without the build's content hash.
  const page = /^https?:\/\/[^/]+\/(?:.*\/)?([^/?#]+?)(?:\.[0-9a-f]{8})?\.js(?:[?#].*)?$/.exec(url);
  if (page) return `page: ${page[1]}.js`;
  const m = /\/(server|shared|test|bench|scripts)\/(.*)$/.exec(url);
  if (m) return `ours: ${m[1]}/${m[2]!.split('/').slice(0, -1).join('/') || '.'}`;
  return url ? 'other' : 'native/builtin';
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the following interval to it, as DevTools does.
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + dt);
  }
  const totalMs = (p.endTime - p.startTime) / 1000;
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const name =
      `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|server|shared|test|bench)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim();
    fns.set(name, (fns.get(name) ?? 0) + ms);
  }
  const share = (ms: number) => Math.round((ms / totalMs) * 1000) / 10;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    file,
    totalMs: Math.round(totalMs),
    byArea: sorted(areas).map(([area, ms]) => ({ area, ms: Math.round(ms), share: share(ms) })),
    topFunctions: sorted(fns)
      .filter(([fn]) => !fn.startsWith('(idle)') && !fn.startsWith('(program)'))
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms: Math.round(ms), share: share(ms) })),
  };
}

export function formatProfileSummary(s: ProfileSummary, areas = 12): string {
  return [
    `CPU profile ${path.basename(s.file)} (${s.totalMs} ms of the measured run):`,
    '  self time by area:',
    ...s.byArea
      .slice(0, areas)
      .map((a) => `    ${String(a.share).padStart(5)}%  ${String(a.ms).padStart(7)} ms  ${a.area}`),
    '  hottest functions:',
    ...s.topFunctions.map(
      (f) => `    ${String(f.share).padStart(5)}%  ${String(f.ms).padStart(7)} ms  ${f.fn}`,
    ),
  ].join('\n');
}

interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}

/** A sampling heap profile: bytes on the heap by the area and the function that allocated them. */
export function summarizeHeapProfile(file: string, top = 15): string {
  const { head } = JSON.parse(fs.readFileSync(file, 'utf8')) as { head: HeapNode };
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  const walk = (n: HeapNode, stack: string) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const name =
      `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|server|shared|test|bench)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim();
    if (n.selfSize > 0) {
      total += n.selfSize;
      const area = areaOf(url, functionName);
      areas.set(area, (areas.get(area) ?? 0) + n.selfSize);
      // The allocating function and its caller, which usually says more than a library's internals.
      const key = `${name}  <-  ${stack}`;
      fns.set(key, (fns.get(key) ?? 0) + n.selfSize);
    }
    for (const c of n.children) walk(c, name);
  };
  walk(head, '(root)');
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`.padStart(9);
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `Heap profile ${path.basename(file)}: ${mb(total).trim()} on the heap at its fullest sample (includes garbage not yet collected):`,
    '  by area:',
    ...sorted(areas).map(([a, b]) => `    ${mb(b)}  ${a}`),
    '  by allocating function <- caller:',
    ...sorted(fns).map(([f, b]) => `    ${mb(b)}  ${f}`),
  ].join('\n');
}

/** Every profile under `dir`, summarized (the suite prints this at the end with --profile). */
export function summarizeProfiles(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  const heaps = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.heapprofile'))
    .map((f) => path.join(dir, f));
  const texts = [
    ...files.map((f) => formatProfileSummary(summarizeProfile(f))),
    ...heaps.map((f) => summarizeHeapProfile(f)),
  ];
  const out = texts.join('\n\n');
  fs.writeFileSync(path.join(dir, 'summary.txt'), out + '\n');
  return out;
}
