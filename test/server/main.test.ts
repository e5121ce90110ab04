import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMongo, type MongoServer } from '../../scripts/lib/mongo.js';
import { wrapConnection } from '../../server/repositories/db.js';
import { InteractionRepository } from '../../server/repositories/interactions.js';
import { NumberSeries } from '../../server/repositories/numberSeries.js';
import { testDatabaseUri, useTestDatabase } from '../support/db.js';
import { loopEntry } from '../support/entries.js';
import { baseServerEnv, runServerToExit, startServer, startServerWithIpc } from '../support/serverProcess.js';

describe('server process', function () {
  this.timeout(90_000);

  it('refuses to start on a bad configuration value and names the variable', async () => {
    const env = baseServerEnv({
      MONGODB_URI: process.env.MONGODB_URI!,
      PUBLIC_URL: 'http://insecure.example',
    });
    const r = await runServerToExit(env);
    assert.equal(r.code, 78);
    assert.match(
      r.output,
      /^Interlog cannot start: invalid configuration: .*PUBLIC_URL: must be an https:\/\/ URL/,
    );
    assert.equal(r.output.trim().split('\n').length, 1, `one line, no stack: ${r.output}`);
  });

  it('an unreachable database ends with one line naming MONGODB_URI (never its password) and exit 69', async () => {
    const r = await runServerToExit(
      baseServerEnv({ MONGODB_URI: 'mongodb://ops:hunter2@127.0.0.1:1/interlog' }),
    );
    assert.equal(r.code, 69, r.output);
    assert.equal(r.output.trim().split('\n').length, 1, `one line, no stack: ${r.output}`);
    assert.match(
      r.output,
      /^Interlog cannot start: cannot reach the database at mongodb:\/\/\*\*\*@127\.0\.0\.1:1\/interlog \(MONGODB_URI\)/,
    );
    assert.doesNotMatch(r.output, /hunter2/);
  });

  it('a certificate file that is not one ends with one line and exit 78', async () => {
    const r = await runServerToExit(
      baseServerEnv({
        MONGODB_URI: process.env.MONGODB_URI!,
        TLS_CERT_FILE: path.join(process.cwd(), 'package.json'),
      }),
    );
    assert.equal(r.code, 78, r.output);
    assert.match(
      r.output,
      /^Interlog cannot start: TLS_CERT_FILE \/ TLS_KEY_FILE are not a usable certificate/,
    );
    assert.equal(r.output.trim().split('\n').length, 1, r.output);
  });

  it('refuses a secrets key of the wrong length and dev auth in production', async () => {
    const env = baseServerEnv({
      MONGODB_URI: process.env.MONGODB_URI!,
      SECRETS_KEY: 'c2hvcnQ=',
      NODE_ENV: 'production',
    });
    const r = await runServerToExit(env);
    assert.equal(r.code, 78);
    assert.match(r.output, /SECRETS_KEY: must be 32 bytes/);
    assert.match(r.output, /AUTH_MODE: dev is refused when NODE_ENV=production/);
    assert.equal(r.output.trim().split('\n').length, 1, 'both problems on one line');
  });

  it('refuses development sign-in on a listener other machines can reach, whatever NODE_ENV says', async () => {
    const unsafe: Record<string, string>[] = [
      { LISTEN_HOST: '0.0.0.0' },
      { PUBLIC_URL: 'https://crm.contoso.example' },
    ];
    for (const over of unsafe) {
      const r = await runServerToExit(
        baseServerEnv({
          MONGODB_URI: process.env.MONGODB_URI!,
          AUTH_MODE: 'dev',
          NODE_ENV: 'development',
          ...over,
        }),
      );
      assert.equal(r.code, 78, r.output);
      assert.match(
        r.output,
        /AUTH_MODE: dev is refused unless the server listens on loopback with a localhost PUBLIC_URL/,
      );
    }
  });

  it('npm run serve starts the server in production mode', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8'));
    assert.match(pkg.scripts.serve, /^NODE_ENV=production node /);
  });

  describe('/healthz over HTTPS', () => {
    let mongo: MongoServer;
    let dataDir: string;
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-health-'));
      mongo = await startMongo({ dataDir, privateServer: true });
    });
    after(async () => {
      await mongo.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('a port already in use ends with one line and exit 71', async () => {
      const first = await startServer({ MONGODB_URI: mongo.uri });
      try {
        const port = new URL(first.url).port;
        const r = await runServerToExit(
          baseServerEnv({
            MONGODB_URI: mongo.uri,
            PUBLIC_URL: `https://localhost:${port}`,
            LOG_LEVEL: 'error',
          }),
        );
        assert.equal(r.code, 71, r.output);
        assert.equal(r.output.trim().split('\n').length, 1, r.output);
        assert.match(
          r.output,
          new RegExp(`^Interlog cannot start: port 127\\.0\\.0\\.1:${port} is already in use`),
        );
      } finally {
        await first.stop();
      }
    });

    it('says it listens (IPC) only once it answers, and on SIGINT finishes every request in flight without a 5xx', async () => {
      const server = await startServerWithIpc(mongo.uri);
      const statuses: number[] = [];
      let refused = 0;
      let stop = false;
      // Four clients on keep-alive connections, each asking /healthz (database ping + job status) in a loop.
      const client = async () => {
        while (!stop) {
          try {
            const r = await fetch(`${server.url}/healthz`);
            await r.arrayBuffer();
            statuses.push(r.status);
          } catch {
            refused += 1; // after the listener closed: connection refused or closed, never an error answer
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      };
      const clients = [client(), client(), client(), client()];
      await new Promise((r) => setTimeout(r, 500));
      const before = statuses.length;
      const sent = Date.now();
      server.child.kill('SIGINT');
      const code = await server.exited;
      const tookMs = Date.now() - sent;
      stop = true;
      await Promise.all(clients);
      assert.equal(code, 0, server.output());
      assert.ok(tookMs < 15_000, `stopped in ${tookMs} ms`);
      assert.ok(before > 4, 'requests were in flight when the signal came');
      assert.deepEqual(
        statuses.filter((s) => s >= 500),
        [],
        `no 5xx among ${statuses.length} answers (${refused} refused after close)`,
      );
      assert.match(server.output(), /"msg":"stopped"/);
      assert.doesNotMatch(
        server.output(),
        /were cut/,
        'keep-alive connections drained, not cut at the bound',
      );
    });

    it('answers 200 with database ok, then 503 when the database goes down', async () => {
      const server = await startServer({ MONGODB_URI: mongo.uri });
      try {
        const ok = await fetch(`${server.url}/healthz`);
        assert.equal(ok.status, 200);
        assert.deepEqual(await ok.json(), {
          status: 'ok',
          database: 'ok',
          logging: { mailboxes: 0, failing: 0 }, // counts only, no mailbox names without a token
        });
        await mongo.stop();
        const down = await fetch(`${server.url}/healthz`);
        assert.equal(down.status, 503);
        assert.equal(((await down.json()) as { database: string }).database, 'down');
      } finally {
        await server.stop();
      }
    });
  });
  describe('start-up', () => {
    const tdb = useTestDatabase('startfill');

    it('holds the contact directory, then the stored timelines, before any lookup asks', async () => {
      const models = (await wrapConnection(tdb().conn)).models;
      const entries = new InteractionRepository(models, new NumberSeries(models, 'start'));
      await entries.writeIdempotent([loopEntry('CT1', '<a@x>', 1), loopEntry('CT2', '<b@x>', 2)]);
      const server = await startServerWithIpc(testDatabaseUri(tdb().name));
      try {
        const held = /"timelines":2,"ms":\d+,"msg":"timelines held"/;
        for (let waited = 0; !held.test(server.output()) && waited < 30_000; waited += 100)
          await new Promise((r) => setTimeout(r, 100));
        assert.match(server.output(), /"msg":"contact directory loaded"[\s\S]*"timelines":2,"ms"/);
      } finally {
        await server.stop();
      }
    });
  });
});
