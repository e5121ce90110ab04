// Golden-file tests: every test/fixtures/classifier/*.json case classified and compared in full.
import assert from 'node:assert/strict';
import { classifyMessage } from '../../../server/domain/classifier.js';
import { buildDirectory } from '../../../server/domain/directory.js';
import { loadClassifierFixtures } from './classifierFixtures.js';

describe('classifyMessage (golden fixtures)', () => {
  const fixtures = loadClassifierFixtures();

  it('has a fixture for every rule (at least 25 cases)', () => {
    assert.ok(fixtures.length >= 25, `only ${fixtures.length} fixtures`);
    const kinds = new Set(fixtures.map((f) => (f.expected as { kind: string }).kind));
    assert.deepEqual([...kinds].sort(), ['log', 'poison', 'skip']);
  });

  for (const f of fixtures) {
    it(`${f.file}: ${f.name}`, () => {
      const directory = buildDirectory(f.directory);
      const actual = classifyMessage(f.message, directory, f.policy);
      assert.deepEqual(actual, f.expected);
    });
  }

  it('gives the same result whatever order the directory records come in', () => {
    for (const f of fixtures) {
      const reversed = buildDirectory({
        salespeople: [...f.directory.salespeople].reverse(),
        contacts: [...f.directory.contacts].reverse(),
      });
      assert.deepEqual(classifyMessage(f.message, reversed, f.policy), f.expected, f.file);
    }
  });
});
