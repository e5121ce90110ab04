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
    assert.deepEqual(entryActions(entry(), open), [
      'view-mail',
      'open-mail',
      'create-opportunity',
      'link-opportunity',
    ]);
  });

  it('offers no opportunity actions for canceled, already linked or privacy-blocked entries', () => {
    assert.deepEqual(entryActions(entry({ canceled: true }), open), ['view-mail', 'open-mail']);
    assert.deepEqual(entryActions(entry({ opportunityNumber: 'OP1' }), open), ['view-mail', 'open-mail']);
    assert.deepEqual(entryActions(entry(), { ...open, privacyBlocked: true }), ['view-mail', 'open-mail']);
  });

  it('offers linking only when the contact has open opportunities, opening in Outlook only with a link', () => {
    assert.deepEqual(
      entryActions(entry({ hasLink: false }), { privacyBlocked: false, openOpportunities: 0 }),
      ['view-mail', 'create-opportunity'],
    );
  });

  it('offers nothing, not even viewing the mail, on an entry shown as metadata only', () => {
    assert.deepEqual(entryActions(entry({ visibility: 'metadata' }), open), []);
  });
});
