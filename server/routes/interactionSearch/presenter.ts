// Interaction log entries as the admin console lists them: the summary the task pane shows, plus whose entry it
// is and where it came from.
import type { Contact, Salesperson } from '../../repositories/masterData.js';
import type { AdminInteraction } from '../../../shared/api/adminViews.js';
import type { VisibleEntry } from '../../services/visibility.js';
import { presentSummary } from '../interactions/presenter.js';

export function presentAdminInteraction(
  e: VisibleEntry,
  contacts: Map<string, Contact>,
  salespeople: Map<string, Salesperson>,
): AdminInteraction {
  return {
    ...presentSummary(e, salespeople),
    contactNumber: e.contactNumber,
    contactName: contacts.get(e.contactNumber)?.name ?? '',
    mailbox: e.message.mailbox,
    source: e.source,
  };
}
