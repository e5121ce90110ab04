// The visibility gate reads the deployment's settings once per request (one Caller), so the checks of one call
// agree with each other and cost one read; the next request reads them again (an admin's change applies).
import assert from 'node:assert/strict';
import type { Caller } from '../../../server/http/auth/identity.js';
import { ANONYMOUS } from '../../../server/http/auth/identity.js';
import type { ContactRepository } from '../../../server/repositories/contacts.js';
import {
  DEFAULT_DEPLOYMENT_SETTINGS,
  type DeploymentSettingsRepository,
} from '../../../server/repositories/deploymentSettings.js';
import type { Interaction } from '../../../server/repositories/interactions.js';
import type { Opportunity } from '../../../server/repositories/opportunities.js';
import { VisibilityService } from '../../../server/services/visibility.js';

const contact = { number: 'CT000001', salespersonCode: 'AH', privacyBlocked: false };
const entry = { entryNumber: 1, contactNumber: 'CT000001', salespersonCode: 'AH' } as unknown as Interaction;
const opportunity = {
  number: 'OP1',
  contactNumber: 'CT000001',
  salespersonCode: 'AH',
} as unknown as Opportunity;

function gate() {
  let reads = 0;
  let visibility: 'team' | 'owner' = 'team';
  const settings = {
    async get() {
      reads++;
      return { ...DEFAULT_DEPLOYMENT_SETTINGS, visibility };
    },
  } as unknown as DeploymentSettingsRepository;
  const contacts = {
    async byNumber() {
      return contact;
    },
    async byNumbers() {
      return new Map([[contact.number, contact]]);
    },
  } as unknown as ContactRepository;
  return {
    service: new VisibilityService({ settings, contacts }),
    reads: () => reads,
    set: (v: typeof visibility) => (visibility = v),
  };
}

const salesperson = (): Caller => ({
  userId: 'u1',
  tenantId: 't1',
  displayName: 'Bart',
  kind: 'user',
  roles: ['salesperson'],
  salespersonCode: 'BD',
  email: 'bart@contoso.example',
});

describe('VisibilityService: the settings of one request', () => {
  it('are read once for all the checks of one caller, and again for the next request', async () => {
    const g = gate();
    const caller = salesperson();
    await g.service.assertMayChangeEntry(caller, entry);
    await g.service.assertMayChangeOpportunity(caller, opportunity);
    await g.service.entries(caller, [entry], 'test');
    assert.equal(g.reads(), 1);

    g.set('owner'); // an admin narrows visibility: the next request decides by it
    const next = salesperson();
    await assert.rejects(g.service.assertMayChangeEntry(next, entry), /may not change/);
    assert.equal(g.reads(), 2);
  });

  it('are read every time for the shared anonymous caller', async () => {
    const g = gate();
    await g.service.opportunities(ANONYMOUS, [opportunity]);
    await g.service.opportunities(ANONYMOUS, [opportunity]);
    assert.equal(g.reads(), 2);
  });
});
