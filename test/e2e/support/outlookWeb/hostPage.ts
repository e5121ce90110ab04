// The stand-in Outlook on the web page: a reading pane showing the selected mail (for screenshots) and, to its
// right, the add-in frame as Outlook builds it (?_host_Info=…#&_xdm_Info=…), driven by xdmHost.ts. The page
// script exposes `window.__outlookWeb` for the test: selectItem, editRecipients, state.
import { outlookWebHost, type OutlookWebHostOptions } from './xdmHost.js';

/** Where Outlook on the web frames add-ins (what office.js is told to answer to). */
export function addinFrameUrl(o: OutlookWebHostOptions): string {
  const hostInfo = `Outlook$Web$16.01$${o.displayLanguage}$$$$0`;
  // _xdm_Info last: office.js reads it to the end of the fragment. The host URL goes in as it is: one of the
  // two places that parse it (outlook-web-16.01.js's script-override check, which creates the channel first)
  // does not decode it.
  const xdmInfo = `${o.conversationId}$${o.addinId}$${o.hostUrl}`;
  return `${o.addinUrl}?_host_Info=${hostInfo}#&_xdm_Info=${xdmInfo}`;
}

/** JSON that can sit inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function hostPageHtml(o: OutlookWebHostOptions): string {
  const script = `(function () {
  // tsx compiles with esbuild's keepNames, which wraps named functions in __name(): a no-op one suffices.
  var __name = function (target) { return target; };
  var outlookWebHost = ${outlookWebHost.toString()};
  var options = ${scriptJson(o)};
  var frame = document.createElement('iframe');
  frame.id = 'addin';
  frame.title = 'Interlog';
  // Office on the web runs add-ins in a sandboxed frame (no modals: Microsoft's "Privacy and security for
  // Office Add-ins"); the exact tokens are not published: these keep what a task pane needs, pop-ups included.
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups ' +
    'allow-popups-to-escape-sandbox allow-downloads');
  // The listener first: office.js in the frame starts talking as soon as it loads.
  var host = outlookWebHost(options, frame);
  frame.src = ${scriptJson(addinFrameUrl(o))};
  document.getElementById('pane').appendChild(frame);

  function text(id, value) { document.getElementById(id).textContent = value; }
  function people(list) {
    return (list || []).map(function (p) { return p.name + ' <' + p.address + '>'; }).join('; ');
  }
  function render(item) {
    text('subject', item ? item.subject : 'Select an item to read');
    text('from', item && item.kind === 'read' ? 'From: ' + people([item.from]) : item ? 'New message' : '');
    text('to', item ? 'To: ' + people(item.to) : '');
    text('cc', item && item.cc && item.cc.length ? 'Cc: ' + people(item.cc) : '');
  }
  render(options.item);
  window.__outlookWeb = {
    selectItem: function (item) { render(item); host.selectItem(item); },
    editRecipients: function (to, cc) { host.editRecipients(to, cc); render(host.current()); },
    state: host.state,
  };
})();`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Mail - ${escapeHtml(o.user.name)} - Outlook</title>
    <style>
      body { margin: 0; font: 14px 'Segoe UI', system-ui, sans-serif; color: #242424; background: #f5f5f5; }
      header { height: 48px; background: #0f6cbd; color: #fff; display: flex; align-items: center; padding: 0 16px;
        font-weight: 600; }
      .layout { display: flex; height: calc(100vh - 48px); }
      main { flex: 1; padding: 16px 24px; background: #fff; margin: 8px; border-radius: 4px; overflow: auto; }
      main h1 { font-size: 20px; font-weight: 600; margin: 0 0 12px; }
      main p { margin: 4px 0; color: #424242; }
      #pane { width: 360px; display: flex; flex-direction: column; background: #fff; margin: 8px 8px 8px 0;
        border-radius: 4px; overflow: hidden; }
      #pane h2 { font-size: 14px; margin: 0; padding: 10px 12px; border-bottom: 1px solid #e0e0e0; }
      #addin { flex: 1; border: 0; width: 100%; }
    </style>
  </head>
  <body>
    <header>Outlook</header>
    <div class="layout">
      <main aria-label="Reading pane"><h1 id="subject"></h1><p id="from"></p><p id="to"></p><p id="cc"></p></main>
      <aside id="pane" aria-label="Interlog"><h2>Interlog</h2></aside>
    </div>
    <script>${script}</script>
  </body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
