// The emulator's attachments, driven by the real Graph SDK: Graph's documented fileAttachment, itemAttachment and
// referenceAttachment shapes, $select parsed against the base type (a derived property only with its type cast),
// the raw contents at /$value (405 for a reference), hasAttachments, and Graph's errors for what it lacks.
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

  it("parses $select against microsoft.graph.attachment: contentId only with fileAttachment's cast", async () => {
    const msg = emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Logo',
      attachments: [
        { name: 'logo.png', contentType: 'image/png', text: 'png', isInline: true, contentId: 'logo' },
        { kind: 'item', name: 'Fwd: order', text: 'Subject: order\r\n\r\nHi' },
      ],
    });
    const base = `/users/${MAILBOX}/messages/${msg.id}/attachments`;
    // As on Graph (RequestBroker--ParseUri): the base type has no contentId.
    const bare = await graphError(client.api(base).select('id,name,contentId').get());
    assert.deepEqual([bare.statusCode, bare.code], [400, 'RequestBroker--ParseUri']);
    assert.match(bare.message, /'contentId' on type 'microsoft.graph.attachment'/);
    const cast = await client.api(base).select('id,name,microsoft.graph.fileAttachment/contentId').get();
    assert.deepEqual(
      cast.value.map((a: Record<string, unknown>) => [a['@odata.type'], a.name, a.contentId]),
      [
        ['#microsoft.graph.fileAttachment', 'logo.png', 'logo'],
        ['#microsoft.graph.itemAttachment', 'Fwd: order', undefined],
      ],
    );
  });

  it('serves an item attachment (contentType null, $value its MIME) and a reference (no $value: 405)', async () => {
    const vcard = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex Wilbur\r\nEND:VCARD\r\n';
    const msg = emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Items',
      attachments: [
        { kind: 'item', name: 'Alex Wilbur', text: vcard },
        { kind: 'reference', name: 'Price list.xlsx', contentType: 'application/vnd.ms-excel' },
      ],
    });
    const base = `/users/${MAILBOX}/messages/${msg.id}`;
    assert.equal((await client.api(base).select('hasAttachments').get()).hasAttachments, true);
    const [item, ref] = (await client.api(`${base}/attachments`).get()).value;
    assert.deepEqual(
      [item['@odata.type'], item.name, item.contentType, 'contentBytes' in item],
      ['#microsoft.graph.itemAttachment', 'Alex Wilbur', null, false],
    );
    assert.deepEqual(
      [ref['@odata.type'], ref.contentType, 'contentBytes' in ref],
      ['#microsoft.graph.referenceAttachment', 'application/vnd.ms-excel', false],
    );
    const raw = await client
      .api(`${base}/attachments/${item.id}/$value`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get();
    assert.equal(Buffer.from(raw).toString('utf8'), vcard);
    const refused = await graphError(
      client.api(`${base}/attachments/${ref.id}/$value`).responseType(ResponseType.ARRAYBUFFER).get(),
    );
    assert.equal(refused.statusCode, 405);
  });
});
