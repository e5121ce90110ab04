// Sample mail for the preview page and the end-to-end tests, written around the demo data of `npm start`
// (scripts/demo/people.ts: salespeople AH/BD/JO at contoso.example, contacts at Fabrikam, Adatum and Trey
// Research). Kept here, not imported from there: the add-in bundle must not pull in server or script code.
import type { FakeMessage, FakeParty } from './fake-outlook.js';

export const DEMO_INTERNAL_DOMAIN = 'contoso.example';

export const people = {
  annette: { address: 'annette.hill@contoso.example', name: 'Annette Hill' },
  bart: { address: 'bart.duncan@contoso.example', name: 'Bart Duncan' },
  jim: { address: 'jim.olive@contoso.example', name: 'Jim Olive' },
  jane: { address: 'jane.doe@fabrikam.example', name: 'Jane Doe' },
  mark: { address: 'mark.lee@fabrikam.example', name: 'Mark Lee' },
  ida: { address: 'ida.berg@adatum.example', name: 'Ida Berg' },
  karl: { address: 'karl.nilsen@treyresearch.example', name: 'Karl Nilsen' },
  sara: { address: 'sara.holm@treyresearch.example', name: 'Sara Holm' },
  stranger: { address: 'morgan.blake@northwind.example', name: 'Morgan Blake' },
} satisfies Record<string, FakeParty>;

export interface SampleMessage {
  /** Stable id for lists and tests. */
  id: string;
  /** What the sample shows off. */
  note: string;
  message: FakeMessage;
}

/** The sample mailbox as `user` (default Annette Hill, salesperson AH) sees it; times relative to `now`. */
export function sampleMessages(now: Date, user: FakeParty = people.annette): SampleMessage[] {
  const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
  const read = (
    id: string,
    hoursAgo: number,
    m: { subject: string; from: FakeParty; to: FakeParty[]; cc?: FakeParty[] },
  ): FakeMessage => ({
    kind: 'read',
    ...m,
    internetMessageId: `<preview-${id}@${m.from.address.split('@')[1]}>`,
    itemId: `AAMkAGPreview/${id}+item=`,
    conversationId: `AAQkAGPreview-${id}`,
    dateTimeCreated: ago(hoursAgo),
  });
  return [
    {
      id: 'quote-request',
      note: 'Known contact with history',
      message: read('quote-request', 2, {
        subject: 'Request for quotation: 40 pallets',
        from: people.jane,
        to: [user],
      }),
    },
    {
      id: 'delivery-window',
      note: 'Known contact, internal colleague in copy',
      message: read('delivery-window', 5, {
        subject: 'Delivery window next week?',
        from: people.ida,
        to: [user],
        cc: [people.jim],
      }),
    },
    {
      id: 'lab-samples',
      note: 'Two known contacts: pick one',
      message: read('lab-samples', 26, {
        subject: 'Samples for the lab',
        from: people.karl,
        to: [user],
        cc: [people.sara],
      }),
    },
    {
      id: 'partnership',
      note: 'Unknown sender: add as contact',
      message: read('partnership', 30, {
        subject: 'Partnership proposal',
        from: people.stranger,
        to: [user],
      }),
    },
    {
      id: 'new-price-list',
      note: 'Compose mode: recipients can change',
      message: { kind: 'compose', subject: 'Price list 2027', to: [people.mark] },
    },
    {
      id: 'lunch',
      note: 'Internal mail only',
      message: read('lunch', 50, { subject: 'Lunch on Friday?', from: people.bart, to: [user] }),
    },
  ];
}
