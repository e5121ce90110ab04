// The real OfficeHost: the one place (with item.ts, ready.ts, dialog-child.ts) that touches Office.js.
// `office` is injected (the global `Office` in the pane, an office-addin-mock object in unit tests).
/// <reference types="office-js" />
import { guardedHandler, OfficeCallError, officeAsync } from './async.js';
import { readCurrentItem } from './item.js';
import { themeKindFromBackground } from './theme.js';
import type { DialogSize, MailItem, OfficeHost, ThemeKind, Unsubscribe } from './types.js';

export interface OfficeHostOptions {
  /** Where exceptions thrown by listeners go (they must never propagate into Office). */
  onError?: (e: unknown) => void;
}

const noop: Unsubscribe = async () => {};
/** Office's code for "the user closed the dialog". */
export const DIALOG_CLOSED_BY_USER = 12006;

type EventSource = {
  addHandlerAsync?: (
    type: Office.EventType,
    handler: (arg: unknown) => void,
    cb: (r: Office.AsyncResult<void>) => void,
  ) => void;
  removeHandlerAsync?: (type: Office.EventType, cb: (r: Office.AsyncResult<void>) => void) => void;
};

export function createOfficeHost(office: typeof Office, options: OfficeHostOptions = {}): OfficeHost {
  const onError = options.onError ?? ((e: unknown) => console.error('Interlog add-in:', e));
  const context = office.context;

  function supports(requirementSet: string, version: string): boolean {
    try {
      return context.requirements?.isSetSupported(requirementSet, version) === true;
    } catch {
      return false;
    }
  }

  async function subscribe(
    source: EventSource | null | undefined,
    eventType: Office.EventType | undefined,
    listener: () => void,
  ): Promise<Unsubscribe> {
    if (!source || eventType === undefined || typeof source.addHandlerAsync !== 'function') return noop;
    const handler = guardedHandler<unknown>(() => listener(), onError);
    await officeAsync<void>(`addHandlerAsync(${eventType})`, (cb) =>
      source.addHandlerAsync!(eventType, handler, cb),
    );
    return async () => {
      if (typeof source.removeHandlerAsync !== 'function') return;
      // After an item switch the old item may refuse: there is nothing left to remove then.
      await officeAsync<void>(`removeHandlerAsync(${eventType})`, (cb) =>
        source.removeHandlerAsync!(eventType, cb),
      ).catch(() => {});
    };
  }

  return {
    displayLanguage: context.displayLanguage || 'en-US',
    userEmail: context.mailbox?.userProfile?.emailAddress ?? '',
    userDisplayName: context.mailbox?.userProfile?.displayName ?? '',

    themeKind(): ThemeKind | undefined {
      return themeKindFromBackground(context.officeTheme?.bodyBackgroundColor);
    },

    readItem(): Promise<MailItem | null> {
      return readCurrentItem(office);
    },

    onItemChanged(listener) {
      if (!supports('Mailbox', '1.5')) return Promise.resolve(noop);
      return subscribe(context.mailbox as unknown as EventSource, office.EventType?.ItemChanged, listener);
    },

    onRecipientsChanged(listener) {
      if (!supports('Mailbox', '1.7')) return Promise.resolve(noop);
      const item = context.mailbox?.item as unknown as (EventSource & { to?: { getAsync?: unknown } }) | null;
      if (!item || typeof item.to?.getAsync !== 'function') return Promise.resolve(noop);
      return subscribe(item, office.EventType?.RecipientsChanged, listener);
    },

    onThemeChanged(listener) {
      if (!supports('Mailbox', '1.14')) return Promise.resolve(noop);
      return subscribe(
        context.mailbox as unknown as EventSource,
        office.EventType?.OfficeThemeChanged,
        listener,
      );
    },

    supports,

    canDisplayMessage() {
      const mailbox = context.mailbox;
      return (
        typeof mailbox?.displayMessageForm === 'function' && typeof mailbox.convertToEwsId === 'function'
      );
    },

    async displayMessage(restId) {
      const mailbox = context.mailbox;
      let ewsId: string;
      try {
        ewsId = mailbox.convertToEwsId(restId, office.MailboxEnums.RestVersion.v2_0);
      } catch (e) {
        throw new OfficeCallError('convertToEwsId', null, e instanceof Error ? e.message : String(e));
      }
      if (typeof mailbox.displayMessageFormAsync === 'function') {
        await officeAsync<void>('displayMessageFormAsync', (cb) =>
          mailbox.displayMessageFormAsync(ewsId, cb),
        );
        return;
      }
      try {
        mailbox.displayMessageForm(ewsId);
      } catch (e) {
        throw new OfficeCallError('displayMessageForm', null, e instanceof Error ? e.message : String(e));
      }
    },

    openUrl(url) {
      if (!/^https:\/\//i.test(url)) throw new Error('Only https links are opened');
      if (supports('OpenBrowserWindowApi', '1.1') && typeof context.ui?.openBrowserWindow === 'function') {
        context.ui.openBrowserWindow(url);
        return;
      }
      const open = (globalThis as { open?: (url: string, target: string, features: string) => unknown }).open;
      open?.(url, '_blank', 'noopener,noreferrer');
    },

    openDialog(url: string, size: DialogSize): Promise<string> {
      return openDialog(office, url, size, onError);
    },
  };
}

type DialogArg = { message?: string; origin?: string; error?: number };

function openDialog(office: typeof Office, url: string, size: DialogSize, onError: (e: unknown) => void) {
  const expectedOrigin = new URL(url).origin;
  return new Promise<string>((resolve, reject) => {
    const opened = officeAsync<Office.Dialog>('displayDialogAsync', (cb) =>
      office.context.ui.displayDialogAsync(
        url,
        { height: size.height, width: size.width, promptBeforeOpen: false },
        cb,
      ),
    );
    opened.then((dialog) => {
      const close = () => {
        try {
          dialog.close();
        } catch {
          // Already closed.
        }
      };
      const onMessage = guardedHandler<DialogArg>((arg) => {
        // DialogOrigin 1.1 hosts tell where the message came from: only our own page may answer.
        if (arg.origin !== undefined && arg.origin !== expectedOrigin) return;
        close();
        resolve(String(arg.message ?? ''));
      }, onError);
      const onEvent = guardedHandler<DialogArg>((arg) => {
        const code = typeof arg.error === 'number' ? arg.error : null;
        reject(
          new OfficeCallError(
            'dialog',
            code,
            code === DIALOG_CLOSED_BY_USER ? 'closed by the user' : 'dialog failed',
          ),
        );
      }, onError);
      try {
        dialog.addEventHandler(office.EventType.DialogMessageReceived, onMessage as (arg: unknown) => void);
        dialog.addEventHandler(office.EventType.DialogEventReceived, onEvent as (arg: unknown) => void);
      } catch (e) {
        close();
        reject(e);
      }
    }, reject);
  });
}
