import assert from 'node:assert/strict';
import { createModels, ensureIndexes } from '../../../../server/repositories/models/index.js';
import { RETIRED_INTERACTION_INDEXES } from '../../../../server/repositories/models/interactions.js';
import { useTestDatabase } from '../../../support/db.js';

describe('ensureIndexes', () => {
  const tdb = useTestDatabase('ensureidx');

  it('drops the interaction indexes earlier versions declared, keeps the declared ones, and can run again', async () => {
    const models = createModels(tdb().conn);
    const entries = models.Interaction.collection;
    // A database an earlier version set up: its indexes are still there.
    await models.Interaction.createCollection();
    await entries.createIndex({ archiveState: 1, 'message.mailbox': 1 });
    await entries.createIndex({ messageKey: 1, entryNumber: 1 });
    await entries.createIndex({ occurredAt: -1 });
    await ensureIndexes(models);
    const names = new Set((await entries.indexes()).map((i) => i.name));
    for (const retired of RETIRED_INTERACTION_INDEXES) assert.ok(!names.has(retired), retired);
    const declared = models.Interaction.schema.indexes().map(([keys]) =>
      Object.entries(keys)
        .map(([k, v]) => `${k}_${v}`)
        .join('_'),
    );
    for (const name of declared) assert.ok(names.has(name), `declared index ${name} exists`);
    await ensureIndexes(models);
    assert.equal((await entries.indexes()).length, names.size);
  });

  it('retires no index a model still declares', () => {
    const models = createModels(tdb().conn);
    const declared = new Set(
      models.Interaction.schema.indexes().map(([keys]) =>
        Object.entries(keys)
          .map(([k, v]) => `${k}_${v}`)
          .join('_'),
      ),
    );
    for (const retired of RETIRED_INTERACTION_INDEXES) assert.ok(!declared.has(retired), retired);
  });
});
