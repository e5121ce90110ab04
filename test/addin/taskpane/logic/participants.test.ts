import assert from 'node:assert/strict';
import type { ComposeMessage, ReadMessage } from '../../../../addin/office/types.js';
import { externalParticipants } from '../../../../addin/taskpane/logic/participants.js';

const p = (address: string, name = '') => ({ address, name });

function readItem(parts: Partial<ReadMessage>): ReadMessage {
  return {
    kind: 'read',
    subject: 'Hello',
    from: null,
    sender: null,
    to: [],
    cc: [],
    internetMessageId: '<m@x>',
    itemId: null,
    restId: null,
    conversationId: null,
    dateTimeCreated: null,
    ...parts,
  };
}

const filter = { userAddresses: ['Me@Contoso.com'], internalDomains: ['contoso.com'] };

describe('addin/taskpane/logic/participants', () => {
  it('keeps external parties in header order, each once, with the first name seen', () => {
    const item = readItem({
      from: p('Jane.Doe@Fabrikam.com', 'Jane Doe'),
      sender: p('jane.doe@fabrikam.com', 'J. Doe'),
      to: [p('me@contoso.com', 'Me'), p('bob@northwind.com', ' Bob ')],
      cc: [p('<alice@adatum.com>', 'Alice'), p('BOB@northwind.com', 'Robert')],
    });
    assert.deepEqual(externalParticipants(item, filter), [
      { address: 'jane.doe@fabrikam.com', name: 'Jane Doe' },
      { address: 'bob@northwind.com', name: 'Bob' },
      { address: 'alice@adatum.com', name: 'Alice' },
    ]);
  });

  it('leaves out the user, internal domains and their subdomains, but not look-alike domains', () => {
    const item = readItem({
      from: p('me@contoso.com'),
      to: [
        p('ann@eu.contoso.com'),
        p('sam@CONTOSO.COM'),
        p('eve@notcontoso.com'),
        p('dan@contoso.com.evil.io'),
      ],
    });
    assert.deepEqual(
      externalParticipants(item, filter).map((x) => x.address),
      ['eve@notcontoso.com', 'dan@contoso.com.evil.io'],
    );
  });

  it('drops what cannot be matched: Exchange X.500 addresses, empty and malformed ones', () => {
    const item = readItem({
      from: p('/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=jane'),
      to: [p(''), p('no-at-sign'), p('ok@fabrikam.com')],
    });
    assert.deepEqual(
      externalParticipants(item, filter).map((x) => x.address),
      ['ok@fabrikam.com'],
    );
  });

  it('uses the recipients of a compose item', () => {
    const item: ComposeMessage = {
      kind: 'compose',
      subject: '',
      to: [p('a@fabrikam.com')],
      cc: [p('b@adatum.com')],
    };
    assert.deepEqual(
      externalParticipants(item, { userAddresses: [], internalDomains: [] }).map((x) => x.address),
      ['a@fabrikam.com', 'b@adatum.com'],
    );
  });

  it('treats everyone as external when no internal domains are configured', () => {
    const item = readItem({ from: p('x@contoso.com') });
    assert.equal(externalParticipants(item, { userAddresses: [], internalDomains: [] }).length, 1);
  });
});
