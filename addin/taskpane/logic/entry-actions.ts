// Which actions an interaction log entry offers (Business Central's rules: an opportunity only for an entry
// that is not canceled, has none yet, and whose contact is not privacy blocked). Entries shown as metadata only
// offer nothing.
import type { InteractionSummary } from '../../../shared/api/interactions.js';

export type EntryAction = 'view-mail' | 'open-mail' | 'create-opportunity' | 'link-opportunity';

export function entryActions(
  entry: InteractionSummary,
  context: { privacyBlocked: boolean; openOpportunities: number },
): EntryAction[] {
  // Someone else's conversation (visibility model `owner`, a private entry): the caller may not change it.
  if (entry.visibility === 'metadata') return [];
  // Viewing it inside Interlog needs no Exchange permission; the server says when no copy can be read.
  const actions: EntryAction[] = ['view-mail'];
  if (entry.hasLink) actions.push('open-mail');
  if (!entry.canceled && entry.opportunityNumber === null && !context.privacyBlocked) {
    actions.push('create-opportunity');
    if (context.openOpportunities > 0) actions.push('link-opportunity');
  }
  return actions;
}
