/// <reference types="office-js" />
import assert from 'node:assert/strict';
import { OfficeCallError } from '../../../addin/office/async.js';
import { createOfficeHost, DIALOG_CLOSED_BY_USER } from '../../../addin/office/host.js';
import {
  EventHub,
  EventType,
  address,
  composeItemSeed,
  failed,
  fakeOutlook,
  installGlobalOffice,
  ok,
  readItemSeed,
} from './fake-outlook.js';

describe('addin/office/host (office-addin-mock as the global Office)', () => {
  let restore: () => void = () => {};
  afterEach(() => restore());

  function hostFor(options: Parameters<typeof fakeOutlook>[0] = {}, onError?: (e: unknown) => void) {
    const fake = fakeOutlook(options);
    restore = installGlobalOffice(fake.office);
    return { ...fake, host: createOfficeHost(Office, onError ? { onError } : {}) };
  }

  describe('read mode', () => {
    it('reads the item into plain values, with the REST id from convertToRestId', async () => {
      const { host } = hostFor();
      assert.deepEqual(await host.readItem(), {
        kind: 'read',
        subject: 'Quote for 40 pumps',
        from: { address: 'Jane.Doe@Fabrikam.com', name: 'Jane Doe' },
        sender: { address: 'assistant@fabrikam.com', name: 'Assistant' },
        to: [
          { address: 'me@contoso.com', name: 'Me' },
          { address: 'bob@northwind.com', name: 'Bob' },
        ],
        cc: [{ address: 'carol@contoso.com', name: 'Carol' }],
        internetMessageId: '<abc123@fabrikam.com>',
        itemId: 'AAMkAGI2TG93AAA=',
        restId: 'rest(v2.0):AAMkAGI2TG93AAA=',
        conversationId: 'AAQkAGI2conv',
        dateTimeCreated: '2025-03-12T13:05:00.000Z',
      });
    });

    it('leaves the REST id null when the conversion fails', async () => {
      const { office, host } = hostFor();
      (office.context.mailbox as unknown as { convertToRestId: unknown }).convertToRestId = () => {
        throw new Error('not supported');
      };
      assert.equal((await host.readItem())?.kind, 'read');
      assert.equal(((await host.readItem()) as { restId: string | null }).restId, null);
    });

    it('copes with a just-sent item that has no internetMessageId and missing parties', async () => {
      const item = { ...readItemSeed(), internetMessageId: '', to: [], cc: [] } as Record<string, unknown>;
      delete item.sender;
      const { host } = hostFor({ item });
      const read = await host.readItem();
      assert.ok(read && read.kind === 'read');
      assert.equal(read.internetMessageId, null);
      assert.equal(read.sender, null);
      assert.deepEqual(read.to, []);
    });

    it('answers null when nothing is selected (pinned pane between items)', async () => {
      const { host } = hostFor({ item: null });
      assert.equal(await host.readItem(), null);
    });
  });

  describe('compose mode', () => {
    it('reads recipients and subject through getAsync', async () => {
      const item = composeItemSeed(new EventHub(), {
        to: [address('bob@northwind.com', 'Bob')],
        cc: [],
        subject: 'Draft',
      });
      const { host } = hostFor({ item });
      assert.deepEqual(await host.readItem(), {
        kind: 'compose',
        subject: 'Draft',
        to: [{ address: 'bob@northwind.com', name: 'Bob' }],
        cc: [],
      });
    });

    it('rejects (never throws into Office) when a getter fails', async () => {
      const failing = {
        itemType: 'message',
        to: { getAsync: (cb: (r: unknown) => void) => cb(failed(9041, 'network')) },
        cc: { getAsync: (cb: (r: unknown) => void) => cb(ok([])) },
        subject: { getAsync: (cb: (r: unknown) => void) => cb(ok('x')) },
      };
      const { host } = hostFor({ item: failing });
      await assert.rejects(
        host.readItem(),
        (e: unknown) => e instanceof OfficeCallError && e.officeCode === 9041,
      );
    });

    it('follows RecipientsChanged on the compose item, and stops after unsubscribing', async () => {
      const itemEvents = new EventHub();
      const { host } = hostFor({ item: composeItemSeed(itemEvents, { to: [], cc: [], subject: '' }) });
      let changes = 0;
      const unsubscribe = await host.onRecipientsChanged(() => changes++);
      itemEvents.fire(EventType.RecipientsChanged);
      await unsubscribe();
      itemEvents.fire(EventType.RecipientsChanged);
      assert.equal(changes, 1);
    });
  });

  describe('events', () => {
    it('follows ItemChanged on Mailbox 1.5; a throwing listener is reported, not thrown into Office', async () => {
      const errors: unknown[] = [];
      const { host, mailboxEvents } = hostFor({}, (e) => errors.push(e));
      let calls = 0;
      const unsubscribe = await host.onItemChanged(() => {
        calls++;
        throw new Error('listener bug');
      });
      assert.doesNotThrow(() => mailboxEvents.fire(EventType.ItemChanged));
      assert.equal(calls, 1);
      assert.equal((errors[0] as Error).message, 'listener bug');
      await unsubscribe();
      mailboxEvents.fire(EventType.ItemChanged);
      assert.equal(calls, 1);
    });

    it('does not subscribe where the requirement set is missing', async () => {
      const { host, mailboxEvents } = hostFor({ sets: ['Mailbox 1.1'] });
      let calls = 0;
      await host.onItemChanged(() => calls++);
      mailboxEvents.fire(EventType.ItemChanged);
      assert.equal(calls, 0);
    });

    it('ignores RecipientsChanged in read mode', async () => {
      const { host } = hostFor();
      const unsubscribe = await host.onRecipientsChanged(() => assert.fail('no events in read mode'));
      await unsubscribe();
    });
  });

  describe('environment', () => {
    it('reports language, user and theme; the theme is undefined where Outlook gives none', () => {
      const dark = hostFor({ theme: { bodyBackgroundColor: '#1f1f1f' } }).host;
      assert.equal(dark.displayLanguage, 'da-DK');
      assert.equal(dark.userEmail, 'me@contoso.com');
      assert.equal(dark.themeKind(), 'dark');
      restore();
      assert.equal(hostFor({ theme: null }).host.themeKind(), undefined);
    });
  });

  describe('opening things', () => {
    it('opens a message by REST id through its EWS id', async () => {
      const { host, displayed } = hostFor();
      assert.equal(host.canDisplayMessage(), true);
      await host.displayMessage('AAkALgAAAAAAHYQDEapmEc2byACqAC');
      assert.deepEqual(displayed, ['ews(v2.0):AAkALgAAAAAAHYQDEapmEc2byACqAC']);
    });

    it('opens https links in the browser and refuses anything else', () => {
      const { host, browserOpened } = hostFor({ sets: ['Mailbox 1.5', 'OpenBrowserWindowApi 1.1'] });
      host.openUrl('https://outlook.office.com/mail/id/1');
      assert.throws(() => host.openUrl('javascript:alert(1)'));
      assert.deepEqual(browserOpened, ['https://outlook.office.com/mail/id/1']);
    });
  });

  describe('dialogs', () => {
    /** Office's dialog as a fake: `answer` plays the dialog page once the pane has registered its handlers. */
    function withDialog(answer: (dialog: EventHub) => void, open: (dialog: unknown) => unknown = ok) {
      const fake = fakeOutlook();
      const hub = new EventHub();
      const dialog = {
        addEventHandler: (type: string, handler: (arg: unknown) => void) => hub.add(type, handler, () => {}),
        close: () => {},
      };
      (fake.office.context as unknown as { ui: unknown }).ui = {
        displayDialogAsync: (_url: string, _o: unknown, cb: (r: unknown) => void) => {
          cb(open(dialog));
          setTimeout(() => answer(hub), 0);
        },
      };
      restore = installGlobalOffice(fake.office);
      return createOfficeHost(Office);
    }

    it('resolves with the message from its own origin and ignores other origins', async () => {
      const host = withDialog((d) => {
        d.fire(EventType.DialogMessageReceived, { message: 'evil', origin: 'https://attacker.example' });
        d.fire(EventType.DialogMessageReceived, { message: '{"ok":1}', origin: 'https://localhost:3000' });
      });
      assert.equal(
        await host.openDialog('https://localhost:3000/auth-dialog.html', { height: 60, width: 30 }),
        '{"ok":1}',
      );
    });

    it('rejects with Office code 12006 when the user closes the dialog', async () => {
      const host = withDialog((d) => d.fire(EventType.DialogEventReceived, { error: DIALOG_CLOSED_BY_USER }));
      await assert.rejects(
        host.openDialog('https://localhost:3000/auth-dialog.html', { height: 60, width: 30 }),
        (e: unknown) => e instanceof OfficeCallError && e.officeCode === DIALOG_CLOSED_BY_USER,
      );
    });

    it('rejects when Office cannot open the dialog', async () => {
      const host = withDialog(
        () => {},
        () => failed(12007, 'already open'),
      );
      await assert.rejects(
        host.openDialog('https://localhost:3000/auth-dialog.html', { height: 60, width: 30 }),
        (e: unknown) => e instanceof OfficeCallError && e.officeCode === 12007,
      );
    });
  });
});
