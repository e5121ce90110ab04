import assert from 'node:assert/strict';
import { blocklistOf, compileBlocklist, parseBlocklistEntry } from '../../../server/domain/blocklist.js';

describe('server/domain/blocklist', () => {
  describe('parseBlocklistEntry', () => {
    it('accepts addresses and domains and gives a canonical lower-case form', () => {
      assert.deepEqual(parseBlocklistEntry(' Jane@Fabrikam.com '), {
        ok: true,
        entry: { kind: 'address', value: 'jane@fabrikam.com' },
        canonical: 'jane@fabrikam.com',
      });
      assert.deepEqual(parseBlocklistEntry('@Fabrikam.com'), {
        ok: true,
        entry: { kind: 'domain', value: 'fabrikam.com' },
        canonical: '@fabrikam.com',
      });
      assert.deepEqual(parseBlocklistEntry('*@news.fabrikam.com'), {
        ok: true,
        entry: { kind: 'domain', value: 'news.fabrikam.com' },
        canonical: '@news.fabrikam.com',
      });
    });

    for (const bad of [
      '',
      '   ',
      '@',
      '@localhost',
      '@fab rikam.com',
      'jane@',
      'jane@@x.com',
      '*@',
      '@@x.com',
    ]) {
      it(`rejects ${JSON.stringify(bad)}`, () => {
        const r = parseBlocklistEntry(bad);
        assert.equal(r.ok, false);
        if (!r.ok) assert.ok(r.error.length > 0);
      });
    }

    it('explains how to write a domain when given a bare one', () => {
      const r = parseBlocklistEntry('fabrikam.com');
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, /"@fabrikam\.com"/);
    });
  });

  describe('compileBlocklist', () => {
    const list = compileBlocklist(['jane@fabrikam.com', '@contoso.com', 'not valid']);

    it('blocks exact addresses', () => {
      assert.equal(list.isBlocked('jane@fabrikam.com'), true);
      assert.equal(list.isBlocked('jane2@fabrikam.com'), false);
    });

    it('blocks a domain and its subdomains, not look-alikes or parents', () => {
      assert.equal(list.isBlocked('ole@contoso.com'), true);
      assert.equal(list.isBlocked('ole@eu.mail.contoso.com'), true);
      assert.equal(list.isBlocked('ole@notcontoso.com'), false);
      assert.equal(list.isBlocked('ole@contoso.com.evil.example'), false);
      assert.equal(list.isBlocked('ole@com'), false);
    });

    it('skips invalid entries', () => assert.equal(list.size, 2));
  });

  describe('blocklistOf', () => {
    it('compiles an array once and passes compiled lists through', () => {
      const entries = ['@x.example'];
      const a = blocklistOf(entries);
      assert.equal(blocklistOf(entries), a);
      assert.equal(blocklistOf(a), a);
      assert.equal(blocklistOf(undefined).isBlocked('a@x.example'), false);
    });
  });
});
