// The audit log: lines are appended and read, never updated or deleted (there is no method for it). Contacts
// appear in it only by their opaque audit id (AuditSubject), which erasing a contact forgets.
import crypto from 'node:crypto';
import { isDuplicateKeyError } from './db.js';
import type { AuditDoc } from './models/audit.js';
import type { Models } from './models/index.js';

export type AuditRecord = AuditDoc;
export type NewAuditRecord = Omit<AuditDoc, '_id'>;

export interface AuditFilter {
  action?: string;
  userId?: string;
  userEmail?: string;
  targetType?: string;
  targetId?: string;
  subject?: string;
  /** at >= from */
  from?: Date;
  /** at < before */
  before?: Date;
}

export interface AuditPosition {
  at: Date;
  id: string;
}

/** Audit ids held per process; past this many, the map starts again (a busy deployment's admins read a few). */
const SUBJECTS_HELD = 20_000;

export class AuditRepository {
  /**
   * Audit ids by contact number, as read or made by this process: every line about a contact needs its id, and an
   * admin's every read of others' mail writes one (a lookup would wait for that read). An id never changes while
   * its contact exists (contact numbers are never reused). Erasing forgets it here at once; another process's
   * copy can then only name a contact that is gone, in a line nothing ties to it any more, as the older ones.
   */
  private readonly subjects = new Map<string, string>();

  constructor(private readonly models: Models) {}

  async append(line: NewAuditRecord): Promise<AuditRecord> {
    const doc = { _id: crypto.randomUUID(), ...line };
    await this.models.Audit.create(doc);
    return doc;
  }

  /**
   * Lines matching every given filter, newest first, after a keyset position. The first equality filter picks
   * its index (each is followed by at and _id); the others are checked on what it finds.
   */
  async list(f: AuditFilter, limit: number, after?: AuditPosition): Promise<AuditRecord[]> {
    const filter: Record<string, unknown> = {};
    for (const key of ['action', 'userId', 'userEmail', 'targetType', 'targetId', 'subject'] as const) {
      if (f[key] !== undefined) filter[key] = f[key];
    }
    const and: Record<string, unknown>[] = [];
    const range: Record<string, Date> = {};
    if (f.from) range.$gte = f.from;
    if (f.before) range.$lt = f.before;
    if (Object.keys(range).length > 0) and.push({ at: range });
    if (after) and.push({ $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }] });
    if (and.length > 0) filter.$and = and;
    return this.models.Audit.find(filter).sort({ at: -1, _id: -1 }).limit(limit).lean<AuditRecord[]>();
  }

  /** Every line about one contact (by its audit id), oldest first: a contact's export. */
  async aboutSubject(subject: string): Promise<AuditRecord[]> {
    return this.models.Audit.find({ subject }).sort({ at: 1, _id: 1 }).lean<AuditRecord[]>();
  }

  /** The contact's audit id, made on first use. Two first uses race on the unique number; both get one id. */
  async subjectOf(contactNumber: string, now: Date): Promise<string> {
    const held = this.subjects.get(contactNumber);
    if (held) return held;
    const id = await this.findOrMakeSubject(contactNumber, now);
    if (this.subjects.size >= SUBJECTS_HELD) this.subjects.clear();
    this.subjects.set(contactNumber, id);
    return id;
  }

  private async findOrMakeSubject(contactNumber: string, now: Date): Promise<string> {
    const found = await this.findSubject(contactNumber);
    if (found) return found;
    const id = crypto.randomUUID();
    try {
      await this.models.AuditSubject.create({ _id: id, contactNumber, createdAt: now });
      return id;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const winner = await this.findSubject(contactNumber);
      if (!winner) throw err;
      return winner;
    }
  }

  async findSubject(contactNumber: string): Promise<string | null> {
    const doc = await this.models.AuditSubject.findOne({ contactNumber }, { _id: 1 }).lean();
    return doc?._id ?? null;
  }

  /** Contact numbers of audit ids, where the contact still has one (one equality each: no `$in` on FerretDB). */
  async numbersOf(subjects: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(subjects)];
    const docs = await Promise.all(unique.map((_id) => this.models.AuditSubject.findOne({ _id }).lean()));
    return new Map(docs.filter((d) => d !== null).map((d) => [d._id, d.contactNumber]));
  }

  /** Erasure: the contact's lines stay, but nothing links its audit id to its number any more. */
  async forgetSubject(contactNumber: string): Promise<void> {
    this.subjects.delete(contactNumber);
    await this.models.AuditSubject.deleteOne({ contactNumber });
    this.subjects.delete(contactNumber); // and what a read during the delete put back
  }
}
