// CSV import and export of salespeople and contacts (admin console). Every row is checked first (values,
// duplicates in the file, references to salespeople and companies) and each problem is reported by line and
// column. By default imports are all or nothing (nothing written when there is a problem); in `skip` mode the
// valid rows are written and the invalid ones reported. Rows naming an existing code/number update it, or leave
// it unchanged when the row equals it as stored; a dry run (the console's preview) reports that and writes
// nothing (importOutcome.ts). The contacts import is in contactImport.ts.
import type { ContactRepository } from '../repositories/contacts.js';
import type { Contact, Salesperson } from '../repositories/masterData.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import { importContacts } from './contactImport.js';
import {
  address,
  code,
  CONTACT_COLUMNS,
  entraId,
  flag,
  required,
  SALESPERSON_COLUMNS,
} from './transferRows.js';
import { cell, ImportProblems, parseCsv, toCsv, type CsvRow } from './csv.js';
import type { ContactService } from './contacts.js';
import {
  outcomeOver,
  refuseIfAllOrNothing,
  reportOf,
  type ImportOptions,
  type ImportReport,
} from './importOutcome.js';

export type { ImportMode, ImportOptions, ImportReport } from './importOutcome.js';

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

  async importSalespeople(csv: string, options: ImportOptions = {}): Promise<ImportReport> {
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
    refuseIfAllOrNothing(options, problems);
    const good = parsed.filter((sp) => !problems.lines.has(sp.line));
    const existing = await this.d.salespeople.byCodes(good.map((s) => s.code));
    const planned = good.map(({ line: _line, ...sp }) => {
      const { code, ...changes } = sp;
      return { sp, changes, outcome: outcomeOver(existing.get(code), changes) };
    });
    if (!options.dryRun) {
      for (const { sp, changes, outcome } of planned) {
        if (outcome === 'update') await this.d.salespeople.update(sp.code, changes);
        else if (outcome === 'create') await this.d.salespeople.create(sp);
      }
    }
    return reportOf(
      options,
      problems,
      planned.map((p) => p.outcome),
    );
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

  async importContacts(csv: string, options: ImportOptions = {}): Promise<ImportReport> {
    return importContacts(this.d, csv, options);
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
    const bound = rows.filter((sp) => sp.entraTenantId && sp.entraObjectId);
    const holding = await this.d.salespeople.byEntraObjects(
      bound.map((sp) => ({ tenantId: sp.entraTenantId!, objectId: sp.entraObjectId! })),
    );
    for (const sp of bound) {
      const key = `${sp.entraTenantId}:${sp.entraObjectId}`;
      const first = seen.get(key);
      if (first) problems.add(sp.line, 'entraObjectId', `Also on line ${first.line}`);
      else seen.set(key, { line: sp.line, code: sp.code });
      const holders = holding.filter((h) => `${h.entraTenantId}:${h.entraObjectId}` === key);
      const other = holders.find(
        (h) => h.code !== sp.code && !rows.some((r) => r.code === h.code && r.entraObjectId === null),
      );
      if (other) problems.add(sp.line, 'entraObjectId', `Already salesperson ${other.code}`);
    }
  }
}
