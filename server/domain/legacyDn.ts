// Exchange's legacy distinguished names (X.500 addresses). Graph returns some senders and recipients as
// `/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=<id>-<alias>` instead of an
// SMTP address (internal mail, mail from migrated mailboxes; Graph's own list-messages example shows one). They are
// resolved to SMTP addresses before classification (jobs/legacyDnResolver.ts); this is the pure part. Pure.
import type { MailAddress, MailMessage } from '../mailsource/MailSource.js';

export function isLegacyDn(address: string | null | undefined): address is string {
  return typeof address === 'string' && /^\/o=/i.test(address.trim());
}

/** The form DNs are compared and stored in: trimmed, lower case (Exchange compares them case-insensitively). */
export function legacyDnKey(dn: string): string {
  return dn.trim().toLowerCase();
}

/**
 * The mailbox alias a DN names: its last `CN=` value, without the 32-hex-digit prefix Exchange Online adds
 * (`cn=7a1b…e4-peter.hansen` -> `peter.hansen`). Null when the DN has no CN. A hint to search `mailNickname`
 * by, never an address by itself.
 */
export function aliasOfLegacyDn(dn: string): string | null {
  const parts = dn.trim().split(/\/cn=/i);
  if (parts.length < 2) return null;
  const last = parts[parts.length - 1]!.trim();
  const alias = /^[0-9a-f]{32}-(.+)$/i.exec(last)?.[1] ?? last;
  return alias === '' ? null : alias;
}

/** Every legacy DN among a message's sender, from, To and Cc (by key, each once). */
export function legacyDnsOf(messages: MailMessage[]): string[] {
  const dns = new Map<string, string>();
  for (const m of messages) {
    for (const a of [m.sender, m.from, ...m.toRecipients, ...m.ccRecipients]) {
      if (isLegacyDn(a?.address)) dns.set(legacyDnKey(a.address), a.address.trim());
    }
  }
  return [...dns.values()];
}

/** The message with every resolved DN replaced by its SMTP address (unresolved ones stay, the classifier sees them). */
export function withResolvedDns(message: MailMessage, resolved: ReadonlyMap<string, string>): MailMessage {
  const swap = (a: MailAddress | null): MailAddress | null => {
    if (!a || !isLegacyDn(a.address)) return a;
    const smtp = resolved.get(legacyDnKey(a.address));
    return smtp ? { ...a, address: smtp } : a;
  };
  const swapAll = (list: MailAddress[]) => list.map((a) => swap(a)!);
  return {
    ...message,
    sender: swap(message.sender),
    from: swap(message.from),
    toRecipients: swapAll(message.toRecipients),
    ccRecipients: swapAll(message.ccRecipients),
  };
}
