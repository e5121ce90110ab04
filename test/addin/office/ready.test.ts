/// <reference types="office-js" />
import assert from 'node:assert/strict';
import { OfficeMockObject } from 'office-addin-mock';
import { officeReady } from '../../../addin/office/ready.js';
import { installGlobalOffice } from './fake-outlook.js';

describe('addin/office/ready', () => {
  it('resolves with the host and platform Office reports', async () => {
    const office = new OfficeMockObject({
      host: 'outlook',
      onReady: (cb: (info: unknown) => void) =>
        setTimeout(() => cb({ host: 'Outlook', platform: 'OfficeOnline' }), 0),
    });
    const restore = installGlobalOffice(office);
    try {
      assert.deepEqual(await officeReady(Office), { host: 'Outlook', platform: 'OfficeOnline' });
    } finally {
      restore();
    }
  });

  it('resolves with nulls in a plain browser tab (no host)', async () => {
    const office = new OfficeMockObject({
      host: 'outlook',
      onReady: (cb: (info: unknown) => void) => cb({ host: null, platform: null }),
    });
    assert.deepEqual(await officeReady(office as unknown as typeof Office), { host: null, platform: null });
  });
});
