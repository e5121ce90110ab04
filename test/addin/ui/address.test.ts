// Where an address may wrap: after "@" and before dots, never inside a name.
import assert from 'node:assert/strict';
import { addressParts } from '../../../addin/ui/addressParts.js';

describe('Address', () => {
  it('may wrap after "@" and before each dot, and the parts are the address again', () => {
    assert.deepEqual(addressParts('annette.hill@contoso.example'), [
      'annette',
      '.hill@',
      'contoso',
      '.example',
    ]);
    assert.deepEqual(addressParts('crm-log@mail.contoso.co.uk').join(''), 'crm-log@mail.contoso.co.uk');
    assert.deepEqual(addressParts('no-at-sign'), ['no-at-sign']);
    assert.deepEqual(addressParts(''), []);
  });
});
