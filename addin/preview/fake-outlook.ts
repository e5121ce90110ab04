// Outlook stood in for around the REAL Office.js: in a page with no Office host, office.js still resolves
// Office.onReady and hands out a plain `Office.context` that can be filled (see
// ../shared/reference/office-js-in-tests.md, "No host, filled context"). This fills it with a scripted mailbox
// shaped like Outlook's (read items as properties, compose recipients through getAsync, ItemChanged,
// RecipientsChanged and OfficeThemeChanged through addHandlerAsync), so the pane's own Office module (host.ts,
// item.ts) runs unchanged against it.
//
// `installFakeOutlook` must stay SELF-CONTAINED (no imports, no references to anything outside its body): the
// end-to-end tests inject its source text (Function.prototype.toString) into the built taskpane.html, and the
// preview page bundles it. Call it from an Office.onReady callback: office.js rebuilds Office.EventType when it
// initialises, so the Outlook event names can only be added afterwards.

export interface FakeParty {
  address: string;
  name: string;
}

export type FakeMessage =
  | {
      kind: 'read';
      subject: string;
      from: FakeParty;
      /** When someone sent on behalf of `from`. */
      sender?: FakeParty;
      to: FakeParty[];
      cc?: FakeParty[];
      /** Null for an item Exchange has not finished with (it cannot be logged yet). */
      internetMessageId: string | null;
      /** EWS id. */
      itemId: string;
      conversationId?: string;
      /** ISO instant. */
      dateTimeCreated: string;
    }
  | { kind: 'compose'; subject: string; to: FakeParty[]; cc?: FakeParty[] };

export type FakeTheme = 'light' | 'dark';

export interface FakeOutlookOptions {
  item: FakeMessage | null;
  /** BCP 47, e.g. 'da-DK'. */
  displayLanguage: string;
  /** The mailbox owner (Office.context.mailbox.userProfile). */
  user: FakeParty;
  /** Undefined: no officeTheme at all, as in Outlook on the web. */
  theme?: FakeTheme;
  /** Highest supported Mailbox requirement set (default 1.14: everything the pane uses). */
  mailboxVersion?: string;
}

export interface FakeOutlook {
  /** Moves the (pinned) pane to another item, or to none, and fires ItemChanged like Outlook. */
  selectItem(item: FakeMessage | null): void;
  /** Replaces the compose item's recipients and fires RecipientsChanged. */
  editRecipients(to: FakeParty[], cc?: FakeParty[]): void;
  /** Switches Outlook's theme and fires OfficeThemeChanged. */
  setTheme(theme: FakeTheme): void;
  /** Handlers the add-in has registered for an event name (e.g. 'olkRecipientsChanged'), current item only. */
  handlerCount(eventType: string): number;
  /** EWS ids passed to displayMessageForm and URLs passed to openBrowserWindow, in order. */
  readonly displayedMessages: string[];
  readonly openedUrls: string[];
}

export function installFakeOutlook(office: typeof Office, options: FakeOutlookOptions): FakeOutlook {
  const ITEM_CHANGED = 'olkItemSelectedChanged';
  const RECIPIENTS_CHANGED = 'olkRecipientsChanged';
  const THEME_CHANGED = 'officeThemeChanged';
  const themes = {
    light: {
      bodyBackgroundColor: '#ffffff',
      bodyForegroundColor: '#242424',
      controlBackgroundColor: '#ffffff',
      controlForegroundColor: '#242424',
    },
    dark: {
      bodyBackgroundColor: '#292929',
      bodyForegroundColor: '#ffffff',
      controlBackgroundColor: '#1f1f1f',
      controlForegroundColor: '#ffffff',
    },
  };
  type Callback = (result: unknown) => void;
  type Handler = (arg: unknown) => void;
  type Handlers = Map<string, Handler[]>;

  const displayedMessages: string[] = [];
  const openedUrls: string[] = [];
  const mailboxHandlers: Handlers = new Map();
  let itemHandlers: Handlers = new Map();
  let current: FakeMessage | null = null;
  const [major, minor] = (options.mailboxVersion ?? '1.14').split('.').map(Number) as [number, number];

  // Office answers through callbacks, later, never synchronously: the pane must cope with that.
  const later = (fn: () => void) => setTimeout(fn, 0);
  const succeeded = (value: unknown) => ({
    status: 'succeeded',
    value,
    error: null,
    asyncContext: undefined,
  });
  /** Office's async methods take (…, options?, callback?): the callback is the last function argument. */
  const callbackOf = (args: unknown[]): Callback | null => {
    const last = args[args.length - 1];
    return typeof last === 'function' ? (last as Callback) : null;
  };
  const answer = (args: unknown[], value: unknown) => {
    const cb = callbackOf(args);
    if (cb) later(() => cb(succeeded(value)));
  };
  const fire = (handlers: Handlers, type: string, arg: Record<string, unknown> = {}) => {
    for (const handler of handlers.get(type) ?? []) later(() => handler({ type, ...arg }));
  };
  /** addHandlerAsync/removeHandlerAsync of one event source (the mailbox, or one item and only that item). */
  const events = (handlers: Handlers) => ({
    addHandlerAsync(type: string, handler: Handler, ...rest: unknown[]) {
      handlers.set(type, [...(handlers.get(type) ?? []), handler]);
      answer(rest, undefined);
    },
    // Office removes every handler of the type the add-in registered.
    removeHandlerAsync(type: string, ...rest: unknown[]) {
      handlers.delete(type);
      answer(rest, undefined);
    },
  });
  const details = (p: FakeParty) => ({
    emailAddress: p.address,
    displayName: p.name,
    recipientType: 'externalUser',
  });
  const getter = (value: () => unknown) => ({ getAsync: (...args: unknown[]) => answer(args, value()) });

  function toOfficeItem(message: FakeMessage | null, handlers: Handlers): unknown {
    if (!message) return null;
    if (message.kind === 'compose') {
      // Compose items expose their fields only through async getters, read at call time.
      const compose = message;
      return {
        itemType: 'message',
        to: getter(() => compose.to.map(details)),
        cc: getter(() => (compose.cc ?? []).map(details)),
        bcc: getter(() => []),
        subject: getter(() => compose.subject),
        ...events(handlers),
      };
    }
    const created = new Date(message.dateTimeCreated);
    return {
      itemType: 'message',
      itemClass: 'IPM.Note',
      itemId: message.itemId,
      conversationId: message.conversationId ?? `conv-${message.itemId}`,
      internetMessageId: message.internetMessageId ?? '',
      subject: message.subject,
      normalizedSubject: message.subject.replace(/^(re|fw|fwd|sv|vs):\s*/i, ''),
      from: details(message.from),
      sender: details(message.sender ?? message.from),
      to: message.to.map(details),
      cc: (message.cc ?? []).map(details),
      dateTimeCreated: created,
      dateTimeModified: created,
      attachments: [],
      ...events(handlers),
    };
  }

  const context = office.context as unknown as Record<string, unknown>;
  const mailbox: Record<string, unknown> = {
    item: null,
    userProfile: {
      emailAddress: options.user.address,
      displayName: options.user.name,
      timeZone: 'UTC',
      accountType: 'enterprise',
    },
    diagnostics: { hostName: 'OutlookWebApp', hostVersion: '16.0', OWAView: 'OneColumn' },
    // EWS and REST ids differ only in URL-safe characters.
    convertToRestId: (id: string) => id.replace(/\//g, '-').replace(/\+/g, '_'),
    convertToEwsId: (id: string) => id.replace(/-/g, '/').replace(/_/g, '+'),
    displayMessageForm: (id: string) => {
      displayedMessages.push(id);
    },
    ...events(mailboxHandlers),
  };
  context.mailbox = mailbox;
  context.displayLanguage = options.displayLanguage;
  context.contentLanguage = options.displayLanguage;
  context.diagnostics = { host: 'Outlook', platform: 'OfficeOnline', version: '16.0' };
  context.requirements = {
    isSetSupported(name: string, version?: string) {
      if (name.toLowerCase() !== 'mailbox') return false;
      const [wantMajor, wantMinor] = (version ?? '1.1').split('.').map(Number) as [number, number];
      return wantMajor < major || (wantMajor === major && (wantMinor ?? 0) <= minor);
    },
  };
  context.ui = {
    openBrowserWindow: (url: string) => {
      openedUrls.push(url);
    },
  };
  if (options.theme) context.officeTheme = { ...themes[options.theme] };

  const eventType = office.EventType as unknown as Record<string, string>;
  eventType.ItemChanged = ITEM_CHANGED;
  eventType.RecipientsChanged = RECIPIENTS_CHANGED;
  eventType.OfficeThemeChanged = THEME_CHANGED;
  (office as unknown as Record<string, unknown>).MailboxEnums = {
    RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' },
    ItemType: { Message: 'message', Appointment: 'appointment' },
  };

  function setItem(message: FakeMessage | null): void {
    current = message && (JSON.parse(JSON.stringify(message)) as FakeMessage);
    itemHandlers = new Map(); // An item's handlers go with it.
    mailbox.item = toOfficeItem(current, itemHandlers);
  }
  setItem(options.item);

  return {
    selectItem(message) {
      setItem(message);
      fire(mailboxHandlers, ITEM_CHANGED);
    },
    editRecipients(to, cc = []) {
      if (current?.kind !== 'compose') throw new Error('editRecipients needs a compose item');
      current.to = to.map((p) => ({ ...p }));
      current.cc = cc.map((p) => ({ ...p }));
      const changed = { to: true, cc: cc.length > 0, bcc: false };
      fire(itemHandlers, RECIPIENTS_CHANGED, { changedRecipientFields: changed });
    },
    setTheme(theme) {
      context.officeTheme = { ...themes[theme] };
      fire(mailboxHandlers, THEME_CHANGED, { officeTheme: context.officeTheme });
    },
    handlerCount(type) {
      return (itemHandlers.get(type)?.length ?? 0) + (mailboxHandlers.get(type)?.length ?? 0);
    },
    displayedMessages,
    openedUrls,
  };
}
