// The audit table's describers in isolation: field names never values, the consent callback's outcome read
// from its redirect, role changes of salespeople.
import assert from 'node:assert/strict';
import { ROUTE_AUDITS, fieldNames } from '../../../../server/routes/audit/table.js';
import type { AuditedCall } from '../../../../server/routes/route.js';

const call = (over: Partial<AuditedCall>): AuditedCall => ({
  params: {},
  query: {},
  body: {},
  reply: undefined,
  done: undefined,
  status: 200,
  headers: {},
  ...over,
});

describe('audit table', () => {
  it('names fields, nested ones dotted, never their values', () => {
    assert.deepEqual(
      fieldNames({
        clientSecret: 's3cret',
        policy: { blocklist: ['a@b.example'], unmatched: 'keep' },
        tags: ['x'],
      }),
      ['clientSecret', 'policy.blocklist', 'policy.unmatched', 'tags'],
    );
    assert.deepEqual(fieldNames(undefined), []);
  });

  it('reads the consent outcome from the callback redirect, and records nothing for a state nobody issued', () => {
    const callback = ROUTE_AUDITS.loggingConsentCallback!;
    const ok = callback(
      call({
        status: 303,
        headers: { Location: '/admin?lang=da#/logging?mailbox=crm%40contoso.example&consent=ok' },
      }),
    );
    assert.deepEqual(ok, {
      action: 'consent.complete',
      target: { type: 'mailbox', id: 'crm@contoso.example' },
      detail: { outcome: 'ok', code: null },
    });
    const failed = callback(
      call({
        status: 303,
        headers: {
          Location: '/admin#/wizard?mailbox=crm%40contoso.example&consent=error&code=wrong_account',
        },
      }),
    );
    assert.deepEqual(failed && !Array.isArray(failed) && failed.detail, {
      outcome: 'error',
      code: 'wrong_account',
    });
    assert.equal(
      callback(call({ status: 303, headers: { Location: '/admin#/logging?consent=error&code=x' } })),
      null,
    );
  });

  it('records a salesperson change and the role changes it makes', () => {
    const notes = ROUTE_AUDITS.updateSalesperson!(
      call({ body: { active: false, email: 'new@contoso.example' }, reply: { code: 'KL', active: false } }),
    );
    assert.deepEqual(
      [notes].flat().map((n) => n && [n.action, n.detail]),
      [
        ['salesperson.update', { fields: ['active', 'email'] }],
        ['role.change', { role: 'salesperson', change: 'revoked' }],
        ['role.change', { role: 'salesperson', change: 'readdressed' }],
      ],
    );
  });

  it('an opportunity made from a mail also records the mail as logged, one line per entry', () => {
    const made = ROUTE_AUDITS.createOpportunity!(
      call({
        body: { contactNumber: 'CT000001', description: 'x', fromMessage: {} },
        reply: { number: 'OP000007' },
        done: { status: 'logged', entries: [{ entryNumber: 41 }, { entryNumber: 42 }] },
      }),
    );
    assert.deepEqual(
      [made].flat().map((n) => [n!.action, n!.target]),
      [
        ['opportunity.create', { type: 'opportunity', number: 'OP000007' }],
        ['email.log', { type: 'entry', entryNumber: 41 }],
        ['email.log', { type: 'entry', entryNumber: 42 }],
      ],
    );
    const plain = ROUTE_AUDITS.createOpportunity!(
      call({ body: { fromEntryNumber: 3 }, reply: { number: 'OP1' } }),
    );
    assert.deepEqual(
      [plain].flat().map((n) => n!.action),
      ['opportunity.create'],
    );
  });
});
