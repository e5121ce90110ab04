import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MailSourceError } from '../../../../server/mailsource/MailSource.js';
import {
  translateMessage,
  translatePage,
  translateRecipient,
} from '../../../../server/mailsource/graph/pageTranslator.js';

const fixtures = new URL('../../../fixtures/graph-pages/', import.meta.url);
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));

describe('graph pageTranslator', () => {
  it('turns a raw Graph page into the expected MessagePage (golden file)', () => {
    assert.deepEqual(translatePage(load('inbox-page-first.json')), load('inbox-page-first.expected.json'));
  });

  it('keeps the nextLink byte for byte', () => {
    const raw = load('inbox-page-first.json') as Record<string, string>;
    assert.equal(translatePage(raw).next, raw['@odata.nextLink']);
  });

  it('reads the last page (no nextLink) as next = null', () => {
    assert.deepEqual(translatePage(load('inbox-page-last.json')), { messages: [], next: null });
  });

  it('fills every missing property of a bare message with null or an empty list', () => {
    const message = translateMessage(load('message-bare.json'));
    assert.deepEqual(message, {
      id: 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AIiLKjG2I7E_Xv0_ys6MD0wAAGHwfRgAA',
      internetMessageId: null,
      conversationId: null,
      isDraft: false,
      subject: null,
      sentDateTime: null,
      receivedDateTime: null,
      webLink: null,
      sender: null,
      from: null,
      toRecipients: [],
      ccRecipients: [],
      parentFolderId: null,
      sensitivity: null,
    });
  });

  it('rejects a page without a value array as a transient provider glitch', () => {
    assert.throws(
      () => translatePage(load('page-without-value.json')),
      (err: unknown) => err instanceof MailSourceError && err.code === 'transient',
    );
  });

  it('rejects a message without an id rather than inventing one', () => {
    assert.throws(
      () => translatePage({ value: [{ subject: 'no id' }] }),
      (err: unknown) => err instanceof MailSourceError && err.code === 'transient',
    );
  });

  it('treats wrongly typed fields as missing', () => {
    const message = translateMessage({
      id: 'x',
      subject: 42,
      isDraft: 'yes',
      toRecipients: 'a@b.c',
      from: [],
    });
    assert.equal(message.subject, null);
    assert.equal(message.isDraft, false);
    assert.deepEqual(message.toRecipients, []);
    assert.equal(message.from, null);
  });

  it('keeps a recipient with only a name or only an address, drops an empty one', () => {
    assert.deepEqual(translateRecipient({ emailAddress: { address: 'a@b.dk' } }), {
      address: 'a@b.dk',
      name: null,
    });
    assert.deepEqual(translateRecipient({ emailAddress: { name: 'N' } }), { address: null, name: 'N' });
    assert.equal(translateRecipient({ emailAddress: {} }), null);
    assert.equal(translateRecipient(null), null);
  });
});
