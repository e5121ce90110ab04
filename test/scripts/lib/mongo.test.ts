import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMongo } from '../../../scripts/lib/mongo.js';
import { openDatabase } from '../../../server/repositories/db.js';
import { seedDemoData } from '../../../scripts/demo/seed.js';

describe('database provisioning for npm start (scripts/lib/mongo.ts)', function () {
  this.timeout(120_000);
  let dataDir: string;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-persist-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps what was written across a restart of the database server, and seeds demo data only once', async () => {
    const first = await startMongo({ dataDir, privateServer: true });
    let db = await openDatabase(first.uri, { dbName: 'interlog' });
    assert.equal(await seedDemoData(db), true);
    const settings = await db.models.DeploymentSettings.findById('deployment').lean();
    assert.equal(settings?.emailTemplate, 'E-MAILS', "the demo's e-mails get the wizard's template");
    await db.models.Salesperson.create({
      code: 'NEW',
      name: 'Written by the demo user',
      email: null,
      active: true,
    });
    const contacts = await db.models.Contact.countDocuments({});
    await db.close();
    await first.stop();

    const second = await startMongo({ dataDir, privateServer: true });
    try {
      db = await openDatabase(second.uri, { dbName: 'interlog' });
      assert.equal(
        (await db.models.Salesperson.findOne({ code: 'NEW' }).lean())?.name,
        'Written by the demo user',
      );
      assert.equal(await seedDemoData(db), false, 'not seeded again');
      assert.equal(await db.models.Contact.countDocuments({}), contacts);
      await db.close();
    } finally {
      await second.stop();
    }
  });
});
