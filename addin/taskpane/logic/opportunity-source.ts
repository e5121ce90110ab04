// What a new opportunity is created from, given the open mail and the selected contact (Business Central:
// "Create opportunity" from an interaction log entry; here also straight from the mail in the pane).
import type { LookupResponse } from '../../../shared/api/lookup.js';
import type { MessageRef } from '../../../shared/api/messages.js';

export type OpportunitySource =
  { fromEntryNumber: number } | { fromMessage: MessageRef } | Record<string, never>;

/**
 * - The mail is logged for this contact and that entry has no opportunity yet: from that entry.
 * - The mail is not logged at all (read mode): from the message (the server logs it and links the entry).
 * - Otherwise (compose, logged for others only, entry already linked): a plain opportunity for the contact.
 */
export function opportunitySource(
  lookup: Pick<LookupResponse, 'logged' | 'recentInteractions'>,
  contactNumber: string,
  messageRef: MessageRef | null,
): OpportunitySource {
  const entry = lookup.logged.entries.find((e) => e.contactNumber === contactNumber);
  if (entry) {
    const shown = lookup.recentInteractions[contactNumber]?.find((e) => e.entryNumber === entry.entryNumber);
    const available = !shown || (shown.opportunityNumber === null && !shown.canceled);
    return available ? { fromEntryNumber: entry.entryNumber } : {};
  }
  if (!lookup.logged.isLogged && messageRef) return { fromMessage: messageRef };
  return {};
}
