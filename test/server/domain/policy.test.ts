import assert from 'node:assert/strict';
import type { Classification, SkipReason } from '../../../server/domain/classifier.js';
import { SKIP_REASONS } from '../../../server/domain/classifier.js';
import type { LoggingPolicy } from '../../../server/domain/policy.js';
import {
  defaultLoggingPolicy,
  dispositionFor,
  loggingPolicySchema,
  parseBlocklistEntry,
} from '../../../server/domain/policy.js';

const skip = (reason: SkipReason): Classification => ({
  kind: 'skip',
  reason,
  ignoredAddresses: [],
  blockedAddresses: [],
});
const logged: Classification = {
  kind: 'log',
  direction: 'outbound',
  occurredAt: '2024-05-01T08:00:00.000Z',
  messageKey: '<a@b>',
  drafts: [],
  ignoredAddresses: [],
  blockedAddresses: [],
};
const poisoned: Classification = { kind: 'poison', code: 'empty_sender', reason: 'no sender' };

describe('server/domain/policy', () => {
  describe('loggingPolicySchema', () => {
    it("defaults to Business Central's behaviour", () => {
      assert.deepEqual(defaultLoggingPolicy(), {
        unmatched: 'delete',
        blocklist: [],
        quarantineFolder: 'Interlog quarantine',
        maxAttempts: 5,
        archiveFolder: 'archive',
        archiveRollover: 'off',
        archiveRolloverAtItems: null,
      });
    });

    it('canonicalises and de-duplicates blocklist entries', () => {
      const p = loggingPolicySchema.parse({
        blocklist: ['Jane@X.example', 'jane@x.example', '*@Y.example', '@y.example'],
      });
      assert.deepEqual(p.blocklist, ['jane@x.example', '@y.example']);
    });

    it('rejects invalid blocklist entries with their index', () => {
      const r = loggingPolicySchema.safeParse({ blocklist: ['ok@x.example', 'x.example'] });
      assert.equal(r.success, false);
      assert.deepEqual(
        r.error?.issues.map((i) => i.path),
        [['blocklist', 1]],
      );
    });

    it('requires a folder to move unmatched mail to', () => {
      assert.equal(loggingPolicySchema.safeParse({ unmatched: 'move' }).success, false);
      assert.equal(
        loggingPolicySchema.safeParse({ unmatched: 'move', unmatchedFolder: '  ' }).success,
        false,
      );
      const p = loggingPolicySchema.parse({ unmatched: 'move', unmatchedFolder: ' Not logged ' });
      assert.equal(p.unmatchedFolder, 'Not logged');
    });

    it('rejects unknown actions and empty folders', () => {
      assert.equal(loggingPolicySchema.safeParse({ unmatched: 'archive' }).success, false);
      assert.equal(loggingPolicySchema.safeParse({ archiveFolder: '' }).success, false);
      assert.equal(
        loggingPolicySchema.safeParse({ blocklist: new Array(5001).fill('@x.example') }).success,
        false,
      );
    });

    it('re-exports parseBlocklistEntry for the routes', () => {
      assert.equal(parseBlocklistEntry('@x.example').ok, true);
    });
  });

  describe('dispositionFor', () => {
    const base = defaultLoggingPolicy();
    const withUnmatched = (
      unmatched: LoggingPolicy['unmatched'],
      unmatchedFolder?: string,
    ): LoggingPolicy => ({
      ...base,
      unmatched,
      unmatchedFolder,
    });

    it('archives logged mail in the archive folder', () => {
      assert.deepEqual(dispositionFor(logged, { ...base, archiveFolder: 'Logged' }), {
        action: 'archive',
        folder: 'Logged',
      });
    });

    it('quarantines poison whatever the unmatched policy', () => {
      for (const p of [base, withUnmatched('keep'), withUnmatched('move', 'X')]) {
        assert.deepEqual(dispositionFor(poisoned, p), {
          action: 'quarantine',
          folder: 'Interlog quarantine',
        });
      }
    });

    it('keeps drafts whatever the unmatched policy', () => {
      for (const p of [base, withUnmatched('move', 'X')])
        assert.deepEqual(dispositionFor(skip('draft'), p), { action: 'keep' });
    });

    it('applies the unmatched policy to every other skip, blocked mail included', () => {
      for (const reason of SKIP_REASONS.filter((r) => r !== 'draft')) {
        assert.deepEqual(dispositionFor(skip(reason), base), { action: 'delete' }, reason);
        assert.deepEqual(dispositionFor(skip(reason), withUnmatched('keep')), { action: 'keep' }, reason);
        assert.deepEqual(dispositionFor(skip(reason), withUnmatched('move', 'Unmatched')), {
          action: 'move',
          folder: 'Unmatched',
        });
      }
    });

    it('keeps rather than deletes when "move" has no folder', () => {
      assert.deepEqual(dispositionFor(skip('no_match'), withUnmatched('move')), { action: 'keep' });
    });
  });
});
