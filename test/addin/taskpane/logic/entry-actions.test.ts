import assert from 'node:assert/strict';
import type { InteractionSummary } from '../../../../shared/api/interactions.js';
import { entryActions } from '../../../../addin/taskpane/logic/entry-actions.js';

const entry = (over: Partial<InteractionSummary> = {}): InteractionSummary => ({
  entryNumber: 1,
  occurredAt: '2025-01-01T00:00:00Z',
  direction: 'outbound',
  subject: 's',
  salespersonCode: 'JD',
  salespersonName: 'Jo Doe',
  opportunityNumber: null,
  canceled: false,
  hasLink: true,
  visibility: 'full',
  private: false,
  sensitive: false,
  ...over,
});

describe('addin/taskpane/logic/entry-actions', () => {
  const open = { privacyBlocked: false, openOpportunities: 2 };

  it('offers viewing the mail, creating and linking for a plain entry', () => {
    assert.deepEqual(entryActions(entry(), open), ['open-mail', 'create-opportunity', 'link-opportunity']);
  });

  it('offers no opportunity actions for canceled, already linked or privacy-blocked entries', () => {
    assert.deepEqual(entryActions(entry({ canceled: true }), open), ['open-mail']);
    assert.deepEqual(entryActions(entry({ opportunityNumber: 'OP1' }), open), ['open-mail']);
    assert.deepEqual(entryActions(entry(), { ...open, privacyBlocked: true }), ['open-mail']);
  });

  it('offers linking only when the contact has open opportunities, viewing only with a link', () => {
    assert.deepEqual(
      entryActions(entry({ hasLink: false }), { privacyBlocked: false, openOpportunities: 0 }),
      ['create-opportunity'],
    );
  });
});
