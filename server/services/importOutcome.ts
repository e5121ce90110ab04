// What a CSV import decides for each row and how it reports that (services/transfers.ts and contactImport.ts).
// An import first plans every row (create, update or unchanged) without writing; a dry run reports the plan, a
// real import carries it out. So the preview and the import cannot disagree about what a row becomes.
import { isDeepStrictEqual } from 'node:util';
import type { FieldProblem, ImportProblems } from './csv.js';

/** reject: all or nothing (422 on any problem); skip: import the valid rows, report the others. */
export type ImportMode = 'reject' | 'skip';

export interface ImportOptions {
  onError?: ImportMode;
  /** Plan and report only; write nothing (problems are reported as in skip mode, never thrown). */
  dryRun?: boolean;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  skipped?: number;
  problems?: FieldProblem[];
  dryRun?: true;
}

export type Outcome = 'create' | 'update' | 'unchanged';

/** A dry run and a skip import leave the invalid rows out; an all-or-nothing import refuses the file. */
export function leavesInvalidRowsOut(options: ImportOptions): boolean {
  return options.dryRun === true || options.onError === 'skip';
}

/** Refuses the file (422 `import_invalid`) when the import is all or nothing and a row has a problem. */
export function refuseIfAllOrNothing(options: ImportOptions, problems: ImportProblems): void {
  if (!leavesInvalidRowsOut(options)) problems.throwIfAny();
}

/**
 * An existing record's outcome: `unchanged` when every field the import would write already holds that value
 * (a field the stored document lacks counts as null), else `update`.
 */
export function outcomeOver(stored: object | undefined, next: Record<string, unknown>): Outcome {
  if (!stored) return 'create';
  const old = stored as Record<string, unknown>;
  const same = Object.entries(next).every(([k, v]) => isDeepStrictEqual(old[k] ?? null, v ?? null));
  return same ? 'unchanged' : 'update';
}

export function reportOf(
  options: ImportOptions,
  problems: ImportProblems,
  outcomes: Outcome[],
): ImportReport {
  const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
  const counts = { created: count('create'), updated: count('update'), unchanged: count('unchanged') };
  if (!leavesInvalidRowsOut(options)) return counts;
  const report: ImportReport = { ...counts, skipped: problems.lines.size, problems: problems.reported() };
  if (options.dryRun) report.dryRun = true;
  return report;
}
