// Which folder of an archive series a run archives into, and how many folders it looks up to find it: a run
// starts where the last one archived, so full folders are not looked up again every run.
import assert from 'node:assert/strict';
import { archiveTarget, seriesIndexOf } from '../../../server/jobs/archiveTarget.js';
import type { MailFolder } from '../../../server/mailsource/MailSource.js';

const POLICY = {
  archiveFolder: 'CRM archive',
  archiveRollover: 'yearly' as const,
  archiveRolloverAtItems: 5,
};
const NOW = new Date('2027-03-01T10:00:00Z');

/** A mailbox whose series folders hold these item counts, recording what the run looks up. */
function series(counts: Record<string, number>) {
  const looked: string[] = [];
  return {
    looked,
    source: {
      async resolveSubfolder(_parent: string, name: string): Promise<MailFolder> {
        looked.push(name);
        return { id: `id-${name}`, displayName: name, itemCount: counts[name] ?? 0 } as MailFolder;
      },
    },
  };
}
const base = { id: 'base', displayName: 'CRM archive', itemCount: 0 } as MailFolder;

describe('archiveTarget: the folder of the series a run archives into', () => {
  it('finds its place in the series from a path the last run reported', () => {
    assert.equal(seriesIndexOf(null, 'CRM archive', '2027'), 1);
    assert.equal(seriesIndexOf('CRM archive/2027', 'CRM archive', '2027'), 1);
    assert.equal(seriesIndexOf('CRM archive/2027 (3)', 'CRM archive', '2027'), 3);
    assert.equal(seriesIndexOf('CRM archive/2026 (3)', 'CRM archive', '2027'), 1, 'a new year starts over');
    assert.equal(seriesIndexOf('Other/2027 (3)', 'CRM archive', '2027'), 1, 'another archive folder');
    assert.equal(seriesIndexOf('CRM archive/4', 'CRM archive', null), 4);
  });

  it('walks a full series once, and later runs start at the folder with room', async () => {
    const counts = { '2027': 5, '2027 (2)': 5, '2027 (3)': 1 };
    const first = series(counts);
    const target = await archiveTarget(first.source, base, POLICY, NOW);
    assert.equal(target.path, 'CRM archive/2027 (3)');
    assert.deepEqual(first.looked, ['2027', '2027 (2)', '2027 (3)']);

    const next = series(counts);
    const again = await archiveTarget(next.source, base, POLICY, NOW, target.path);
    assert.equal(again.path, 'CRM archive/2027 (3)');
    assert.deepEqual(next.looked, ['2027 (3)'], 'the full folders are not looked up again');

    const full = series({ ...counts, '2027 (3)': 5 });
    assert.equal(
      (await archiveTarget(full.source, base, POLICY, NOW, target.path)).path,
      'CRM archive/2027 (4)',
    );
  });
});
