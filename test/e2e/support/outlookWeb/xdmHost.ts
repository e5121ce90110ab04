// The Outlook-on-the-web side of Office's cross-frame (XDM) protocol, as @microsoft/office-js 1.1.110's
// outlook-web-16.01.js speaks it. These are internals of a pinned library, read from office.debug.js and
// outlook-web-16.01.debug.js; re-check them when upgrading.
//
// Frame URL: the host frames the add-in at <page>?_host_Info=Outlook$Web$16.01$<locale>$$$$0#&_xdm_Info=
//   <conversation>$<add-in id>$<host page URL, not encoded>. _host_Info makes office.js load
//   outlook-web-16.01.js; _xdm_Info names the conversation and the window office.js talks to (window.parent).
//   The _xdm_Info value runs to the end of the fragment: it must come last. The host URL must not be encoded:
//   outlook-web-16.01.js opens the channel first (its script-override check) and does not decode it.
// Trust: office.js sends nothing until the host URL is https and its host name trusted: Office Online domains,
//   the add-in's own host name, or (InitializationHelper.isHostOriginTrusted, Outlook's override)
//   outlook.office.com, outlook.office365.com, outlook.live.com and a few more; otherwise it shows
//   AgaveErrorUX ("not trusted"). So the host page can live on https://outlook.office.com: no "same host name"
//   arrangement is needed. Responses are accepted only from the exact origin (host name, scheme, port) of the
//   URL in _xdm_Info. Events and answers carry _conversationId; office.js ignores other conversations.
// Envelope: JSON strings, posted both ways. A request is {_messageType: 0, _actionName, _conversationId,
//   _correlationId, _origin, _data, _actionType: 0 invoke | 1 registerEvent | 2 unregisterEvent}. A response
//   is {_messageType: 1, _actionName, _conversationId, _correlationId, _origin, _data, _errorCode: 0 | <0,
//   _responseType: 0 for a call | 1 for an event}; an event is a response with _responseType 1 and the event
//   name as _actionName.
// Actions the pane sends and what this host answers:
//   ContextActivationManager_getAppContextAsync  the app context: _appName 64 (OutlookWebApp), UI/data locale
//     (Office.context.displayLanguage), _requirementMatrix (JSON {"Mailbox": "1.14", …}: isSetSupported), ….
//   ContextActivationManager_notifyHost          fire and forget (UpdateTargetUrl, focus): acknowledged.
//   GetInitialData                               dispid 1: the item (itemType 1 read message, 4 compose
//     message, 6 none) with id (EWS), subject, from/sender/to/cc as {name, address, recipientType: 2 user |
//     3 external}, internetMessageId, dateTimeCreated, conversationId; permissionLevel (1 = ReadItem, as the
//     manifest asks); user profile; hostVersion; isRestIdSupported (office.js then passes REST ids to the host).
//   ExecuteMethod {ApiParams, MethodData: {DispatchId}}  answered {data} or {wasSuccessful}: 15 recipients
//     getAsync ({recipientField: 0 to, 1 cc, 2 bcc}), 18 subject getAsync, 8 displayMessageForm,
//     179 displayMessageFormAsync ({itemId}). Any other dispid is logged as unhandled and refused.
//   registerEvent/unregisterEvent olkItemSelectedChanged (46, mailbox), olkRecipientsChanged (47, item),
//     officeThemeChanged (9), appCommandInvoked (39, office.js's own): acknowledged with {} (a null answer is
//     a failure); the host remembers registrations to fire events later. The XDM event name is the same for
//     every item, so an item's registration is dropped when the item changes (the pane must register again).
// Events: olkItemSelectedChanged carries the new item's initial data ("" for none; office.js rebuilds
//   Office.context.mailbox.item from it); olkRecipientsChanged carries [JSON of {to, cc, bcc} booleans].
//
// `outlookWebHost` runs IN THE HOST PAGE: it must stay self-contained (no imports at run time, no references
// outside its body), because hostPage.ts injects its source text.
import type { FakeMessage, FakeParty } from '../../../../addin/preview/fake-outlook.js';

export interface OutlookWebHostOptions {
  /** The add-in page as the manifest names it (https://localhost:<port>/taskpane.html). */
  addinUrl: string;
  /** This page's URL, which office.js answers to (its origin must be the page's). */
  hostUrl: string;
  /** The manifest's add-in id. */
  addinId: string;
  conversationId: string;
  item: FakeMessage | null;
  user: FakeParty;
  /** BCP 47, e.g. 'en-US'. */
  displayLanguage: string;
  /** Highest Mailbox requirement set. */
  mailboxVersion: string;
  /** Addresses at this domain are users of the organisation (recipientType 2), others external (3). */
  internalDomain: string;
}

export interface HostCall {
  action: string;
  /** ExecuteMethod's DispatchId, when the action is one. */
  dispid?: number;
  data: unknown;
}

export interface OutlookWebHostState {
  /** Every request the pane sent, in order. */
  calls: HostCall[];
  /** Requests this host does not implement (refused). */
  unhandled: HostCall[];
  /** Item ids the pane asked Outlook to open (displayMessageForm/displayMessageFormAsync), as received. */
  displayedMessages: string[];
  /** Event names the pane is registered for now. */
  registeredEvents: string[];
  /** True once the pane has had its initial data (office.js booted in the pane). */
  initialDataServed: boolean;
}

export interface OutlookWebHost {
  selectItem(item: FakeMessage | null): void;
  editRecipients(to: FakeParty[], cc: FakeParty[]): void;
  /** The selected item (compose recipients as edited). */
  current(): FakeMessage | null;
  state(): OutlookWebHostState;
}

export function outlookWebHost(
  options: OutlookWebHostOptions,
  frame: { contentWindow: unknown },
): OutlookWebHost {
  type Message = {
    _messageType: number;
    _actionName: string;
    _conversationId: string;
    _correlationId: number;
    _data: unknown;
    _actionType?: number;
  };
  type Target = { postMessage(message: string, targetOrigin: string): void };
  type Registration = { target: Target; origin: string; correlationId: number };
  type HostEvent = { source: unknown; origin: string; data: unknown };
  // The test code is compiled without the DOM library: the little of `window` used here.
  const win = globalThis as unknown as {
    addEventListener(type: 'message', listener: (event: HostEvent) => void): void;
    location: { origin: string };
  };

  const ITEM_CHANGED = 'olkItemSelectedChanged';
  const ITEM_EVENTS = ['olkRecipientsChanged', 'olkAttachmentsChanged', 'olkAppointmentTimeChanged'];
  const addinOrigin = new URL(options.addinUrl).origin;
  const state: OutlookWebHostState = {
    calls: [],
    unhandled: [],
    displayedMessages: [],
    registeredEvents: [],
    initialDataServed: false,
  };
  const registrations = new Map<string, Registration>();
  let current: FakeMessage | null = options.item;
  let itemNumber = 1;

  const party = (p: FakeParty) => ({
    name: p.name,
    address: p.address,
    recipientType: p.address.toLowerCase().endsWith('@' + options.internalDomain.toLowerCase()) ? 2 : 3,
  });

  function initialData(message: FakeMessage | null): Record<string, unknown> {
    const common = {
      permissionLevel: 1,
      hostVersion: '16.01',
      owaView: 'ThreeColumns',
      userDisplayName: options.user.name,
      userEmailAddress: options.user.address,
      userTimeZone: 'UTC',
      userProfileType: 'enterprise',
      isRestIdSupported: true,
      itemNumber,
    };
    if (!message) return { ...common, itemType: 6 };
    if (message.kind === 'compose') return { ...common, itemType: 4 };
    return {
      ...common,
      itemType: 1,
      itemClass: 'IPM.Note',
      id: message.itemId,
      subject: message.subject,
      normalizedSubject: message.subject.replace(/^((re|fw|fwd|sv|vs):\s*)+/i, ''),
      from: party(message.from),
      sender: party(message.sender ?? message.from),
      to: message.to.map(party),
      cc: (message.cc ?? []).map(party),
      internetMessageId: message.internetMessageId,
      conversationId: message.conversationId ?? 'AAQk-' + message.itemId,
      dateTimeCreated: message.dateTimeCreated,
      dateTimeModified: message.dateTimeCreated,
      attachments: [],
    };
  }

  function appContext(): Record<string, unknown> {
    const requirements: Record<string, string> = {
      Mailbox: options.mailboxVersion,
      DialogApi: '1.2',
      DialogOrigin: '1.1',
    };
    return {
      _id: options.addinId,
      _appName: 64, // OSF.AppName.OutlookWebApp
      _appVersion: '16.01',
      _appMinorVersion: 1,
      _appUILocale: options.displayLanguage,
      _dataLocale: options.displayLanguage,
      _docUrl: '',
      _clientMode: 1,
      _settings: {},
      _reason: 'inserted',
      _osfControlType: 1,
      _eToken: '',
      _correlationId: options.conversationId,
      _appInstanceId: options.conversationId,
      _requirementMatrix: JSON.stringify(requirements),
      _hostFullVersion: '16.0.0.0',
      _addinName: 'Interlog',
      _appDomains: [],
    };
  }

  /** ExecuteMethod: the answer's `_data`. */
  function execute(dispid: number, params: Record<string, unknown> | null, call: HostCall): unknown {
    const compose = current?.kind === 'compose' ? current : null;
    switch (dispid) {
      case 15: {
        if (!compose) break;
        const field = params?.recipientField;
        const list = field === 0 ? compose.to : field === 1 ? (compose.cc ?? []) : [];
        return { data: list.map(party) };
      }
      case 18:
        if (!compose) break;
        return { data: compose.subject };
      case 8:
      case 179:
        state.displayedMessages.push(String(params?.itemId));
        return { wasSuccessful: true };
    }
    state.unhandled.push(call);
    return { wasSuccessful: false };
  }

  function post(target: Target, origin: string, message: Record<string, unknown>) {
    target.postMessage(
      JSON.stringify({ _origin: win.location.origin, _serializerVersion: 1, ...message }),
      origin,
    );
  }

  function fire(eventName: string, data: unknown) {
    const registration = registrations.get(eventName);
    if (!registration) return;
    post(registration.target, registration.origin, {
      _messageType: 1,
      _actionName: eventName,
      _conversationId: options.conversationId,
      _correlationId: registration.correlationId,
      _data: data,
      _errorCode: 0,
      _responseType: 1,
    });
  }

  win.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== addinOrigin) return;
    let message: Message;
    try {
      message = JSON.parse(String(event.data)) as Message;
    } catch {
      return; // Not an XDM message.
    }
    if (!message || message._messageType !== 0 || message._conversationId !== options.conversationId) return;
    const data = message._data as Record<string, unknown> | null;
    const call: HostCall = { action: message._actionName, data };
    let answer: unknown = {};
    let errorCode = 0;
    if (message._actionType === 1 || message._actionType === 2) {
      if (message._actionType === 1)
        registrations.set(message._actionName, {
          target: event.source as unknown as Target,
          origin: event.origin,
          correlationId: message._correlationId,
        });
      else registrations.delete(message._actionName);
      call.action = (message._actionType === 1 ? 'registerEvent:' : 'unregisterEvent:') + message._actionName;
    } else if (message._actionName === 'ContextActivationManager_getAppContextAsync') {
      answer = appContext();
    } else if (message._actionName === 'ContextActivationManager_notifyHost') {
      answer = null;
    } else if (message._actionName === 'GetInitialData') {
      answer = initialData(current);
      state.initialDataServed = true;
    } else if (message._actionName === 'ExecuteMethod') {
      const method = (data?.MethodData ?? {}) as { DispatchId?: number };
      call.dispid = Number(method.DispatchId);
      answer = execute(call.dispid, (data?.ApiParams ?? null) as Record<string, unknown> | null, call);
    } else {
      state.unhandled.push(call);
      answer = 'Unknown method';
      errorCode = -2; // InvokeResultCode.errorHandlingRequest, what an endpoint answers for an unknown method.
    }
    state.calls.push(call);
    state.registeredEvents = [...registrations.keys()];
    post(event.source as unknown as Target, event.origin, {
      _messageType: 1,
      _actionName: message._actionName,
      _conversationId: message._conversationId,
      _correlationId: message._correlationId,
      _data: answer,
      _errorCode: errorCode,
      _responseType: 0,
    });
  });

  return {
    selectItem(item) {
      current = item && (JSON.parse(JSON.stringify(item)) as FakeMessage);
      itemNumber += 1;
      // An item's handlers go with it: the pane registers again for the new item.
      for (const name of ITEM_EVENTS) registrations.delete(name);
      state.registeredEvents = [...registrations.keys()];
      fire(ITEM_CHANGED, current ? initialData(current) : '');
    },
    editRecipients(to, cc) {
      if (current?.kind !== 'compose') throw new Error('editRecipients needs a compose item');
      current.to = to.map((p) => ({ ...p }));
      current.cc = cc.map((p) => ({ ...p }));
      fire('olkRecipientsChanged', [JSON.stringify({ to: true, cc: cc.length > 0, bcc: false })]);
    },
    current: () => current,
    state: () => JSON.parse(JSON.stringify(state)) as OutlookWebHostState,
  };
}
