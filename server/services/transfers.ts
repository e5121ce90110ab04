// CSV import and export of salespeople and contacts (admin console). Every row is checked first (values,
// duplicates in the file, references to salespeople and companies) and each problem is reported by line and
// column. By default imports are all or nothing (nothing written when there is a problem); in `skip` mode the
// valid rows are written and the invalid ones reported. Rows naming an existing code/number update it.
import { z } from 'zod';
import type { ContactRepository } from '../repositories/contacts.js';
import type { Contact, Salesperson } from '../repositories/masterData.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import {
  address,
  addresses,
  code,
  CONTACT_COLUMNS,
  entraId,
  flag,
  optionalCode,
  required,
  SALESPERSON_COLUMNS,
  text,
  type ContactRow,
} from './transferRows.js';
import { cell, ImportProblems, parseCsv, toCsv, type CsvRow, type FieldProblem } from './csv.js';
import type { ContactService } from './contacts.js';

/** reject: all or nothing (422 on any problem); skip: import the valid rows, report the others. */
export type ImportMode = 'reject' | 'skip';

export interface ImportReport {
  created: number;
  updated: number;
  skipped?: number;
  problems?: FieldProblem[];
}

function reportOf(
  mode: ImportMode,
  problems: ImportProblems,
  created: number,
  updated: number,
): ImportReport {
  if (mode === 'reject') return { created, updated };
  return { created, updated, skipped: problems.lines.size, problems: problems.reported() };
}

/**
 * A person whose company is only in the file must not be imported when the company's row is skipped: it would
 * point at a contact that does not exist. Repeats until stable (a skipped person skips nobody, but a skipped
 * company that is itself a "person's company" chain could).
 */
function skipPeopleOfSkippedCompanies(
  rows: { row: CsvRow; values: Partial<ContactRow> }[],
  existing: Map<string, Contact>,
  problems: ImportProblems,
): void {
  for (let changed = true; changed;) {
    changed = false;
    const provided = new Set(
      rows.filter((r) => !problems.lines.has(r.row.line) && r.values.number).map((r) => r.values.number!),
    );
    for (const { row, values } of rows) {
      const ref = values.companyNumber;
      if (problems.lines.has(row.line) || !ref || ref === values.number) continue;
      if (existing.has(ref) || provided.has(ref)) continue;
      problems.add(row.line, 'companyNumber', "The company's row was not imported");
      changed = true;
    }
  }
}

export class TransferService {
  constructor(
    private readonly d: {
      salespeople: SalespersonRepository;
      contacts: ContactRepository;
      contactService: ContactService;
    },
  ) {}

  async exportSalespeople(): Promise<string> {
    const all = await this.d.salespeople.list();
    return toCsv(
      SALESPERSON_COLUMNS,
      all.map((sp) => ({
        code: sp.code,
        name: sp.name,
        email: sp.email,
        active: sp.active,
        entraTenantId: sp.entraTenantId ?? null,
        entraObjectId: sp.entraObjectId ?? null,
      })),
    );
  }

  async importSalespeople(csv: string, onError: ImportMode = 'reject'): Promise<ImportReport> {
    const problems = new ImportProblems();
    const rows = parseCsv(csv, SALESPERSON_COLUMNS, ['code', 'name'], problems);
    const seen = new Map<string, number>();
    const parsed: (Salesperson & { line: number })[] = [];
    for (const row of rows) {
      const sp = {
        code: cell(problems, row, 'code', code),
        name: cell(problems, row, 'name', required(100)),
        email: cell(problems, row, 'email', address),
        active: cell(problems, row, 'active', flag(true)),
        ...this.bindingOf(problems, row),
      };
      if (sp.code !== undefined) {
        const first = seen.get(sp.code);
        if (first !== undefined) problems.add(row.line, 'code', `Also on line ${first}`);
        seen.set(sp.code, row.line);
      }
      if (Object.values(sp).every((v) => v !== undefined))
        parsed.push({ ...(sp as Salesperson), line: row.line });
    }
    await this.bindingsTaken(parsed, problems);
    if (onError === 'reject') problems.throwIfAny();
    const good = parsed.filter((sp) => !problems.lines.has(sp.line));
    const existing = await this.d.salespeople.byCodes(good.map((s) => s.code));
    let created = 0;
    for (const { line: _line, ...sp } of good) {
      if (existing.has(sp.code)) {
        const { code, ...changes } = sp;
        await this.d.salespeople.update(code, changes);
      } else if (await this.d.salespeople.create(sp)) created++;
    }
    return reportOf(onError, problems, created, good.length - created);
  }

  async exportContacts(): Promise<string> {
    const all: Contact[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.d.contacts.page(1000, after);
      all.push(...page);
      if (page.length < 1000) break;
      after = page[page.length - 1]!.number;
    }
    return toCsv(
      CONTACT_COLUMNS,
      all.map((c) => ({ ...c, alternateEmails: c.alternateEmails.join(';') })),
    );
  }

  async importContacts(csv: string, onError: ImportMode = 'reject'): Promise<ImportReport> {
    const problems = new ImportProblems();
    const rows = parseCsv(csv, CONTACT_COLUMNS, ['kind', 'name'], problems);
    const all = rows.map((row) => ({ row, ...this.contactOf(problems, row) }));
    const seen = new Map<string, number>();
    for (const { row, values } of all) {
      if (!values.number) continue;
      const first = seen.get(values.number);
      if (first !== undefined) problems.add(row.line, 'number', `Also on line ${first}`);
      seen.set(values.number, row.line);
    }
    const refs = all
      .flatMap((p) => [p.values.number, p.values.companyNumber])
      .filter((n): n is string => !!n);
    const [existing, salespeople] = await Promise.all([
      this.d.contacts.byNumbers(refs),
      this.d.salespeople.byCodes(all.map((p) => p.values.salespersonCode).filter((c): c is string => !!c)),
    ]);
    for (const { row, values } of all) {
      if (values.salespersonCode && !salespeople.has(values.salespersonCode)) {
        problems.add(row.line, 'salespersonCode', 'No salesperson has this code');
      }
      const ref = values.companyNumber;
      if (ref && ref !== values.number && !existing.has(ref) && !seen.has(ref)) {
        problems.add(row.line, 'companyNumber', 'No contact has this number (in the database or the file)');
      }
    }
    if (onError === 'reject') problems.throwIfAny();
    else skipPeopleOfSkippedCompanies(all, existing, problems);
    const parsed = all.filter((p) => !problems.lines.has(p.row.line));
    const companyNames = new Map([...existing.values()].map((c) => [c.number, c.name]));
    for (const { values } of parsed)
      if (values.number && values.name) companyNames.set(values.number, values.name);
    let created = 0;
    let updated = 0;
    for (const { values } of parsed) {
      const c = values as ContactRow; // every cell passed (throwIfAny above)
      const full: Contact = {
        ...c,
        number: c.number ?? '',
        alternateEmails: c.alternateEmails.filter((a) => a !== c.email),
      };
      if (c.kind === 'company') full.companyName = c.name;
      else if (c.companyNumber && !c.companyName)
        full.companyName = companyNames.get(c.companyNumber) ?? null;
      if (c.number && existing.has(c.number)) {
        const { number, ...changes } = full;
        await this.d.contacts.update(number, changes);
        updated++;
      } else if (c.number && (await this.d.contacts.create(full))) created++;
      else {
        await this.d.contactService.insertWithNextNumber((number) => ({
          ...full,
          number,
          companyNumber: full.kind === 'company' ? number : full.companyNumber,
        }));
        created++;
      }
    }
    return reportOf(onError, problems, created, updated);
  }

  /**
   * The binding columns, when the file has them (a file without them leaves bindings alone): both ids or
   * neither (blank unbinds); no Entra ID user twice in the file. Bindings held by salespeople outside the file
   * are the admin's to clear first (checked row by row in `bindingsTaken`).
   */
  private bindingOf(
    problems: ImportProblems,
    row: CsvRow,
  ): { entraTenantId?: string | null; entraObjectId?: string | null } {
    if (!('entraObjectId' in row.values) && !('entraTenantId' in row.values)) return {};
    const tenant = cell(problems, row, 'entraTenantId', entraId);
    const object = cell(problems, row, 'entraObjectId', entraId);
    if (tenant === undefined || object === undefined) return { entraTenantId: undefined };
    if ((tenant === null) !== (object === null)) {
      problems.add(
        row.line,
        tenant === null ? 'entraTenantId' : 'entraObjectId',
        'Give both Entra ids or neither',
      );
      return { entraTenantId: undefined };
    }
    return { entraTenantId: tenant, entraObjectId: object };
  }

  /** One Entra ID user is one salesperson: not twice in the file, not already another's outside it. */
  private async bindingsTaken(rows: (Salesperson & { line: number })[], problems: ImportProblems) {
    const seen = new Map<string, { line: number; code: string }>();
    for (const sp of rows) {
      if (!sp.entraTenantId || !sp.entraObjectId) continue;
      const key = `${sp.entraTenantId}:${sp.entraObjectId}`;
      const first = seen.get(key);
      if (first) problems.add(sp.line, 'entraObjectId', `Also on line ${first.line}`);
      else seen.set(key, { line: sp.line, code: sp.code });
      const holders = await this.d.salespeople.byEntraObject(sp.entraTenantId, sp.entraObjectId);
      const other = holders.find(
        (h) => h.code !== sp.code && !rows.some((r) => r.code === h.code && r.entraObjectId === null),
      );
      if (other) problems.add(sp.line, 'entraObjectId', `Already salesperson ${other.code}`);
    }
  }

  /** Each cell checked on its own, so one row reports all its problems; `values` holds the cells that passed. */
  private contactOf(problems: ImportProblems, row: CsvRow): { values: Partial<ContactRow> } {
    const v: Partial<ContactRow> = {
      number: cell(problems, row, 'number', z.union([z.literal('').transform(() => null), code])),
      kind: cell(problems, row, 'kind', z.enum(['person', 'company'], 'Write person or company')),
      name: cell(problems, row, 'name', required(100)),
      companyNumber: cell(
        problems,
        row,
        'companyNumber',
        z.union([z.literal('').transform(() => null), code]),
      ),
      companyName: cell(problems, row, 'companyName', text(100)),
      email: cell(problems, row, 'email', address),
      alternateEmails: cell(problems, row, 'alternateEmails', addresses),
      phone: cell(problems, row, 'phone', text(30)),
      salespersonCode: cell(problems, row, 'salespersonCode', optionalCode),
      privacyBlocked: cell(problems, row, 'privacyBlocked', flag(false)),
    };
    if (v.kind === 'company' && v.number) v.companyNumber = v.number;
    return { values: v };
  }
}
