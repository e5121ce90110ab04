// Reads Outlook's current item into a plain MailItem. Read mode has the values as properties; compose mode only
// through async getters.
/// <reference types="office-js" />
import { officeAsync } from './async.js';
import type { ComposeMessage, MailItem, MailParty, ReadMessage } from './types.js';

type Details = Office.EmailAddressDetails | null | undefined;

export function toParty(details: Details): MailParty | null {
  if (!details) return null;
  return { address: details.emailAddress ?? '', name: details.displayName ?? '' };
}

function toParties(list: Details[] | null | undefined): MailParty[] {
  return (list ?? []).map(toParty).filter((p): p is MailParty => p !== null);
}

/** Compose items expose recipients as objects with getAsync; read items as plain arrays. */
export function isComposeItem(
  item: Office.MessageRead | Office.MessageCompose,
): item is Office.MessageCompose {
  const to = (item as { to?: unknown }).to as { getAsync?: unknown } | undefined;
  return typeof to?.getAsync === 'function';
}

function restIdOf(office: typeof Office, itemId: string | null): string | null {
  const mailbox = office.context.mailbox;
  if (!itemId || typeof mailbox.convertToRestId !== 'function') return null;
  try {
    return mailbox.convertToRestId(itemId, office.MailboxEnums.RestVersion.v2_0) || null;
  } catch {
    return null; // Mailbox < 1.3 or a host that cannot convert: the id stays EWS-only.
  }
}

export function readMessage(office: typeof Office, item: Office.MessageRead): ReadMessage {
  const itemId = item.itemId || null;
  const created = item.dateTimeCreated as unknown;
  return {
    kind: 'read',
    subject: item.subject ?? '',
    from: toParty(item.from),
    sender: toParty(item.sender),
    to: toParties(item.to),
    cc: toParties(item.cc),
    internetMessageId: item.internetMessageId || null,
    itemId,
    restId: restIdOf(office, itemId),
    conversationId: item.conversationId || null,
    dateTimeCreated: created instanceof Date && !isNaN(created.getTime()) ? created.toISOString() : null,
  };
}

export async function readComposeMessage(item: Office.MessageCompose): Promise<ComposeMessage> {
  const recipients = (field: Office.Recipients, name: string) =>
    officeAsync<Office.EmailAddressDetails[], MailParty[]>(
      `${name}.getAsync`,
      (cb) => field.getAsync(cb),
      toParties,
    );
  const subject =
    typeof item.subject?.getAsync === 'function'
      ? officeAsync<string>('subject.getAsync', (cb) => item.subject.getAsync(cb)).catch(() => '')
      : Promise.resolve('');
  const [to, cc, subjectText] = await Promise.all([
    recipients(item.to, 'to'),
    recipients(item.cc, 'cc'),
    subject,
  ]);
  return { kind: 'compose', subject: subjectText ?? '', to, cc };
}

/** The selected item, or null (nothing selected, or an item type the pane does not handle). */
export async function readCurrentItem(office: typeof Office): Promise<MailItem | null> {
  const item = office.context.mailbox?.item as Office.MessageRead | Office.MessageCompose | null | undefined;
  if (!item) return null;
  if ((item.itemType as string | undefined) === 'appointment') return null;
  return isComposeItem(item) ? readComposeMessage(item) : readMessage(office, item as Office.MessageRead);
}
