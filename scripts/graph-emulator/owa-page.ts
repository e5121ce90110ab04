// A stand-in for Outlook on the web, so the webLink of an emulated message opens something in the demo.
import type { Request, Response } from 'express';
import type { MailStore, Recipient } from './store.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const who = (r: Recipient | null) =>
  r ? esc(`${r.emailAddress.name} <${r.emailAddress.address}>`) : '(none)';

export function owaPage(store: MailStore) {
  return (req: Request, res: Response): void => {
    const id = typeof req.query.ItemID === 'string' ? req.query.ItemID : '';
    for (const mb of store.mailboxList()) {
      const msg = store.findMessage(mb, id);
      if (!msg) continue;
      const f = msg.fields;
      const body =
        f.body.contentType === 'html'
          ? `<iframe sandbox srcdoc="${esc(f.body.content)}"></iframe>`
          : `<pre>${esc(f.body.content)}</pre>`;
      res
        .type('html')
        .send(
          `<!doctype html><meta charset="utf-8"><title>${esc(f.subject ?? '(no subject)')}</title>` +
            `<p>Outlook (emulated) &middot; ${esc(mb.address)} &middot; ${esc(msg.folder.displayName)}</p>` +
            `<h1>${esc(f.subject ?? '(no subject)')}</h1><dl><dt>From</dt><dd>${who(f.from)}</dd>` +
            `<dt>To</dt><dd>${f.toRecipients.map(who).join(', ')}</dd><dt>Received</dt><dd>${esc(f.receivedDateTime)}</dd></dl>${body}`,
        );
      return;
    }
    res
      .status(404)
      .type('html')
      .send('<!doctype html><title>Not found</title><p>The item was not found (it may have moved).</p>');
  };
}
