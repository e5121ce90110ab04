// POST /lookup: everything the task pane shows for one mail item in one round trip.
import { z } from 'zod/mini';
import { ContactNumber, MailAddressText } from './common.js';
import { ContactCard } from './contacts.js';
import { InteractionSummary } from './interactions.js';
import { LoggedEntry } from './messages.js';
import { OpportunitySummary } from './opportunities.js';
import { LOOKUP_MAX_ADDRESSES, RECENT_INTERACTIONS_PER_CONTACT } from './limits.js';

export { LOOKUP_MAX_ADDRESSES, RECENT_INTERACTIONS_PER_CONTACT } from './limits.js';

export const LookupRequest = z.strictObject({
  /** External participants of the item (the add-in leaves out the user and internal domains). */
  addresses: z.array(MailAddressText).check(z.minLength(1), z.maxLength(LOOKUP_MAX_ADDRESSES)),
  /** Read mode only: tells whether this very message is logged. */
  internetMessageId: z.optional(z.string().check(z.minLength(3), z.maxLength(998))),
});
export type LookupRequest = z.infer<typeof LookupRequest>;

export const LookupResponse = z.strictObject({
  /** Contacts matching any of the addresses (primary or alternate), each once, in the order of `addresses`. */
  contacts: z.array(ContactCard),
  /** Requested addresses no contact matched, as sent. */
  unknownAddresses: z.array(z.string()),
  /** Per contact number: the latest entries, newest first (at most RECENT_INTERACTIONS_PER_CONTACT). */
  recentInteractions: z.record(
    ContactNumber,
    z.array(InteractionSummary).check(z.maxLength(RECENT_INTERACTIONS_PER_CONTACT)),
  ),
  /** Per contact number: its open opportunities, newest first. */
  openOpportunities: z.record(ContactNumber, z.array(OpportunitySummary)),
  /** Entries already logged for `internetMessageId` (none when it was not given). */
  logged: z.strictObject({ isLogged: z.boolean(), entries: z.array(LoggedEntry) }),
});
export type LookupResponse = z.infer<typeof LookupResponse>;
