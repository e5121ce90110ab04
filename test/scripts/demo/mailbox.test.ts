// The demo shared mailbox: its Inbox starts with the generated week's newest mail and its mail not to be logged,
// and what arrives later continues the same stream (not a fixed cycle).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { demoMailStream, splitDemoWeek } from '../../../scripts/demo/conversations.js';
import { DEMO_MAILBOX, startDemoMailbox } from '../../../scripts/demo/mailbox.js';
import type { GraphEmulator } from '../../../scripts/graph-emulator/types.js';
import { wrapConnection } from '../../../server/repositories/db.js';
import { createSecretBox } from '../../../server/security/secretBox.js';
import { useTestDatabase } from '../../support/db.js';

const NOW = new Date('2026-03-11T10:15:00Z');

describe('demo mailbox (scripts/demo/mailbox.ts)', function () {
  this.timeout(60_000);
  const testDb = useTestDatabase('demomailbox');
  let emu: GraphEmulator | undefined;
  after(() => emu?.close());

  it('fills the Inbox from the generated week and keeps the stream going', async () => {
    const db = await wrapConnection(testDb().conn);
    const tls = {
      cert: fs.readFileSync(process.env.INTERLOG_DEV_CERT!, 'utf8'),
      key: fs.readFileSync(process.env.INTERLOG_DEV_KEY!, 'utf8'),
    };
    emu = await startDemoMailbox(db, createSecretBox(crypto.randomBytes(32)), tls, {
      now: () => NOW,
      arrivalEveryMs: 20,
    });
    const expected = demoMailStream({ now: NOW });
    const { inbox } = splitDemoWeek(expected.week);
    const idsIn = () => emu!.listFolder(DEMO_MAILBOX, 'inbox').map((m) => m.internetMessageId as string);
    const listed = new Set(idsIn());
    assert.ok(
      inbox.every((m) => listed.has(m.internetMessageId)),
      'the week’s Inbox part is there',
    );
    // What was there from the start (arrivals may have begun while the setup was saved).
    const first = new Set(inbox.map((m) => m.internetMessageId));

    while (idsIn().length < inbox.length + 8) await new Promise((r) => setTimeout(r, 20));
    await emu.close(); // Stops the arrivals too.
    const arrived = emu
      .listFolder(DEMO_MAILBOX, 'inbox')
      .filter((m) => !first.has(m.internetMessageId as string));
    const next = Array.from({ length: arrived.length }, () => expected.next(NOW));
    assert.deepEqual(
      arrived.map((m) => [m.internetMessageId, m.subject, m.conversationId]).sort(),
      next.map((m) => [m.internetMessageId, m.subject, m.conversationId]).sort(),
    );
    const count = idsIn().length;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(idsIn().length, count, 'no more mail once the mailbox is closed');
    emu = undefined;
  });
});
