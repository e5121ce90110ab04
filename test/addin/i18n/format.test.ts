import assert from 'node:assert/strict';
import {
  formatAmount,
  formatCalendarDate,
  formatDateTime,
  parseAmount,
  prepareDateTimeFormat,
} from '../../../addin/i18n/format.js';

describe('addin/i18n/format', () => {
  const instant = '2025-03-12T13:05:00.000Z';

  it('shows an instant in the given time zone', () => {
    assert.match(formatDateTime(instant, { locale: 'en-US', timeZone: 'Europe/Copenhagen' }), /2:05\sPM/);
    assert.match(formatDateTime(instant, { locale: 'en-US', timeZone: 'America/New_York' }), /9:05\sAM/);
    assert.match(formatDateTime(instant, { locale: 'en-US', timeZone: 'UTC' }), /1:05\sPM/);
  });

  it("follows the user's locale", () => {
    const danish = formatDateTime(instant, { locale: 'da-DK', timeZone: 'Europe/Copenhagen' });
    assert.match(danish, /14[.:]05/);
    assert.match(danish, /12\. mar/);
    assert.notEqual(danish, formatDateTime(instant, { locale: 'en-US', timeZone: 'Europe/Copenhagen' }));
  });

  it('falls back to en-US for an unusable locale tag, and to empty text for an unreadable instant', () => {
    assert.match(formatDateTime(instant, { locale: 'not a locale!', timeZone: 'UTC' }), /Mar 12, 2025/);
    assert.equal(formatDateTime('yesterday', { locale: 'en-US' }), '');
  });

  it('shows a calendar date as that day (no instant, no zone), and nothing for other formats', () => {
    assert.match(formatCalendarDate('2025-03-01', { locale: 'en-US' }), /Mar 1, 2025/);
    assert.equal(formatCalendarDate('01/03/2025', { locale: 'en-US' }), '');
  });

  it('a prepared format is the one the first date shown uses: no formatter is made then', () => {
    const real = Intl.DateTimeFormat;
    let made = 0;
    const counting = function (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      made++;
      return new real(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    counting.supportedLocalesOf = real.supportedLocalesOf;
    Intl.DateTimeFormat = counting;
    try {
      const options = { locale: 'fr-CA', timeZone: 'Pacific/Auckland' };
      prepareDateTimeFormat(options);
      assert.equal(made, 1);
      assert.match(formatDateTime(instant, options), /2025/);
      assert.equal(made, 1, 'the prepared formatter was used');
      formatDateTime(instant, { ...options, locale: 'fr-FR' });
      assert.equal(made, 2, 'another locale makes its own');
    } finally {
      Intl.DateTimeFormat = real;
    }
  });

  it('keeps the locale, zone and style of each format apart when it reuses formatters', () => {
    const at = (locale: string, timeZone?: string) => formatDateTime(instant, { locale, timeZone });
    for (let round = 0; round < 2; round++) {
      assert.match(at('en-US', 'Europe/Copenhagen'), /2:05\sPM/);
      assert.match(at('en-US', 'America/New_York'), /9:05\sAM/);
      assert.match(at('da-DK', 'Europe/Copenhagen'), /14[.:]05/);
      // A calendar date has no time, whatever zone the last instant was shown in.
      assert.doesNotMatch(formatCalendarDate('2025-03-01', { locale: 'en-US' }), /:/);
      assert.equal(formatAmount(1500.5, { locale: 'da-DK' }), '1.500,5');
      assert.equal(formatAmount(1500.5, { locale: 'en-US' }), '1,500.5');
    }
  });

  it('formats amounts in the locale', () => {
    assert.equal(formatAmount(1500.5, { locale: 'en-US' }), '1,500.5');
    assert.equal(formatAmount(1500.5, { locale: 'da-DK' }), '1.500,5');
  });

  it('reads amounts typed with a comma or a point', () => {
    assert.equal(parseAmount(''), undefined);
    assert.equal(parseAmount(' 1500 '), 1500);
    assert.equal(parseAmount('1500,50'), 1500.5);
    assert.equal(parseAmount('1500.5'), 1500.5);
    assert.ok(Number.isNaN(parseAmount('1.500,50')));
    assert.ok(Number.isNaN(parseAmount('-3')));
    assert.ok(Number.isNaN(parseAmount('abc')));
  });
});
