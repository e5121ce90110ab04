import assert from 'node:assert/strict';
import { MessageRef } from '../../../../shared/api/messages.js';
import type { ReadMessage } from '../../../../addin/office/types.js';
import { toMessageRef } from '../../../../addin/taskpane/logic/message-ref.js';

const item: ReadMessage = {
  kind: 'read',
  subject: 'Quote',
  from: { address: 'jane@fabrikam.com', name: 'Jane' },
  sender: { address: 'jane@fabrikam.com', name: 'Jane' },
  to: [{ address: 'me@contoso.com', name: 'Me' }],
  cc: [],
  internetMessageId: '<abc@fabrikam.com>',
  itemId: 'AAMk=',
  restId: 'AAMk-rest',
  conversationId: 'conv-1',
  dateTimeCreated: '2025-03-12T13:05:00.000Z',
};

describe('addin/taskpane/logic/message-ref', () => {
  it('builds a MessageRef the contract accepts, leaving out a sender equal to from', () => {
    const ref = toMessageRef(item);
    assert.deepEqual(ref, {
      internetMessageId: '<abc@fabrikam.com>',
      subject: 'Quote',
      sentDateTime: '2025-03-12T13:05:00.000Z',
      from: { address: 'jane@fabrikam.com', name: 'Jane' },
      to: [{ address: 'me@contoso.com', name: 'Me' }],
      cc: [],
      itemRestId: 'AAMk-rest',
      conversationId: 'conv-1',
    });
    assert.equal(MessageRef.safeParse(ref).success, true);
  });

  it('keeps a send-on-behalf sender', () => {
    const ref = toMessageRef({ ...item, sender: { address: 'assistant@fabrikam.com', name: 'Assistant' } });
    assert.deepEqual(ref?.sender, { address: 'assistant@fabrikam.com', name: 'Assistant' });
  });

  it('is null until Outlook has an internetMessageId (just-sent items)', () => {
    assert.equal(toMessageRef({ ...item, internetMessageId: null }), null);
    assert.equal(toMessageRef({ ...item, dateTimeCreated: null }), null);
  });
});
