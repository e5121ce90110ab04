// The emulator's attachments, driven by the real Graph SDK: Graph's documented fileAttachment shape, $select, the
// raw bytes at /$value, hasAttachments from the files that are not inline, and Graph's errors for what it lacks.
import assert from 'node:assert/strict';
import { ResponseType } from '@microsoft/microsoft-graph-client';
import type { GraphEmulator } from '../../../scripts/graph-emulator/index.js';
import { MAILBOX, appToken, graphClient, graphError, startTestEmulator } from './test-helpers.js';

describe('graph emulator: message attachments', () => {
  let emu: GraphEmulator;
  let client: ReturnType<typeof graphClient>;
  const pdf = Buffer.from('%PDF-1.4 emulator\n');
  before(async () => {
    emu = await startTestEmulator();
    client = graphClient(emu, await appToken(emu));
  });
  after(() => emu?.close());

  it('lists fileAttachments as Graph does, with $select, and serves their bytes at $value', async () => {
    const msg = emu.addMessage(MAILBOX, 'inbox', {
      subject: 'With files',
      attachments: [
        { name: 'quote.pdf', contentType: 'application/pdf', contentBytes: pdf.toString('base64') },
        { name: 'logo.png', contentType: 'image/png', text: 'png', isInline: true, contentId: 'logo' },
      ],
    });
    const base = `/users/${MAILBOX}/messages/${msg.id}`;
    assert.equal((await client.api(base).select('hasAttachments').get()).hasAttachments, true);
    const full = await client.api(`${base}/attachments`).get();
    assert.equal(full.value.length, 2);
    const first = full.value[0];
    assert.deepEqual(
      [first['@odata.type'], first.name, first.contentType, first.size, first.isInline, first.contentBytes],
      [
        '#microsoft.graph.fileAttachment',
        'quote.pdf',
        'application/pdf',
        pdf.length,
        false,
        pdf.toString('base64'),
      ],
    );
    assert.deepEqual([full.value[1].isInline, full.value[1].contentId], [true, 'logo']);
    const selected = await client.api(`${base}/attachments`).select('id,name,size').get();
    assert.deepEqual(Object.keys(selected.value[0]).sort(), ['@odata.type', 'id', 'name', 'size']);
    const one = await client.api(`${base}/attachments/${first.id}`).select('name').get();
    assert.equal(one.name, 'quote.pdf');
    const bytes = await client
      .api(`${base}/attachments/${first.id}/$value`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get();
    assert.ok(Buffer.from(bytes).equals(pdf));
  });

  it('answers 404 for an attachment that is not there, 400 for an unknown property', async () => {
    const msg = emu.addMessage(MAILBOX, 'inbox', { subject: 'No files' });
    const base = `/users/${MAILBOX}/messages/${msg.id}`;
    assert.equal((await client.api(base).select('hasAttachments').get()).hasAttachments, false);
    assert.deepEqual((await client.api(`${base}/attachments`).get()).value, []);
    const missing = await graphError(client.api(`${base}/attachments/AAMkNone`).get());
    assert.deepEqual([missing.statusCode, missing.code], [404, 'ErrorItemNotFound']);
    const bad = await graphError(client.api(`${base}/attachments`).select('nonsense').get());
    assert.equal(bad.statusCode, 400);
  });
});
