// Small pure readings of a MailMessage that the classifier and the engine must agree on: the idempotency key,
// the recipient list, the subject and description, and timestamps.
import { normalizeAddress } from '../../shared/email.js';
import type { MailMessage } from '../mailsource/MailSource.js';

/** Business Central's Description limit (and our schema's), in UTF-16 code units as AL counts Text. */
export const DESCRIPTION_MAX_LENGTH = 100;

/**
 * What makes logging idempotent: the internetMessageId when the message has one (the same mail reaching the
 * mailbox twice, or under a new provider id after a move, keeps it), else the provider id. This is Business
 * Central's "already logged" rule. Null when the message has neither (the classifier treats that as poison).
 */
export function messageKeyOf(message: Pick<MailMessage, 'id' | 'internetMessageId'>): string | null {
  const internetId = typeof message.internetMessageId === 'string' ? message.internetMessageId.trim() : '';
  if (internetId !== '') return internetId;
  const id = typeof message.id === 'string' ? message.id.trim() : '';
  return id === '' ? null : id;
}

/** The subject as stored on an entry: the full subject, "" when the message has none (as BC does). */
export function subjectOf(message: Pick<MailMessage, 'subject'>): string {
  return typeof message.subject === 'string' ? message.subject : '';
}

/**
 * The first `max` UTF-16 code units of `text`, one fewer when the cut would split a surrogate pair, so the
 * result is always well-formed (an emoji is kept whole or dropped whole), a prefix of `text`, and fits both
 * BC's 100-character field and our schema's maxlength (which also counts code units).
 */
export function truncateText(text: string, max = DESCRIPTION_MAX_LENGTH): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1; // high surrogate whose pair would be cut off
  return text.slice(0, end);
}

export interface Recipients {
  /** Valid To then Cc addresses, normalised, de-duplicated (first occurrence and order kept). */
  addresses: string[];
  /** Non-empty addresses that are not valid, as given, de-duplicated. Empty ones are dropped silently. */
  invalid: string[];
}

/**
 * The To then Cc addresses, de-duplicated case-insensitively with order kept, as BC does. BCC is never read:
 * the shared mailbox is itself a BCC recipient of every message, and the other BCC recipients are not ours to
 * see. Beyond BC an invalid address is set aside instead of failing the whole message; an entry without any
 * address (as "undisclosed-recipients:;" groups arrive) is not worth reporting.
 */
export function recipientsOf(message: Pick<MailMessage, 'toRecipients' | 'ccRecipients'>): Recipients {
  const addresses: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const list of [message.toRecipients, message.ccRecipients]) {
    if (!Array.isArray(list)) continue;
    for (const recipient of list) {
      const raw: unknown = recipient?.address;
      if (typeof raw !== 'string' || raw.trim() === '') continue;
      const address = normalizeAddress(raw);
      const key = address ?? `invalid:${raw}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (address === null) invalid.push(raw);
      else addresses.push(address);
    }
  }
  return { addresses, invalid };
}

// ISO 8601 date-time as mail providers write it: "2024-05-01T08:30:00Z", "...08:30:00.1234567Z" (Graph sends
// up to 7 fraction digits), "...08:30:00+02:00". Seconds are optional, a zone designator is optional.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Earliest instant accepted. Exchange reports "0001-01-01T00:00:00Z" for a date it does not have. */
const MIN_YEAR = 1970;

/**
 * The instant as ISO 8601 UTC with milliseconds ("2024-05-01T06:30:00.000Z"), or null when the value is
 * missing, malformed, out of range, or a placeholder. An offset is applied, never the server's time zone (BC
 * converts in the job session's zone); a value without a zone designator is read as UTC, which is what the
 * MailSource contract promises.
 */
export function normalizeTimestamp(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const m = ISO_DATE_TIME.exec(raw.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (year < MIN_YEAR || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const offsetMinutes = parseOffset(m[8]);
  if (offsetMinutes === null) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function parseOffset(zone: string | undefined): number | null {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (digits.length !== 2 && digits.length !== 4) return null;
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
