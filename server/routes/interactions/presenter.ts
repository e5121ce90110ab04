// Interaction log entries as the API shows them. They take only entries that passed the visibility gate
// (services/visibility.ts): what a caller may not see is already blanked when it gets here.
import { isWithheldSensitivity, type Visible } from '../../domain/visibility.js';
import type { Interaction } from '../../repositories/interactions.js';
import type { Contact, Salesperson } from '../../repositories/masterData.js';
import type { TimelineEntry } from '../../repositories/timelineStore.js';
import type { VisibleEntry } from '../../services/visibility.js';
import type { InteractionDetail, InteractionSummary } from '../../../shared/api/interactions.js';
import type { LoggedEntry } from '../../../shared/api/messages.js';

/** Only https links leave the server: a stored value can never become a javascript: URL in the pane. */
export function safeLink(link: string | null): string | null {
  if (!link) return null;
  try {
    return new URL(link).protocol === 'https:' ? link : null;
  } catch {
    return null;
  }
}

export function presentSummary(
  e: Visible<TimelineEntry>,
  salespeople: Map<string, Salesperson>,
): InteractionSummary {
  return {
    entryNumber: e.entryNumber,
    occurredAt: e.occurredAt.toISOString(),
    direction: e.direction,
    subject: e.subject,
    salespersonCode: e.salespersonCode,
    salespersonName: e.salespersonCode ? (salespeople.get(e.salespersonCode)?.name ?? null) : null,
    opportunityNumber: e.opportunityNumber,
    canceled: e.canceled,
    hasLink:
      e.archiveState === 'archived' &&
      (e.message.immutableId !== null || safeLink(e.message.webLink) !== null),
    visibility: e.visibility,
    private: e.markedPrivate === true,
    sensitive: isWithheldSensitivity(e.sensitivity),
    ...(e.verification ? { verification: e.verification } : {}),
    ...(e.templateCode
      ? {
          template: {
            code: e.templateCode,
            description: e.templateDescription || e.templateCode,
            groupCode: e.interactionGroupCode ?? null,
            cost: e.cost,
            durationMin: e.durationMin,
          },
        }
      : {}),
    // Only for who may open the link at all.
    ...(e.visibility === 'full' && e.linkState === 'lost' && e.linkLostAt
      ? { linkLostAt: e.linkLostAt.toISOString() }
      : {}),
  };
}

export function presentDetail(
  e: VisibleEntry,
  contact: Contact,
  salespeople: Map<string, Salesperson>,
): InteractionDetail {
  const m = e.message;
  const known = m.internetMessageId !== null || m.immutableId !== null || m.webLink !== null;
  return {
    ...presentSummary(e, salespeople),
    contactNumber: contact.number,
    contactName: contact.name,
    message: known
      ? {
          internetMessageId: m.internetMessageId,
          immutableId: m.immutableId,
          webLink: safeLink(m.webLink),
          mailbox: m.mailbox,
        }
      : null,
  };
}

/** Which entries a message has: numbers and codes only, never content (no gate needed). */
export function presentLoggedEntry(
  e: Pick<Interaction, 'entryNumber' | 'contactNumber' | 'salespersonCode'>,
): LoggedEntry {
  return { entryNumber: e.entryNumber, contactNumber: e.contactNumber, salespersonCode: e.salespersonCode };
}
