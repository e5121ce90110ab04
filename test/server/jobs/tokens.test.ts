import assert from 'node:assert/strict';
import { generateMail } from '../../support/mailGenerator.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';
import { DEFAULT_CLIENT } from '../../../scripts/graph-emulator/index.js';
import { validateSetup } from '../../../server/jobs/validateSetup.js';
import { mailSourceForSetup } from '../../../server/mailsource/sourceForSetup.js';
import { useTestDatabase } from '../../support/db.js';

describe('logging engine and tokens', function () {
  this.timeout(120_000);
  const tdb = useTestDatabase('tokens');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn, { emulator: { latencyMs: 5 }, setup: { batchSize: 20 } });
  });
  after(() => h?.close());

  it('refreshes a token that expires during a run transparently', async () => {
    const mail = generateMail(200);
    for (const m of mail.messages) h.emu.addMessage(MAILBOX, 'inbox', m);
    const tokensBefore = h.emu.stats.tokenRequests['client_credentials'] ?? 0;
    const expire = setInterval(() => {
      if (h.emu.listFolder(MAILBOX, 'archive').length > 20) {
        h.emu.expireAllTokens();
        clearInterval(expire);
      }
    }, 5);
    const run = await h.run();
    clearInterval(expire);
    assert.equal(run.outcome, 'succeeded', JSON.stringify(run.errors));
    assert.equal(run.counts.entriesWritten, mail.expectedEntries.size);
    assert.ok(
      (h.emu.stats.tokenRequests['client_credentials'] ?? 0) >= tokensBefore + 2,
      'a new token was fetched mid-run',
    );
    assert.equal(h.emu.listFolder(MAILBOX, 'inbox').length, 0);
  });

  it('validate setup explains an access policy that blocks the mailbox, and passes when it is lifted', async () => {
    const setup = await h.setup();
    h.emu.setMailboxState(MAILBOX, 'accessDenied');
    const denied = await validateSetup(setup, mailSourceForSetup(setup, h.env));
    assert.equal(denied.ok, false);
    assert.equal(denied.steps.find((s) => !s.ok)?.code, 'access_denied');
    assert.match(denied.message, /application access policy or RBAC for Applications/);
    h.emu.setMailboxState(MAILBOX, 'ok');
    const ok = await validateSetup(setup, mailSourceForSetup(setup, h.env));
    assert.equal(ok.ok, true, JSON.stringify(ok.steps));
    assert.equal(ok.message, 'The setup for email logging is ready to use.');
  });

  it('a revoked secret ends the run with the auth_failed code and a clear JobRun error', async () => {
    h.emu.addMessage(MAILBOX, 'inbox', generateMail(1, '2026-03-01T00:00:00Z', 'revoked').messages[0]!);
    h.emu.revokeClientSecret(DEFAULT_CLIENT.clientId);
    h.emu.expireAllTokens();
    const run = await h.run();
    assert.equal(run.outcome, 'failed');
    const err = run.errors[0]!;
    assert.equal(err.code, 'auth_failed');
    assert.equal(err.context, 'validate_setup');
    assert.match(err.message, /secret/i);
    assert.equal(h.emu.listFolder(MAILBOX, 'inbox').length, 1, 'nothing was touched');

    const setup = await h.setup();
    const result = await validateSetup(setup, mailSourceForSetup(setup, h.env));
    assert.equal(result.ok, false);
    assert.equal(result.steps[0]!.code, 'auth_failed');
    assert.match(result.message, /^Could not access the shared mailbox\. Could not sign in/);
  });
});
