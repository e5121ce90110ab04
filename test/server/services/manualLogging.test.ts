import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyMessage } from '../../../server/domain/classifier.js';
import { buildDirectory } from '../../../server/domain/directory.js';
import { messageKeyOf } from '../../../server/domain/messageParts.js';
import { mailMessageOf } from '../../../server/services/manualLogging.js';
import type { MessageRef } from '../../../shared/api/messages.js';

const directory = buildDirectory({
  salespeople: [{ code: 'PH', name: 'Peter', email: 'peter@contoso.example', active: true }],
  contacts: [
    {
      number: 'CT1',
      kind: 'person',
      name: 'Anna',
      companyNumber: null,
      email: 'anna@fabrikam.example',
      alternateEmails: [],
      privacyBlocked: false,
      salespersonCode: null,
    },
  ],
});

const party = (address: string) => ({ address, name: '' });
const ref = (over: Partial<MessageRef>): MessageRef => ({
  internetMessageId: '<m@x>',
  subject: 'Hi',
  sentDateTime: '2025-03-03T09:00:00+01:00',
  from: party('peter@contoso.example'),
  to: [party('anna@fabrikam.example')],
  cc: [],
  ...over,
});

describe('manual logging reads a message as the loop does (pure)', () => {
  it('keys a message by its internetMessageId, whatever Outlook gives as its item id', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        fc.option(fc.string({ minLength: 1 })),
        (id, rest) => {
          const message = mailMessageOf(
            ref({ internetMessageId: id, ...(rest ? { itemRestId: rest } : {}) }),
          );
          assert.equal(messageKeyOf(message), id.trim());
        },
      ),
    );
  });

  it('classifies with `sender` when Outlook reports a different sender (send on behalf)', () => {
    const outbound = classifyMessage(mailMessageOf(ref({})), directory);
    assert.equal(outbound.kind === 'log' && outbound.direction, 'outbound');
    const onBehalf = classifyMessage(
      mailMessageOf(
        ref({
          from: party('peter@contoso.example'),
          sender: party('anna@fabrikam.example'),
          to: [party('peter@contoso.example')],
        }),
      ),
      directory,
    );
    assert.equal(onBehalf.kind === 'log' && onBehalf.direction, 'inbound');
    const c = classifyMessage(mailMessageOf(ref({})), directory);
    assert.equal(
      c.kind === 'log' && c.occurredAt,
      '2025-03-03T08:00:00.000Z',
      'an offset is applied, as the loop does',
    );
  });
});
