// Who on a mail item the CRM should know about: everyone except the user and the organisation's own domains.
import { domainOf, normalizeAddress } from '../../../shared/email.js';
import type { MailItem, MailParty } from '../../office/types.js';

export interface ParticipantFilter {
  /** The signed-in user's own address (Outlook profile and/or /me). */
  userAddresses: string[];
  /** Lower-case internal domains; their subdomains count as internal too. */
  internalDomains: string[];
}

export interface Participant {
  /** Normalised (lower-case, bare) address. */
  address: string;
  name: string;
}

function isInternal(domain: string, internalDomains: string[]): boolean {
  return internalDomains.some((d) => {
    const internal = d.trim().toLowerCase();
    return internal !== '' && (domain === internal || domain.endsWith(`.${internal}`));
  });
}

/** Every party of the item in header order (from, sender, to, cc). */
export function partiesOf(item: MailItem): MailParty[] {
  if (item.kind === 'compose') return [...item.to, ...item.cc];
  return [item.from, item.sender, ...item.to, ...item.cc].filter((p): p is MailParty => p !== null);
}

/**
 * External participants, each once (first name seen wins), in header order. Addresses that are not SMTP
 * addresses (Exchange X.500, empty) are left out: the CRM cannot match them.
 */
export function externalParticipants(item: MailItem, filter: ParticipantFilter): Participant[] {
  const own = new Set(
    filter.userAddresses.map((a) => normalizeAddress(a)).filter((a): a is string => a !== null),
  );
  const seen = new Map<string, Participant>();
  for (const party of partiesOf(item)) {
    const address = normalizeAddress(party.address);
    if (address === null || own.has(address) || seen.has(address)) continue;
    const domain = domainOf(address);
    if (domain === null || isInternal(domain, filter.internalDomains)) continue;
    seen.set(address, { address, name: party.name.trim() });
  }
  return [...seen.values()];
}
