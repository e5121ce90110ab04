// Recording and reading the audit log. Every line goes through `record`, which checks the detail against its
// action's closed schema (shared/api/audit.ts) and names contacts only by their opaque audit id, so no caller
// can put mail content, secrets or a contact's identity into the log. Routes are recorded by mount.ts from
// their declared audit (routes/audit/table.ts); `contentRead` hears the visibility model's admin content reads.
import type { AdminContentRead } from './visibility.js';

export type { AdminContentRead };
import type { Request } from 'express';
import {
  AuditDetails,
  type AuditAction,
  type AuditDetail,
  type AuditLine,
  type AuditListQuery,
  type AuditPage,
  type AuditTargetType,
} from '../../shared/api/audit.js';
import { normalizeAddress } from '../../shared/email.js';
import type { Caller } from '../http/auth/identity.js';
import type { AuditFilter, AuditPosition, AuditRecord, AuditRepository } from '../repositories/audit.js';
import type { InteractionRepository } from '../repositories/interactions.js';
import type { OpportunityRepository } from '../repositories/opportunities.js';
import { decodeCursor, pageOf } from './cursor.js';
import { z } from 'zod';

/** What a line is about. Contacts, entries and opportunities also tie the line to the contact they concern. */
export type AuditTarget =
  | { type: 'contact'; number: string }
  /** A contact that no longer exists, by the audit id it had (its erasure). */
  | { type: 'contact'; subject: string }
  | { type: 'entry'; entryNumber: number }
  | { type: 'opportunity'; number: string }
  | { type: Exclude<AuditTargetType, 'contact' | 'entry' | 'opportunity'>; id: string };

export type AuditNote = {
  [A in AuditAction]: { action: A; target: AuditTarget; detail: AuditDetail<A> };
}[AuditAction];

/** Who acted: a caller, or the system (background jobs). */
export type AuditActor = Pick<Caller, 'userId' | 'displayName' | 'email' | 'roles'>;
export const SYSTEM_ACTOR: AuditActor = { userId: 'system', displayName: 'Interlog', email: null, roles: [] };

/** The client's address as Express sees it (app.ts trusts a proxy on loopback only). */
export const clientOf = (req: Request): string | null => req.ip ?? req.socket.remoteAddress ?? null;

export interface AuditDeps {
  audit: AuditRepository;
  interactions: InteractionRepository;
  opportunities: OpportunityRepository;
  now: () => Date;
}

const PositionSchema = z.strictObject({ at: z.iso.datetime(), id: z.string().max(100) });
const DAY_MS = 86_400_000;

export class AuditService {
  constructor(private readonly d: AuditDeps) {}

  async record(actor: AuditActor, client: string | null, note: AuditNote): Promise<void> {
    // A detail outside its closed schema is a bug in the caller: refuse it rather than store it.
    const detail = AuditDetails[note.action].parse(note.detail) as Record<string, unknown>;
    const { targetType, targetId, subject } = await this.resolve(note.target);
    await this.d.audit.append({
      at: this.d.now(),
      userId: actor.userId,
      userName: actor.displayName,
      userEmail: actor.email,
      roles: [...actor.roles],
      client,
      action: note.action,
      targetType,
      targetId,
      subject,
      detail,
    });
  }

  /**
   * The visibility model's report of an admin shown mail content (subjects, links) of other salespeople's
   * entries (VisibilityService.onAdminContentRead): one line per contact, naming the entries, never what they
   * said. The read has no request at hand, so no client address.
   */
  async contentRead(read: AdminContentRead): Promise<void> {
    const actor: AuditActor = { userId: read.userId, displayName: '', email: read.email, roles: ['admin'] };
    const byContact = new Map<string, number[]>();
    for (const e of read.entries) {
      byContact.set(e.contactNumber, [...(byContact.get(e.contactNumber) ?? []), e.entryNumber]);
    }
    const codes = read.salespersonCodes.filter((c) => c !== '');
    await Promise.all(
      [...byContact].map(([contactNumber, entryNumbers]) =>
        this.record(actor, null, {
          action: 'content.read',
          target: { type: 'contact', number: contactNumber },
          detail: { via: read.via, salespersonCodes: codes, entryNumbers },
        }),
      ),
    );
  }

  async list(q: AuditListQuery): Promise<AuditPage> {
    const limit = q.limit ? Number(q.limit) : 50;
    const filter: AuditFilter = {};
    if (q.action) filter.action = q.action;
    if (q.user) {
      const email = normalizeAddress(q.user);
      if (email) filter.userEmail = email;
      else filter.userId = q.user;
    }
    if (q.targetType) filter.targetType = q.targetType;
    if (q.targetId !== undefined) {
      // A contact is found by its number (while it exists) or by its audit id (also after its erasure).
      if (q.targetType === 'contact' || q.targetType === undefined) {
        filter.subject = (await this.d.audit.findSubject(q.targetId)) ?? q.targetId;
        delete filter.targetType;
      } else filter.targetId = q.targetId;
    }
    if (q.from) filter.from = new Date(`${q.from}T00:00:00Z`);
    if (q.to) filter.before = new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS);
    const at = decodeCursor(PositionSchema, q.cursor);
    const after: AuditPosition | undefined = at ? { at: new Date(at.at), id: at.id } : undefined;
    const rows = await this.d.audit.list(filter, limit + 1, after);
    const page = pageOf(rows, limit, (r) => ({ at: r.at.toISOString(), id: r._id }));
    return { items: await this.present(page.items), nextCursor: page.next };
  }

  /** Every line about a contact (its export), while the contact still has an audit id. */
  async aboutContact(contactNumber: string): Promise<AuditLine[]> {
    const subject = await this.d.audit.findSubject(contactNumber);
    return subject ? this.present(await this.d.audit.aboutSubject(subject)) : [];
  }

  /** The contact's audit id (made now if it had none): what its erasure is recorded under. */
  subjectOf(contactNumber: string): Promise<string> {
    return this.d.audit.subjectOf(contactNumber, this.d.now());
  }

  forgetContact(contactNumber: string): Promise<void> {
    return this.d.audit.forgetSubject(contactNumber);
  }

  private async present(rows: AuditRecord[]): Promise<AuditLine[]> {
    const numbers = await this.d.audit.numbersOf(rows.map((r) => r.subject).filter((s) => s !== null));
    return rows.map((r) => ({
      id: r._id,
      at: r.at.toISOString(),
      userId: r.userId,
      userName: r.userName,
      userEmail: r.userEmail,
      roles: r.roles,
      client: r.client,
      action: r.action as AuditAction,
      targetType: r.targetType as AuditTargetType,
      targetId: r.targetId,
      contactNumber: r.subject ? (numbers.get(r.subject) ?? null) : null,
      subject: r.subject,
      detail: r.detail,
    }));
  }

  private async resolve(
    t: AuditTarget,
  ): Promise<{ targetType: AuditTargetType; targetId: string; subject: string | null }> {
    const now = this.d.now();
    if (t.type === 'contact') {
      const subject = 'subject' in t ? t.subject : await this.d.audit.subjectOf(t.number, now);
      return { targetType: 'contact', targetId: subject, subject };
    }
    if (t.type === 'entry') {
      const entry = await this.d.interactions.byEntryNumber(t.entryNumber);
      const subject = entry ? await this.d.audit.subjectOf(entry.contactNumber, now) : null;
      return { targetType: 'entry', targetId: String(t.entryNumber), subject };
    }
    if (t.type === 'opportunity') {
      const o = await this.d.opportunities.byNumber(t.number);
      const subject = o ? await this.d.audit.subjectOf(o.contactNumber, now) : null;
      return { targetType: 'opportunity', targetId: t.number, subject };
    }
    return { targetType: t.type, targetId: t.id, subject: null };
  }
}
