// An interaction log entry as the loop writes one, for repository tests: its subject and description are its
// message key, so a test reads back which mails a timeline holds.
import type { NewInteraction } from '../../server/repositories/interactions.js';

/** An inbound, archived mail of `contact` with salesperson AH, on day `day` of January 2026. */
export function loopEntry(contact: string, key: string, day: number): NewInteraction {
  return {
    messageKey: key,
    contactNumber: contact,
    contactCompanyNumber: null,
    salespersonCode: 'AH',
    occurredAt: new Date(Date.UTC(2026, 0, day)),
    direction: 'inbound',
    initiatedBy: 'them',
    subject: key,
    description: key,
    message: {
      mailbox: 'log@x.example',
      internetMessageId: key,
      immutableId: null,
      webLink: null,
      conversationId: null,
    },
    archiveState: 'archived',
    source: 'loop',
    createdBy: 'loop',
  };
}
