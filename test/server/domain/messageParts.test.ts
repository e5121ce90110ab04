import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  messageKeyOf,
  normalizeTimestamp,
  recipientsOf,
  subjectOf,
  truncateText,
} from '../../../server/domain/messageParts.js';

const hasLoneSurrogate = (s: string) =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const to = (...addresses: (string | null)[]) => addresses.map((address) => ({ address, name: null }));

describe('server/domain/messageParts', () => {
  describe('messageKeyOf', () => {
    it('prefers the internetMessageId, falls back to the provider id', () => {
      assert.equal(messageKeyOf({ id: 'AAMk1', internetMessageId: '<a@b>' }), '<a@b>');
      assert.equal(messageKeyOf({ id: 'AAMk1', internetMessageId: null }), 'AAMk1');
      assert.equal(messageKeyOf({ id: 'AAMk1', internetMessageId: '  ' }), 'AAMk1');
      assert.equal(messageKeyOf({ id: '', internetMessageId: null }), null);
    });
  });

  describe('subjectOf', () => {
    it('keeps the full subject and turns null into ""', () => {
      assert.equal(subjectOf({ subject: null }), '');
      assert.equal(subjectOf({ subject: 'x'.repeat(300) }), 'x'.repeat(300));
    });
  });

  describe('truncateText', () => {
    it('cuts at 100 code units and never splits a surrogate pair', () => {
      assert.equal(truncateText('short'), 'short');
      assert.equal(truncateText('a'.repeat(150)), 'a'.repeat(100));
      assert.equal(truncateText('a'.repeat(99) + '😀' + 'b'), 'a'.repeat(99));
      assert.equal(truncateText('a'.repeat(98) + '😀' + 'b'), 'a'.repeat(98) + '😀');
      assert.equal(truncateText('😀'.repeat(60)), '😀'.repeat(50));
      assert.equal(truncateText('abc', 0), '');
    });

    it('always returns a well-formed prefix within the limit', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.integer({ min: 0, max: 120 }),
          (s, max) => {
            const cut = truncateText(s, max);
            assert.ok(s.startsWith(cut));
            assert.ok(cut.length <= max || cut === s);
            assert.ok(cut.length >= Math.min(s.length, max) - 1);
            if (!hasLoneSurrogate(s)) assert.equal(hasLoneSurrogate(cut), false);
          },
        ),
      );
    });
  });

  describe('recipientsOf', () => {
    it('lists To then Cc, normalised, de-duplicated case-insensitively with order kept', () => {
      const r = recipientsOf({
        toRecipients: to('B@x.example', 'a@x.example', '<b@X.example>'),
        ccRecipients: to('A@X.EXAMPLE', 'c@x.example'),
      });
      assert.deepEqual(r, { addresses: ['b@x.example', 'a@x.example', 'c@x.example'], invalid: [] });
    });

    it('sets invalid addresses aside, reporting each once, and drops empty ones silently', () => {
      const r = recipientsOf({
        toRecipients: to('nope', null, '', 'a@x.example', 'nope'),
        ccRecipients: to('  ', 'x@@y.example'),
      });
      assert.deepEqual(r, { addresses: ['a@x.example'], invalid: ['nope', 'x@@y.example'] });
    });
  });

  describe('normalizeTimestamp', () => {
    const cases: [string | null, string | null][] = [
      ['2024-05-01T08:30:00Z', '2024-05-01T08:30:00.000Z'],
      ['2024-05-01T08:30:00.1234567Z', '2024-05-01T08:30:00.123Z'],
      // Truncated, never rounded into the next second.
      ['2024-05-01T08:30:00.9999999Z', '2024-05-01T08:30:00.999Z'],
      ['2024-05-01T08:30:00+02:00', '2024-05-01T06:30:00.000Z'],
      ['2024-05-01T08:30:00+0530', '2024-05-01T03:00:00.000Z'],
      ['2024-05-01T08:30:00-08', '2024-05-01T16:30:00.000Z'],
      ['2024-12-31T23:30:00-01:00', '2025-01-01T00:30:00.000Z'],
      ['2024-05-01T08:30Z', '2024-05-01T08:30:00.000Z'],
      ['2024-05-01 08:30:00', '2024-05-01T08:30:00.000Z'], // no zone: the MailSource contract says UTC
      ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
      ['  2024-05-01T08:30:00z ', '2024-05-01T08:30:00.000Z'],
      ['2023-02-29T00:00:00Z', null],
      ['2024-13-01T00:00:00Z', null],
      ['2024-04-31T00:00:00Z', null],
      ['2024-05-01T24:00:00Z', null],
      ['2024-05-01T08:60:00Z', null],
      ['2024-05-01T08:30:60Z', null],
      ['2024-05-01T08:30:00+15:00', null],
      ['2024-05-01T08:30:00+02:0', null],
      ['0001-01-01T00:00:00Z', null],
      ['1969-12-31T23:59:59Z', null],
      ['2024-05-01', null],
      ['May 1, 2024 08:30', null],
      ['1714552200000', null],
      ['', null],
      [null, null],
    ];
    for (const [raw, expected] of cases) {
      it(`${JSON.stringify(raw)} -> ${JSON.stringify(expected)}`, () =>
        assert.equal(normalizeTimestamp(raw), expected));
    }

    it('round-trips any instant written with any offset', () => {
      fc.assert(
        fc.property(
          fc.date({
            min: new Date('1970-01-02T00:00:00Z'),
            max: new Date('9999-12-30T00:00:00Z'),
            noInvalidDate: true,
          }),
          fc.integer({ min: -14 * 60, max: 14 * 60 }),
          (date, offset) => {
            const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
            const sign = offset < 0 ? '-' : '+';
            const abs = Math.abs(offset);
            const two = (v: number) => String(v).padStart(2, '0');
            const zone = `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
            assert.equal(normalizeTimestamp(local + zone), date.toISOString());
          },
        ),
      );
    });
  });
});
