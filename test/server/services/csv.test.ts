import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { escapeCell, parseCsv, toCsv, unescapeCell } from '../../../server/services/csv.js';
import { AppError } from '../../../server/http/problem.js';

describe('CSV in and out (pure)', () => {
  it('neutralises cells a spreadsheet would run as formulas, and import undoes exactly that', () => {
    assert.equal(escapeCell('=1+1'), "'=1+1");
    assert.equal(escapeCell('+45 70 00'), "'+45 70 00");
    assert.equal(escapeCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(escapeCell('plain'), 'plain');
    assert.equal(unescapeCell("'it's"), "'it's", 'an apostrophe before ordinary text is data');
    assert.equal(unescapeCell(escapeCell("'=")), "'=", 'an apostrophe before a formula start is data too');
    fc.assert(fc.property(fc.string(), (s) => unescapeCell(escapeCell(s)) === s));
    fc.assert(
      fc.property(fc.stringMatching(/^'*[=+\-@\t\r]/), (s) => unescapeCell(escapeCell(s)) === s),
      { numRuns: 500 },
    );
  });

  it('round-trips any cell values through toCsv and parseCsv', () => {
    const columns = ['a', 'b'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.string(), b: fc.string() }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          // parseCsv trims cells and skips empty lines, as imports should; compare what survives that.
          const clean = rows.map((r) => ({ a: `x${r.a.trim()}x`, b: `y${r.b.trim()}y` }));
          const parsed = parseCsv(toCsv(columns, clean), columns, ['a']);
          assert.deepEqual(
            parsed.map((p) => p.values),
            clean,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('numbers rows by their line in the file and reports header problems on line 1', () => {
    const rows = parseCsv('a,b\n1,2\n\n3,"multi\nline"\n5,6\n', ['a', 'b'], []);
    assert.deepEqual(
      rows.map((r) => r.line),
      [2, 5, 6],
    );
    const problem = (text: string) => {
      try {
        parseCsv(text, ['a', 'b'], ['a']);
      } catch (err) {
        assert.ok(err instanceof AppError);
        return (err.details as { path: string }[]).map((d) => d.path);
      }
      return [];
    };
    assert.deepEqual(problem('b,c\n1,2\n'), ['1.c', '1.a']);
    assert.deepEqual(problem('a,b\n1\n'), ['2.*']);
    assert.deepEqual(problem('a,a\n1,2\n'), ['1.*']);
    assert.deepEqual(problem(''), ['1.*']);
    assert.deepEqual(problem('a,b\n"open,2\n'), ['2.*']);
  });

  it('writes a header and CRLF records that csv-parse reads back', () => {
    const text = toCsv(
      ['n', 'v'],
      [
        { n: 'x', v: null },
        { n: 'y, z', v: 3 },
      ],
    );
    assert.equal(text, 'n,v\r\nx,\r\n"y, z",3\r\n');
    assert.deepEqual(parse(text, { columns: true }), [
      { n: 'x', v: '' },
      { n: 'y, z', v: '3' },
    ]);
  });
});
