// The contacts CSV import (TransferService.importContacts). Every row is checked first (values, duplicates in
// the file, references to salespeople and companies), then planned: created, updated or unchanged (the row as
// it would be stored equals the stored contact). A person naming a company (companyName, no companyNumber) is
// linked to the company contact of that name (any case, trimmed): one in the file with a number, else an
// existing one. A dry run reports the plan; an import carries it out.
import { z } from 'zod';
import type { ContactRepository } from '../repositories/contacts.js';
import type { Contact } from '../repositories/masterData.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import { cell, ImportProblems, parseCsv, type CsvRow } from './csv.js';
import type { ContactService } from './contacts.js';
import {
  leavesInvalidRowsOut,
  outcomeOver,
  refuseIfAllOrNothing,
  reportOf,
  type ImportOptions,
  type ImportReport,
  type Outcome,
} from './importOutcome.js';
import {
  address,
  addresses,
  code,
  CONTACT_COLUMNS,
  flag,
  optionalCode,
  required,
  text,
  type ContactRow,
} from './transferRows.js';

export interface ContactImportDeps {
  salespeople: SalespersonRepository;
  contacts: ContactRepository;
  contactService: ContactService;
}

interface Parsed {
  row: CsvRow;
  values: Partial<ContactRow>;
}

/** A valid row as it will be stored; `numbered`: the file gave its number (else the number series does). */
interface Planned {
  outcome: Outcome;
  contact: Contact;
  numbered: boolean;
}

/** Company names compare trimmed and in any case. */
const nameKey = (name: string) => name.trim().toLowerCase();

/** How many company-name look-ups run at once. */
const NAME_LOOKUPS_AT_ONCE = 20;

export async function importContacts(
  d: ContactImportDeps,
  csv: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const problems = new ImportProblems();
  const planned = await plan(d, csv, options, problems);
  if (!options.dryRun) {
    for (const p of planned) await write(d, p);
  }
  return reportOf(
    options,
    problems,
    planned.map((p) => p.outcome),
  );
}

async function write(d: ContactImportDeps, { outcome, contact, numbered }: Planned): Promise<void> {
  if (outcome === 'unchanged') return;
  if (outcome === 'update') {
    const { number, ...changes } = contact;
    await d.contacts.update(number, changes);
    return;
  }
  if (numbered && (await d.contacts.create(contact))) return;
  await d.contactService.insertWithNextNumber((number) => ({
    ...contact,
    number,
    companyNumber: contact.kind === 'company' ? number : contact.companyNumber,
  }));
}

async function plan(
  d: ContactImportDeps,
  csv: string,
  options: ImportOptions,
  problems: ImportProblems,
): Promise<Planned[]> {
  const rows = parseCsv(csv, CONTACT_COLUMNS, ['kind', 'name'], problems);
  const all: Parsed[] = rows.map((row) => ({ row, values: contactOf(problems, row) }));
  const seen = new Map<string, number>();
  for (const { row, values } of all) {
    if (!values.number) continue;
    const first = seen.get(values.number);
    if (first !== undefined) problems.add(row.line, 'number', `Also on line ${first}`);
    seen.set(values.number, row.line);
  }
  const refs = all.flatMap((p) => [p.values.number, p.values.companyNumber]).filter((n): n is string => !!n);
  const [existing, salespeople] = await Promise.all([
    d.contacts.byNumbers(refs),
    d.salespeople.byCodes(all.map((p) => p.values.salespersonCode).filter((c): c is string => !!c)),
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
  refuseIfAllOrNothing(options, problems);
  if (leavesInvalidRowsOut(options)) skipPeopleOfSkippedCompanies(all, existing, problems);
  const valid = all.filter((p) => !problems.lines.has(p.row.line)).map((p) => p.values as ContactRow);
  const companyNames = new Map([...existing.values()].map((c) => [c.number, c.name]));
  for (const c of valid) if (c.number) companyNames.set(c.number, c.name);
  const companies = await companiesByName(d, valid);
  return valid.map((c) => {
    const contact: Contact = {
      ...c,
      number: c.number ?? '',
      alternateEmails: c.alternateEmails.filter((a) => a !== c.email),
    };
    const company = c.kind === 'person' && !c.companyNumber && c.companyName;
    const linked = company ? companies.get(nameKey(company)) : undefined;
    if (c.kind === 'company') contact.companyName = c.name;
    else if (linked) Object.assign(contact, { companyNumber: linked.number, companyName: linked.name });
    else if (c.companyNumber && !c.companyName)
      contact.companyName = companyNames.get(c.companyNumber) ?? null;
    const outcome = c.number ? outcomeOver(existing.get(c.number), contact) : 'create';
    return { outcome, contact, numbered: !!c.number };
  });
}

/**
 * The companies the people of the file name without a number, by name key: a company row of the file with a
 * number first (it is what will be stored), else the existing company of that name with the lowest number
 * (one the file also lists is matched by its row, which may rename it).
 */
async function companiesByName(
  d: ContactImportDeps,
  valid: ContactRow[],
): Promise<Map<string, { number: string; name: string }>> {
  const found = new Map<string, { number: string; name: string }>();
  const inFile = new Set(valid.map((c) => c.number).filter((n): n is string => !!n));
  for (const c of valid) {
    if (c.kind === 'company' && c.number && !found.has(nameKey(c.name)))
      found.set(nameKey(c.name), { number: c.number, name: c.name });
  }
  const wanted = [
    ...new Set(
      valid
        .filter((c) => c.kind === 'person' && !c.companyNumber && c.companyName)
        .map((c) => nameKey(c.companyName!))
        .filter((key) => key && !found.has(key)),
    ),
  ];
  for (let i = 0; i < wanted.length; i += NAME_LOOKUPS_AT_ONCE) {
    const batch = wanted.slice(i, i + NAME_LOOKUPS_AT_ONCE);
    const matches = await Promise.all(batch.map((key) => d.contacts.companiesNamed(key)));
    batch.forEach((key, j) => {
      const company = matches[j]!.find((c) => !inFile.has(c.number));
      if (company) found.set(key, { number: company.number, name: company.name });
    });
  }
  return found;
}

/**
 * A person whose company is only in the file must not be imported when the company's row is skipped: it would
 * point at a contact that does not exist. Repeats until stable (a skipped person skips nobody, but a skipped
 * company that is itself a "person's company" chain could).
 */
function skipPeopleOfSkippedCompanies(
  rows: Parsed[],
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

/** Each cell checked on its own, so one row reports all its problems; the result holds the cells that passed. */
function contactOf(problems: ImportProblems, row: CsvRow): Partial<ContactRow> {
  const number = z.union([z.literal('').transform(() => null), code]);
  const v: Partial<ContactRow> = {
    number: cell(problems, row, 'number', number),
    kind: cell(problems, row, 'kind', z.enum(['person', 'company'], 'Write person or company')),
    name: cell(problems, row, 'name', required(100)),
    companyNumber: cell(problems, row, 'companyNumber', number),
    companyName: cell(problems, row, 'companyName', text(100)),
    email: cell(problems, row, 'email', address),
    alternateEmails: cell(problems, row, 'alternateEmails', addresses),
    phone: cell(problems, row, 'phone', text(30)),
    salespersonCode: cell(problems, row, 'salespersonCode', optionalCode),
    privacyBlocked: cell(problems, row, 'privacyBlocked', flag(false)),
  };
  if (v.kind === 'company' && v.number) v.companyNumber = v.number;
  return v;
}
