import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PAGES, parseRoute, routeHash, type Route } from '../../../../addin/admin/state/route.js';

describe('addin/admin/state/route', () => {
  it('reads the page and the mailbox of a hash, with or without the slash', () => {
    assert.deepEqual(parseRoute('#/logging?mailbox=crm-log%40contoso.example'), {
      page: 'logging',
      mailbox: 'crm-log@contoso.example',
    });
    assert.deepEqual(parseRoute('#wizard'), { page: 'wizard', mailbox: null });
    assert.deepEqual(parseRoute('#/interactions'), { page: 'interactions', mailbox: null });
  });

  it('reads the mailbox among other parameters (the consent outcome comes back with one)', () => {
    assert.deepEqual(parseRoute('#/wizard?consent=ok&mailbox=a%40x.example'), {
      page: 'wizard',
      mailbox: 'a@x.example',
    });
  });

  it('opens the status page for an empty, unknown or differently cased page', () => {
    for (const hash of ['', '#', '#/', '#/nope', '#/Logging', '#/logging/x', '#/?mailbox=a%40x.example']) {
      assert.equal(parseRoute(hash).page, 'status', hash);
    }
    assert.equal(parseRoute('#/nope?mailbox=a%40x.example').mailbox, 'a@x.example');
  });

  it('writes a hash, the mailbox only when there is one', () => {
    assert.equal(routeHash({ page: 'status', mailbox: null }), '#/status');
    assert.equal(routeHash({ page: 'status', mailbox: '' }), '#/status');
    assert.equal(
      routeHash({ page: 'logging', mailbox: 'crm-log@contoso.example' }),
      '#/logging?mailbox=crm-log%40contoso.example',
    );
  });

  it('reads back every route it writes, whatever the mailbox holds (&, #, ?, +, spaces, non-ASCII)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PAGES),
        fc.option(fc.string({ unit: 'grapheme', minLength: 1 }), { nil: null }),
        (page, mailbox) => {
          const route: Route = { page, mailbox };
          assert.deepEqual(parseRoute(routeHash(route)), route);
        },
      ),
    );
    assert.deepEqual(parseRoute(routeHash({ page: 'logging', mailbox: 'a+b&c=#?d e@x.example' })), {
      page: 'logging',
      mailbox: 'a+b&c=#?d e@x.example',
    });
  });
});
