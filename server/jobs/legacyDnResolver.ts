// Turns the Exchange X.500 addresses of a page's messages into SMTP addresses before classification: first the
// X.500 addresses admins recorded on salespeople, then the database cache, then the directory through Graph
// (MailSource.resolveLegacyDn, needs User.Read.All), each answer kept in the cache for a while. What stays
// unresolved reaches the classifier as is and is quarantined as unresolved_x500 (domain/classifier.ts).
import { legacyDnKey, legacyDnsOf, withResolvedDns } from '../domain/legacyDn.js';
import type { MailMessage } from '../mailsource/MailSource.js';
import { MailSourceError } from '../mailsource/MailSource.js';
import type { Salesperson } from '../repositories/masterData.js';
import { step, type RunContext } from './runContext.js';

/** How long a directory answer is trusted: found addresses change rarely, "unknown" may be fixed any time. */
export const FOUND_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const UNKNOWN_TTL_MS = 60 * 60 * 1000;

/** DN key -> address, from the salespeople's recorded X.500 addresses (active or not: it is who sent it). */
export function x500DirectoryOf(salespeople: Salesperson[]): Map<string, string> {
  const byDn = new Map<string, string>();
  for (const sp of salespeople) {
    if (!sp.email) continue;
    for (const dn of sp.x500Addresses ?? []) byDn.set(legacyDnKey(dn), sp.email);
  }
  return byDn;
}

export async function resolveLegacyAddresses(
  ctx: RunContext,
  messages: MailMessage[],
): Promise<MailMessage[]> {
  const dns = legacyDnsOf(messages);
  if (dns.length === 0) return messages;
  const resolved = new Map<string, string>();
  for (const dn of dns) {
    const address = await resolveOne(ctx, dn);
    if (address) resolved.set(legacyDnKey(dn), address);
  }
  return messages.map((m) => withResolvedDns(m, resolved));
}

async function resolveOne(ctx: RunContext, dn: string): Promise<string | null> {
  const key = legacyDnKey(dn);
  const recorded = ctx.x500Directory.get(key);
  if (recorded) return recorded;
  if (ctx.dnAnswers.has(key)) return ctx.dnAnswers.get(key)!;
  if (ctx.x500LookupDenied) return null;
  const now = ctx.now();
  const cached = await step('get_messages', () => ctx.legacyDns.get(dn, now));
  if (cached !== undefined) {
    ctx.dnAnswers.set(key, cached);
    return cached;
  }
  let address: string | null;
  try {
    address = await ctx.source.resolveLegacyDn(dn);
  } catch (err) {
    // Without the directory permission the answer is "unknown" for this run (said once), not cached.
    if (err instanceof MailSourceError && (err.code === 'access_denied' || err.code === 'invalid_request')) {
      ctx.x500LookupDenied = true; // later addresses of this run are not asked for again
      ctx.recorder.error(
        'get_messages',
        'x500_lookup_denied',
        `Exchange X.500 addresses cannot be looked up in the directory: Graph refused GET /users ` +
          `(${err.providerCode ?? err.code}). Grant the app User.Read.All, or record the addresses on the ` +
          'salespeople; until then such mail is quarantined.',
      );
      ctx.dnAnswers.set(key, null);
      return null;
    }
    throw err; // unavailable now: the page waits for the next run
  }
  ctx.dnAnswers.set(key, address);
  await step('get_messages', () =>
    ctx.legacyDns.put(dn, address, now, address ? FOUND_TTL_MS : UNKNOWN_TTL_MS),
  );
  return address;
}
