import assert from 'node:assert/strict';
import { MailSourceError } from '../../../../server/mailsource/MailSource.js';
import {
  checkNextLink,
  GraphUrls,
  looksLikeFolderId,
  odataString,
  wellKnownFolderName,
} from '../../../../server/mailsource/graph/requests.js';

const root = 'https://graph.microsoft.com/v1.0';
const urls = new GraphUrls(root, 'shared@contoso.com');
const isCode = (code: string) => (err: unknown) => err instanceof MailSourceError && err.code === code;

describe('graph requests', () => {
  it('lists the Inbox oldest first with $select, $top and $orderby', () => {
    const url = new URL(urls.inbox({ receivedFrom: null, pageSize: 50 }));
    assert.equal(url.pathname, '/v1.0/users/shared%40contoso.com/mailFolders/inbox/messages');
    assert.equal(url.searchParams.get('$top'), '50');
    assert.equal(url.searchParams.get('$orderby'), 'receivedDateTime asc');
    assert.equal(url.searchParams.get('$filter'), null);
    assert.deepEqual(url.searchParams.get('$select')!.split(',').sort(), [
      'ccRecipients',
      'conversationId',
      'from',
      'id',
      'internetMessageId',
      'isDraft',
      'parentFolderId',
      'receivedDateTime',
      'sender',
      'sensitivity',
      'sentDateTime',
      'subject',
      'toRecipients',
      'webLink',
    ]);
  });

  it('filters from an instant with the $orderby property first in $filter', () => {
    const url = new URL(urls.inbox({ receivedFrom: '2025-03-01T01:00:00+01:00', pageSize: 5000 }));
    assert.equal(url.searchParams.get('$filter'), 'receivedDateTime ge 2025-03-01T00:00:00.000Z');
    assert.equal(url.searchParams.get('$top'), '1000');
  });

  it('refuses a bad page size or instant', () => {
    assert.throws(() => urls.inbox({ receivedFrom: null, pageSize: 0 }), isCode('invalid_request'));
    assert.throws(() => urls.inbox({ receivedFrom: 'yesterday', pageSize: 10 }), isCode('invalid_request'));
  });

  it('percent-encodes ids in paths', () => {
    assert.equal(
      urls.move('AAk/ALg+AA='),
      'https://graph.microsoft.com/v1.0/users/shared%40contoso.com/messages/AAk%2FALg%2BAA%3D/move',
    );
  });

  it('escapes quotes in OData string literals and encodes the whole filter', () => {
    assert.equal(odataString("O'Brien's"), "'O''Brien''s'");
    const url = new URL(urls.folderByDisplayName("R&D 'Arkiv' #1"));
    assert.equal(url.pathname, '/v1.0/users/shared%40contoso.com/mailFolders');
    assert.equal(url.searchParams.get('$filter'), "displayName eq 'R&D ''Arkiv'' #1'");
    assert.equal(url.hash, '');
  });

  it('tells id-shaped strings from display names', () => {
    assert.equal(looksLikeFolderId('AAMkAGI2NGVhZTVlLTI1OGMtNDI4My1iZmE5LTA5OGJiZGEzMzAxOAAuAAAAAAA='), true);
    assert.equal(looksLikeFolderId('Arkiv'), false);
    assert.equal(looksLikeFolderId('Interlog Archive'), false);
    assert.equal(looksLikeFolderId('..'), false);
  });

  it('knows the well-known folder names, case-insensitively', () => {
    assert.equal(wellKnownFolderName('Archive'), 'archive');
    assert.equal(wellKnownFolderName('deleteditems'), 'deleteditems');
    assert.equal(wellKnownFolderName('Arkiv'), null);
  });

  it('follows a nextLink only to the configured Graph host over https, unchanged', () => {
    const next = 'https://graph.microsoft.com/v1.0/users/x/messages?%24skip=10&$top=10';
    assert.equal(checkNextLink(next, 'graph.microsoft.com'), next);
    assert.equal(
      checkNextLink('https://127.0.0.1:8443/v1.0/x', '127.0.0.1:8443'),
      'https://127.0.0.1:8443/v1.0/x',
    );
    assert.throws(
      () => checkNextLink('https://evil.example/v1.0/x', 'graph.microsoft.com'),
      isCode('invalid_request'),
    );
    assert.throws(
      () => checkNextLink('http://graph.microsoft.com/v1.0/x', 'graph.microsoft.com'),
      isCode('invalid_request'),
    );
    assert.throws(
      () => checkNextLink('https://127.0.0.1:9999/v1.0/x', '127.0.0.1:8443'),
      isCode('invalid_request'),
    );
    assert.throws(() => checkNextLink('/v1.0/x', 'graph.microsoft.com'), isCode('invalid_request'));
  });
});
