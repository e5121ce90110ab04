import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMongo, type MongoServer } from '../../scripts/lib/mongo.js';
import { baseServerEnv, runServerToExit, startServer } from '../support/serverProcess.js';

describe('server process', function () {
  this.timeout(90_000);

  it('refuses to start on a bad configuration value and names the variable', async () => {
    const env = baseServerEnv({
      MONGODB_URI: process.env.MONGODB_URI!,
      PUBLIC_URL: 'http://insecure.example',
    });
    const r = await runServerToExit(env);
    assert.equal(r.code, 78);
    assert.match(r.output, /PUBLIC_URL: must be an https:\/\/ URL/);
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
});
