// The lookup the pane sends for an item: its external participants (at most LOOKUP_MAX_ADDRESSES) and, in read
// mode, the message id; `key` names the request (the same key, the same answer). One place for the pane's hook
// and the first lookup main.ts sends before the pane has rendered (state/firstLookup.ts).
import type { LookupRequest } from '../../../shared/api/lookup.js';
import { LOOKUP_MAX_ADDRESSES } from '../../../shared/api/limits.js';
import type { MailItem } from '../../office/types.js';
import type { Participant, ParticipantFilter } from './participants.js';
import { externalParticipants } from './participants.js';

export interface PaneLookup {
  /** null when the item has no external participant: nothing to ask. */
  request: LookupRequest | null;
  key: string;
}

export function participantsOf(item: MailItem | null, filter: ParticipantFilter): Participant[] {
  return item ? externalParticipants(item, filter) : [];
}

export function paneLookupOf(item: MailItem | null, participants: Participant[]): PaneLookup {
  const internetMessageId = item?.kind === 'read' ? item.internetMessageId : null;
  const addresses = participants.slice(0, LOOKUP_MAX_ADDRESSES).map((p) => p.address);
  const key = JSON.stringify([addresses, internetMessageId]);
  return { request: requestOfKey(key), key };
}

/** The request a key names (effects depend on the key, a string, rather than on the request object). */
export function requestOfKey(key: string): LookupRequest | null {
  const [addresses, internetMessageId] = JSON.parse(key) as [string[], string | null];
  return addresses.length === 0 ? null : { addresses, ...(internetMessageId ? { internetMessageId } : {}) };
}
