import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  domainOf,
  isValidAddress,
  isValidDomain,
  localPartOf,
  normalizeAddress,
} from '../../shared/email.js';

describe('shared/email', () => {
  describe('isValidAddress', () => {
    const valid = [
      'jane@fabrikam.com',
      'Jane.Doe@Fabrikam.COM',
      'jane+news@mail.fabrikam.co.uk',
      "o'brien@contoso.ie",
      'a@b.co',
      'user..dots.@docomo.ne.jp', // issued by real carriers; Exchange delivers to them
      'søren@eksempel.dk',
      'info@xn--bcher-kva.example',
      'info@bücher.example',
      `${'a'.repeat(64)}@example.com`,
    ];
    const invalid = [
      '',
      'jane',
      '@fabrikam.com',
      'jane@',
      'jane@@fabrikam.com',
      'jane@fab@rikam.com',
      'jane doe@fabrikam.com',
      'jane@fabrikam com',
      ' jane@fabrikam.com', // not trimmed: normalizeAddress does that
      '<jane@fabrikam.com>',
      'jane@localhost',
      'jane@fabrikam.',
      'jane@.fabrikam.com',
      'jane@fabrikam..com',
      'jane@-fabrikam.com',
      'jane@fabrikam-.com',
      'jane@[10.0.0.1]',
      'jane@10.0.0.1',
      'jane@fab_rikam.com',
      'ja"ne@fabrikam.com',
      'ja,ne@fabrikam.com',
      'jane\u0000@fabrikam.com',
      `${'a'.repeat(65)}@example.com`,
      `a@${'b'.repeat(64)}.com`,
      `a@${'b.'.repeat(126)}com`, // domain over 253
      '/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=JANE',
    ];
    for (const a of valid) it(`accepts ${JSON.stringify(a)}`, () => assert.equal(isValidAddress(a), true));
    for (const a of invalid) it(`rejects ${JSON.stringify(a)}`, () => assert.equal(isValidAddress(a), false));

    it('enforces the 254 total length limit', () => {
      const domain = (tail: number) => `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(tail)}.com`;
      const at254 = `${'a'.repeat(64)}@${domain(57)}`;
      assert.equal(at254.length, 254);
      assert.equal(isValidAddress(at254), true);
      assert.equal(isValidAddress(`${'a'.repeat(64)}@${domain(58)}`), false);
    });
  });

  describe('isValidDomain', () => {
    it('needs two labels and a non-numeric top level', () => {
      assert.equal(isValidDomain('fabrikam.com'), true);
      assert.equal(isValidDomain('com'), false);
      assert.equal(isValidDomain('1.2.3.4'), false);
      assert.equal(isValidDomain('x.123a'), true);
    });
  });

  describe('normalizeAddress', () => {
    const cases: [string | null | undefined, string | null][] = [
      ['jane@fabrikam.com', 'jane@fabrikam.com'],
      ['  Jane.Doe@Fabrikam.COM\t', 'jane.doe@fabrikam.com'],
      ['<Jane@Fabrikam.com>', 'jane@fabrikam.com'],
      [' < jane@fabrikam.com > ', 'jane@fabrikam.com'],
      ['mailto:Jane@Fabrikam.com', 'jane@fabrikam.com'],
      ['MAILTO:jane@fabrikam.com', 'jane@fabrikam.com'],
      ['<mailto:jane@fabrikam.com>', 'jane@fabrikam.com'],
      ['Jane Doe <Jane@Fabrikam.com>', 'jane@fabrikam.com'],
      ['"Doe, Jane" <jane@fabrikam.com>', 'jane@fabrikam.com'],
      ['jane@fabrikam.com>', null],
      ['', null],
      ['   ', null],
      [null, null],
      [undefined, null],
      ['jane', null],
      ['jane@@fabrikam.com', null],
      ['<>', null],
    ];
    for (const [raw, expected] of cases) {
      it(`${JSON.stringify(raw)} -> ${JSON.stringify(expected)}`, () =>
        assert.equal(normalizeAddress(raw), expected));
    }

    it('is idempotent and its output is always a valid, lower-case, trimmed address', () => {
      const addressLike = fc.oneof(
        fc.string(),
        fc.emailAddress(),
        fc
          .tuple(
            fc.constantFrom('', ' ', '<', 'mailto:', 'Name <'),
            fc.emailAddress(),
            fc.constantFrom('', ' ', '>'),
          )
          .map(([a, b, c]) => a + b + c),
      );
      fc.assert(
        fc.property(addressLike, (raw) => {
          const once = normalizeAddress(raw);
          if (once === null) return;
          assert.equal(normalizeAddress(once), once);
          assert.equal(isValidAddress(once), true);
          assert.equal(once, once.toLowerCase());
          assert.equal(once, once.trim());
        }),
      );
    });

    it('accepts what fast-check considers RFC addresses', () => {
      fc.assert(
        fc.property(fc.emailAddress({ size: 'small' }), (a) => {
          // fast-check also produces quoted-free atext locals and hyphenated labels, all of which we accept.
          assert.notEqual(normalizeAddress(a), null, a);
        }),
      );
    });
  });

  describe('domainOf / localPartOf', () => {
    it('split a normalised address', () => {
      assert.equal(domainOf('Jane@Mail.Fabrikam.com'), 'mail.fabrikam.com');
      assert.equal(localPartOf('<Jane.Doe@fabrikam.com>'), 'jane.doe');
    });
    it('return null for invalid input', () => {
      assert.equal(domainOf('nonsense'), null);
      assert.equal(localPartOf(null), null);
    });
  });
});
