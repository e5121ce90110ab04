// CSV files in and out of the admin console. Import: header row first, every problem reported by line and
// column (nothing is written when there is one, unless the import skips invalid rows). Export: cells that a spreadsheet would run as a formula are
// prefixed with an apostrophe (OWASP "CSV injection"); import removes that prefix again, so files round-trip.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { AppError } from '../http/problem.js';

export const MAX_IMPORT_ROWS = 20_000;
const MAX_REPORTED = 200;

export interface CsvRow {
  /** 1-based line of the row in the file (the header is line 1; a row with quoted line breaks: its last line). */
  line: number;
  values: Record<string, string>;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** Collects problems as "<line>.<column>" and throws them all at once as 422 `import_invalid`. */
export class ImportProblems {
  readonly list: FieldProblem[] = [];
  /** Lines with at least one problem (what an `onError=skip` import leaves out). */
  readonly lines = new Set<number>();
  add(line: number, column: string, message: string): void {
    this.list.push({ path: `${line}.${column}`, message });
    this.lines.add(line);
  }
  /** The problems as an import report shows them (as many as a 422 would list). */
  reported(): FieldProblem[] {
    return this.list.slice(0, MAX_REPORTED);
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, MAX_REPORTED);
    throw new AppError(
      422,
      'import_invalid',
      `The file has ${this.list.length} problem(s); nothing was imported`,
      shown,
    );
  }
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A formula start behind any leading apostrophes: such a value's first apostrophe is the one escapeCell adds. */
const formulaBehindApostrophes = (value: string) => FORMULA_START.test(value.replace(/^'+/, ''));

export function unescapeCell(value: string): string {
  return value.startsWith("'") && formulaBehindApostrophes(value.slice(1)) ? value.slice(1) : value;
}

/**
 * A formula start gets an apostrophe (the spreadsheet shows the text); so does a value that already begins with
 * apostrophes before one (`'=`), or the import could not tell it from an escaped formula.
 */
export function escapeCell(value: string): string {
  return formulaBehindApostrophes(value) && (FORMULA_START.test(value) || value.startsWith("'"))
    ? `'${value}`
    : value;
}

/**
 * Parses a file whose header must name exactly `columns` (any order; missing optional columns are allowed).
 * Problems of the file or its header always throw. A row with the wrong number of values throws too, unless
 * `rowProblems` is given: the problem is recorded there and the caller decides (skip-invalid imports).
 */
export function parseCsv(
  text: string,
  columns: readonly string[],
  required: readonly string[],
  rowProblems?: ImportProblems,
): CsvRow[] {
  const problems = new ImportProblems();
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    problems.add(
      line,
      '*',
      `The file is not valid CSV (${(err as { code?: string }).code ?? 'parse error'})`,
    );
    problems.throwIfAny();
    return [];
  }
  const [head, ...body] = records;
  if (!head) {
    problems.add(1, '*', 'The file is empty');
    problems.throwIfAny();
  }
  const header = head!.record.map((h) => h.trim());
  header.forEach((h) => {
    if (!columns.includes(h))
      problems.add(1, h || '(blank)', `Unknown column; the columns are ${columns.join(', ')}`);
  });
  if (new Set(header).size !== header.length) problems.add(1, '*', 'A column is named twice');
  for (const r of required) if (!header.includes(r)) problems.add(1, r, 'This column is required');
  if (body.length > MAX_IMPORT_ROWS) problems.add(1, '*', `At most ${MAX_IMPORT_ROWS} rows per file`);
  problems.throwIfAny();
  const rows = body.map(({ info, record }) => {
    if (record.length !== header.length)
      (rowProblems ?? problems).add(
        info.lines,
        '*',
        `Expected ${header.length} values, found ${record.length}`,
      );
    const values: Record<string, string> = {};
    header.forEach((h, i) => (values[h] = unescapeCell(record[i] ?? '')));
    return { line: info.lines, values };
  });
  problems.throwIfAny();
  return rows;
}

/** Validates one cell with its zod schema; records the problem and returns undefined when it fails. */
export function cell<T extends z.core.$ZodType>(
  problems: ImportProblems,
  row: CsvRow,
  column: string,
  schema: T,
): z.output<T> | undefined {
  const r = z.safeParse(schema, row.values[column] ?? '');
  if (r.success) return r.data;
  problems.add(row.line, column, r.error.issues[0]?.message ?? 'invalid');
  return undefined;
}

export function toCsv(
  columns: readonly string[],
  rows: Record<string, string | number | boolean | null>[],
): string {
  return stringify(
    rows.map((r) => columns.map((c) => escapeCell(r[c] === null || r[c] === undefined ? '' : String(r[c])))),
    { header: true, columns: [...columns], record_delimiter: '\r\n' },
  );
}
