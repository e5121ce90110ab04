// Seeds for office-addin-mock that behave like Outlook where the Office module depends on it: async getters
// answer through callbacks, events can be fired, opened messages and dialogs are recorded.
/// <reference types="office-js" />
import { OfficeMockObject } from 'office-addin-mock';

type Callback<T> = (result: { status: string; value: T; error?: { code: number; message: string } }) => void;

export const EventType = {
  ItemChanged: 'olkItemSelectedChanged',
  RecipientsChanged: 'olkRecipientsChanged',
  OfficeThemeChanged: 'officeThemeChanged',
  DialogMessageReceived: 'dialogMessageReceived',
  DialogEventReceived: 'dialogEventReceived',
};

export const ok = <T>(value: T) => ({ status: 'succeeded', value });
export const failed = (code: number, message: string) => ({
  status: 'failed',
  value: undefined,
  error: { code, message },
});

/** Handlers registered through addHandlerAsync, by event type, so a test can fire events. */
export class EventHub {
  readonly handlers = new Map<string, ((arg: unknown) => void)[]>();
  add = (type: string, handler: (arg: unknown) => void, cb: Callback<void>) => {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
    cb(ok(undefined));
  };
  remove = (type: string, cb: Callback<void>) => {
    this.handlers.delete(type);
    cb(ok(undefined));
  };
  fire(type: string, arg: unknown = { type }): void {
    for (const h of this.handlers.get(type) ?? []) h(arg);
  }
}

export const address = (emailAddress: string, displayName: string) => ({ emailAddress, displayName });

export const readItemSeed = () => ({
  itemType: 'message',
  subject: 'Quote for 40 pumps',
  from: address('Jane.Doe@Fabrikam.com', 'Jane Doe'),
  sender: address('assistant@fabrikam.com', 'Assistant'),
  to: [address('me@contoso.com', 'Me'), address('bob@northwind.com', 'Bob')],
  cc: [address('carol@contoso.com', 'Carol')],
  internetMessageId: '<abc123@fabrikam.com>',
  itemId: 'AAMkAGI2TG93AAA=',
  conversationId: 'AAQkAGI2conv',
  dateTimeCreated: new Date('2025-03-12T13:05:00.000Z'),
});

export interface FakeOutlookOptions {
  item?: Record<string, unknown> | null;
  sets?: string[];
  theme?: { bodyBackgroundColor: string } | null;
  displayLanguage?: string;
}

/** Builds the mock `Office` namespace and the records a test inspects. */
export function fakeOutlook(options: FakeOutlookOptions = {}) {
  const mailboxEvents = new EventHub();
  const displayed: string[] = [];
  const browserOpened: string[] = [];
  const sets = new Set(
    options.sets ?? ['Mailbox 1.1', 'Mailbox 1.3', 'Mailbox 1.5', 'Mailbox 1.7', 'Mailbox 1.14'],
  );
  const seed = {
    host: 'outlook',
    EventType,
    MailboxEnums: { RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0' } },
    context: {
      displayLanguage: options.displayLanguage ?? 'da-DK',
      requirements: { isSetSupported: (name: string, version: string) => sets.has(`${name} ${version}`) },
      ...(options.theme === null ? {} : { officeTheme: options.theme ?? { bodyBackgroundColor: '#FFFFFF' } }),
      ui: {
        openBrowserWindow: (url: string) => browserOpened.push(url),
      },
      mailbox: {
        userProfile: { emailAddress: 'me@contoso.com', displayName: 'Me Myself' },
        convertToRestId: (id: string, version: string) => `rest(${version}):${id}`,
        convertToEwsId: (id: string, version: string) => `ews(${version}):${id}`,
        displayMessageForm: (id: string) => displayed.push(id),
        addHandlerAsync: mailboxEvents.add,
        removeHandlerAsync: mailboxEvents.remove,
        ...(options.item === null ? {} : { item: options.item ?? readItemSeed() }),
      },
    },
  };
  const office = new OfficeMockObject(seed) as unknown as typeof Office;
  // office-addin-mock cannot seed a null value: a pinned pane with nothing selected gets it afterwards.
  if (options.item === null) (office.context.mailbox as unknown as { item: unknown }).item = null;
  return { office, mailboxEvents, displayed, browserOpened };
}

/** A compose item whose recipients and subject answer through getAsync. */
export function composeItemSeed(
  itemEvents: EventHub,
  values: { to: unknown[]; cc: unknown[]; subject: string },
) {
  const getter = <T>(value: T) => ({ getAsync: (cb: Callback<T>) => setTimeout(() => cb(ok(value)), 0) });
  return {
    itemType: 'message',
    to: getter(values.to),
    cc: getter(values.cc),
    subject: getter(values.subject),
    addHandlerAsync: itemEvents.add,
    removeHandlerAsync: itemEvents.remove,
  };
}

/** Installs `office` as the global Office, as office.js would, for the duration of a test. */
export function installGlobalOffice(office: unknown): () => void {
  const g = globalThis as { Office?: unknown };
  const previous = g.Office;
  g.Office = office;
  return () => {
    g.Office = previous;
  };
}
