import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Model } from 'mongoose';
import {
  ensurePushdownIndexes,
  interlogModels,
  pushdownIndexPlan,
  pushdownIndexSql,
} from '../../../scripts/lib/ferretdbPushdownIndexes.js';
import { startMongo, type MongoServer } from '../../../scripts/lib/mongo.js';
import { findPgBin, startPostgres, type PostgresCluster } from '../../../scripts/lib/postgres.js';
import { openDatabase, type Database } from '../../../server/repositories/db.js';

describe('GIN indexes for FerretDB on PostgreSQL (scripts/lib/ferretdbPushdownIndexes.ts)', function () {
  it('plans the leading equality field of every declared index and _id, never a leading date', () => {
    const plan = pushdownIndexPlan(interlogModels());
    const has = (collection: string, field: string) =>
      plan.some((p) => p.collection === collection && p.field === field);
    assert.ok(has('interactions', '_id'));
    assert.ok(has('interactions', 'contactNumber'));
    assert.ok(has('interactions', 'messageKey'));
    assert.ok(has('contacts', 'email'));
    assert.ok(has('contacts', 'alternateEmails'));
    assert.ok(has('opportunities', 'contactNumber'));
    assert.ok(!has('interactions', 'occurredAt'), 'a date-led index is for sorting and ranges');
    const keys = plan.map((p) => `${p.collection}.${p.field}`);
    assert.equal(new Set(keys).size, keys.length, 'each index once');
  });

  it('writes the expression FerretDB filters on: -> for a field, #> with a path for a dotted one', () => {
    const sql = pushdownIndexSql('db', new Map([['interactions', 'interactions_1234abcd']]), [
      { collection: 'interactions', field: 'contactNumber' },
      { collection: 'interactions', field: 'message.mailbox' },
      { collection: 'absent', field: 'x' },
    ]);
    assert.equal(sql.length, 2, 'collections without a table yet are skipped');
    assert.match(
      sql[0]!,
      /ON "db"\."interactions_1234abcd" USING gin \(\(_jsonb -> 'contactNumber'\) jsonb_path_ops\)/,
    );
    assert.match(sql[1]!, /\(\(_jsonb #> '\{message,mailbox\}'\) jsonb_path_ops\)/);
  });

  describe('on a real PostgreSQL cluster behind FerretDB', function () {
    this.timeout(180_000);
    let pg: PostgresCluster;
    let server: MongoServer;
    let db: Database;
    let dataDir: string;
    const dbName = 'pushdown_test';

    before(async function () {
      const bin = findPgBin();
      if (!bin) {
        // CI installs PostgreSQL (.ci/run, npm test); only a developer machine without it may skip.
        if (process.env.CI) throw new Error('PostgreSQL is not installed');
        this.skip();
      }
      pg = await startPostgres(bin!);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-pushdown-'));
      server = await startMongo({
        dataDir,
        backend: 'postgresql',
        postgresqlUrl: pg.url,
        privateServer: true,
      });
      db = await openDatabase(server.uri, { dbName });
      await db.models.Contact.insertMany(
        Array.from({ length: 40 }, (_, i) => ({
          number: `CT${String(i).padStart(6, '0')}`,
          name: `Person ${i}`,
          email: `p${i}@customer.example`,
          alternateEmails: [`alt${i}@customer.example`],
          kind: 'person',
        })),
      );
    });
    after(async () => {
      await db?.close();
      await server?.stop();
      pg?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    /** The plan PostgreSQL picks for the SQL FerretDB sends for `{ <field>: <value> }` on contacts. */
    function planFor(field: string, value: string): string {
      const table = pg.sql(
        `SELECT _jsonb ->> 'table' FROM "${dbName}"._ferretdb_database_metadata WHERE _jsonb ->> '_id' = 'contacts'`,
      );
      // Seq scans off: on a small table PostgreSQL would rightly prefer one; we ask whether an index CAN serve it.
      return pg.sql(
        `SET enable_seqscan = off; EXPLAIN SELECT _jsonb FROM "${dbName}"."${table.trim()}" ` +
          `WHERE _jsonb -> '${field}' @> '${JSON.stringify(value)}'`,
      );
    }

    it("makes FerretDB's equality filters index scans, keeps queries right, and can run again", async () => {
      assert.doesNotMatch(
        planFor('email', 'p7@customer.example'),
        /Index/,
        'FerretDB alone: no usable index',
      );

      // Through the deployment command (npm run db -- pushdown-indexes), as an operator would.
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/db.ts', 'pushdown-indexes', pg.url, dbName],
        { encoding: 'utf8' },
      );
      assert.match(out, /^[1-9]\d* GIN indexes ensured in pushdown_test/);
      assert.match(planFor('email', 'p7@customer.example'), /Bitmap Index Scan on \S+_pushdown_/);
      assert.match(planFor('alternateEmails', 'alt7@customer.example'), /Bitmap Index Scan on \S+_pushdown_/);

      const indexes = () =>
        pg.sql(
          `SELECT count(*) FROM pg_indexes WHERE schemaname = '${dbName}' AND indexname LIKE '%_pushdown_%'`,
        );
      const before = indexes();
      const models = Object.values(db.models) as Model<unknown>[];
      assert.ok(ensurePushdownIndexes(pg.sql, dbName, models) > 0);
      assert.equal(indexes(), before, 'idempotent');

      // FerretDB still answers through them (an array field's element too) and still manages its own indexes.
      const byAlt = await db.models.Contact.find({ alternateEmails: 'alt7@customer.example' }).lean();
      assert.deepEqual(
        byAlt.map((c) => c.number),
        ['CT000007'],
      );
      assert.ok((await db.models.Contact.listIndexes()).length > 1);
      await db.models.Contact.create({
        number: 'CT999999',
        name: 'After',
        email: 'after@x.example',
        kind: 'person',
      });
      assert.equal(
        (await db.models.Contact.findOne({ email: 'after@x.example' }).lean())?.number,
        'CT999999',
      );
    });
  });
});
