import assert from 'node:assert/strict';
import type { InteractionSummary } from '../../../../shared/api/interactions.js';
import type { MessageRef } from '../../../../shared/api/messages.js';
import { opportunitySource } from '../../../../addin/taskpane/logic/opportunity-source.js';

const ref = { internetMessageId: '<m@x>' } as MessageRef;
const summary = (entryNumber: number, opportunityNumber: string | null, canceled = false) =>
  ({ entryNumber, opportunityNumber, canceled }) as InteractionSummary;

describe('addin/taskpane/logic/opportunity-source', () => {
  it('uses the logged entry of the contact when it has no opportunity yet', () => {
    const lookup = {
      logged: { isLogged: true, entries: [{ entryNumber: 7, contactNumber: 'CT1', salespersonCode: 'JD' }] },
      recentInteractions: { CT1: [summary(7, null)] },
    };
    assert.deepEqual(opportunitySource(lookup, 'CT1', ref), { fromEntryNumber: 7 });
  });

  it('makes a plain opportunity when that entry already has one or is canceled', () => {
    const logged = {
      isLogged: true,
      entries: [{ entryNumber: 7, contactNumber: 'CT1', salespersonCode: null }],
    };
    assert.deepEqual(
      opportunitySource({ logged, recentInteractions: { CT1: [summary(7, 'OP1')] } }, 'CT1', ref),
      {},
    );
    assert.deepEqual(
      opportunitySource({ logged, recentInteractions: { CT1: [summary(7, null, true)] } }, 'CT1', ref),
      {},
    );
  });

  it('creates from the message when it is not logged yet', () => {
    const lookup = { logged: { isLogged: false, entries: [] }, recentInteractions: {} };
    assert.deepEqual(opportunitySource(lookup, 'CT1', ref), { fromMessage: ref });
  });

  it('makes a plain opportunity in compose mode and when the mail is logged for other contacts only', () => {
    assert.deepEqual(
      opportunitySource({ logged: { isLogged: false, entries: [] }, recentInteractions: {} }, 'CT1', null),
      {},
    );
    const others = {
      isLogged: true,
      entries: [{ entryNumber: 8, contactNumber: 'CT2', salespersonCode: null }],
    };
    assert.deepEqual(opportunitySource({ logged: others, recentInteractions: {} }, 'CT1', ref), {});
  });
});
