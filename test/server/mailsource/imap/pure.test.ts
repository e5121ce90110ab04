// The IMAP adapter's pure parts: error codes, ids and cursors, folder resolution, message translation.
import assert from 'node:assert/strict';
import type { FetchMessageObject, ListResponse } from 'imapflow';
import { MailSourceError } from '../../../../server/mailsource/MailSource.js';
import { classifyImapFailure, toMailSourceError } from '../../../../server/mailsource/imap/errors.js';
import { findFolder, pathToCreate } from '../../../../server/mailsource/imap/folders.js';
import {
  decodeCursor,
  decodeMessageId,
  encodeCursor,
  encodeMessageId,
} from '../../../../server/mailsource/imap/ids.js';
import { translateMessage } from '../../../../server/mailsource/imap/translate.js';

describe('IMAP adapter: error codes', () => {
  const cases: Array<[string, object, string]> = [
    [
      'refused LOGIN',
      { authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED' },
      'auth_failed',
    ],
    [
      'too many connections at login',
      { authenticationFailed: true, serverResponseCode: 'LIMIT' },
      'throttled',
    ],
    ['missing folder', { mailboxMissing: true, responseStatus: 'NO' }, 'not_found'],
    ['NONEXISTENT', { serverResponseCode: 'NONEXISTENT', responseStatus: 'NO' }, 'not_found'],
    ['NOPERM', { serverResponseCode: 'NOPERM', responseStatus: 'NO' }, 'access_denied'],
    ['UNAVAILABLE', { serverResponseCode: 'UNAVAILABLE', responseStatus: 'NO' }, 'transient'],
    ['LIMIT', { serverResponseCode: 'LIMIT', responseStatus: 'NO' }, 'throttled'],
    ['throttled', { code: 'ETHROTTLE', throttleReset: 5000 }, 'throttled'],
    ['refused connection', { code: 'ECONNREFUSED' }, 'transient'],
    ['timeout', { code: 'CONNECT_TIMEOUT' }, 'transient'],
    ['closed', { code: 'NoConnection' }, 'transient'],
    ['untrusted certificate', { code: 'SELF_SIGNED_CERT_IN_CHAIN' }, 'invalid_request'],
    ['wrong certificate name', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'invalid_request'],
    ['unknown host', { code: 'ENOTFOUND' }, 'invalid_request'],
    ['BAD', { responseStatus: 'BAD' }, 'invalid_request'],
  ];
  for (const [what, err, code] of cases) {
    it(`${what} -> ${code}`, () =>
      assert.equal(classifyImapFailure(Object.assign(new Error(what), err)), code));
  }

  it('keeps the server code for diagnostics and the throttle hint, and passes MailSourceErrors through', () => {
    const e = toMailSourceError(
      Object.assign(new Error('x'), { code: 'ETHROTTLE', throttleReset: 5000 }),
      'FETCH',
    );
    assert.deepEqual([e.code, e.providerCode, e.retryAfterMs], ['throttled', 'ETHROTTLE', 5000]);
    const own = new MailSourceError('sync_reset', 'again');
    assert.equal(toMailSourceError(own, 'x'), own);
  });
});

describe('IMAP adapter: message ids and the Inbox cursor', () => {
  it('round-trips folder, UIDVALIDITY, UID and a Message-ID with colons', () => {
    const ref = {
      folder: 'Archive/2027: Q1',
      uidValidity: '1796322071',
      uid: 42,
      messageId: '<a:b@c.example>',
    };
    assert.deepEqual(decodeMessageId(encodeMessageId(ref)), ref);
    const none = { ...ref, messageId: null };
    assert.deepEqual(decodeMessageId(encodeMessageId(none)), none);
  });

  it('leaves a Message-ID too long for an API request out of the id', () => {
    const id = encodeMessageId({
      folder: 'INBOX',
      uidValidity: '1',
      uid: 1,
      messageId: `<${'x'.repeat(400)}@y>`,
    });
    assert.ok(id.length < 500);
    assert.equal(decodeMessageId(id).messageId, null);
  });

  it('refuses ids of other sources', () => {
    for (const id of ['AAMkAGI2', 'imap1:x:1:INBOX:', 'imap1:1:0:INBOX:']) {
      assert.throws(
        () => decodeMessageId(id),
        (e: MailSourceError) => e.code === 'invalid_request',
      );
    }
  });

  it('answers a cursor it did not write (a Graph delta link) with sync_reset', () => {
    assert.deepEqual(decodeCursor(encodeCursor({ uidValidity: '7', highestUid: 9 })), {
      uidValidity: '7',
      highestUid: 9,
    });
    for (const c of ['https://graph.microsoft.com/v1.0/delta?x', '{"v":2}', '{"v":1,"uidValidity":7}']) {
      assert.throws(
        () => decodeCursor(c),
        (e: MailSourceError) => e.code === 'sync_reset',
      );
    }
  });
});

describe('IMAP adapter: folders', () => {
  const f = (path: string, specialUse?: string): ListResponse =>
    ({
      path,
      name: path.split('.').at(-1)!,
      delimiter: '.',
      flags: new Set<string>(),
      specialUse,
    }) as ListResponse;
  const dovecot = [f('INBOX', '\\Inbox'), f('Archive', '\\Archive'), f('Spam', '\\Junk'), f('Quarantine')];
  const courier = [f('INBOX'), f('INBOX.Archiv'), f('INBOX.Junk'), f('INBOX.Interlog quarantine')];

  it('finds well-known folders by SPECIAL-USE, then by the setup names, then by the usual names', () => {
    assert.equal(findFolder(dovecot, 'inbox', '')?.path, 'INBOX');
    assert.equal(findFolder(dovecot, 'archive', '')?.path, 'Archive');
    assert.equal(findFolder(dovecot, 'junkemail', '')?.path, 'Spam');
    assert.equal(findFolder(courier, 'archive', 'INBOX.', { archive: 'Archiv' })?.path, 'INBOX.Archiv');
    assert.equal(findFolder(courier, 'junkemail', 'INBOX.')?.path, 'INBOX.Junk');
    assert.equal(findFolder(courier, 'archive', 'INBOX.'), undefined);
  });

  it('finds other folders by path or by name under the namespace prefix, and creates them there', () => {
    assert.equal(findFolder(dovecot, 'Quarantine', '')?.path, 'Quarantine');
    assert.equal(findFolder(dovecot, 'quarantine', '')?.path, 'Quarantine');
    assert.equal(findFolder(courier, 'Interlog quarantine', 'INBOX.')?.path, 'INBOX.Interlog quarantine');
    assert.equal(pathToCreate('Interlog quarantine', 'INBOX.'), 'INBOX.Interlog quarantine');
    assert.equal(pathToCreate('archive', 'INBOX.'), 'INBOX.Archive');
    assert.equal(pathToCreate('archive', '', { archive: 'Arkiv' }), 'Arkiv');
  });
});

describe('IMAP adapter: translation of a FETCH answer', () => {
  const raw = (over: Partial<FetchMessageObject> = {}): FetchMessageObject => ({
    seq: 1,
    uid: 7,
    flags: new Set(['\\Seen']),
    internalDate: new Date('2025-03-03T08:15:05Z'),
    envelope: {
      date: new Date('2025-03-03T08:15:00Z'),
      subject: 'Quote',
      messageId: '<q@x.example>',
      from: [{ name: 'Anna Jensen', address: 'anna@x.example' }],
      sender: [{ name: 'Assistant', address: 'assistant@x.example' }],
      to: [{ name: '', address: 'peter@y.example' }, { name: 'Undisclosed recipients' }],
      cc: [],
    },
    headers: Buffer.from('Sensitivity: Private\r\n\r\n'),
    ...over,
  });

  it('takes sender (Sender:) and from (From:) apart, dates from Date: and INTERNALDATE', () => {
    const m = translateMessage('INBOX', '5', raw());
    assert.deepEqual(m.sender, { address: 'assistant@x.example', name: 'Assistant' });
    assert.deepEqual(m.from, { address: 'anna@x.example', name: 'Anna Jensen' });
    assert.deepEqual(m.toRecipients, [
      { address: 'peter@y.example', name: null },
      { address: null, name: 'Undisclosed recipients' },
    ]);
    assert.equal(m.sentDateTime, '2025-03-03T08:15:00.000Z');
    assert.equal(m.receivedDateTime, '2025-03-03T08:15:05.000Z');
    assert.equal(m.sensitivity, 'private');
    assert.equal(m.isDraft, false);
    assert.equal(m.parentFolderId, 'INBOX');
    assert.deepEqual(decodeMessageId(m.id), {
      folder: 'INBOX',
      uidValidity: '5',
      uid: 7,
      messageId: '<q@x.example>',
    });
  });

  it('a message without sender, Message-ID or dates stays a message (the classifier decides)', () => {
    const m = translateMessage(
      'INBOX',
      '5',
      raw({ envelope: {}, internalDate: undefined, flags: new Set(['\\Draft']) }),
    );
    assert.deepEqual(
      [m.sender, m.from, m.internetMessageId, m.sentDateTime, m.receivedDateTime],
      [null, null, null, null, null],
    );
    assert.equal(m.isDraft, true);
  });
});
