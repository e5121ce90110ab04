// The task pane's cold start (issue 15): what it asks for beside what, and the code it loads on its own (the answer
// schemas at once, the dialogs on demand).
// The built pane with the real Office.js, the stand-in Outlook and the real server, as in read-mode.test.ts.
import assert from 'node:assert/strict';
import { sampleMessages } from '../../../addin/preview/samples.js';
import { useAddinServer } from '../support/addinServer.js';
import { useBrowser } from '../support/browser.js';
import { closePane, historySubjects, region, uncaught } from '../support/panePage.js';
import { openTaskpane, type PaneSession } from '../support/taskpane.js';

describe('task pane start-up: the lookup beside /me, dialogs on demand', function () {
  this.timeout(180_000);
  const browser = useBrowser();
  const server = useAddinServer('e2estartup');
  let pane: PaneSession | undefined;
  const sample = (id: string) => sampleMessages(server().seededAt).find((s) => s.id === id)!.message;

  afterEach(async function () {
    await closePane(this, pane);
    pane = undefined;
  });

  it('sends the lookup while /me is unanswered, after one token request, and shows the history', async () => {
    let meAnswered = false;
    let lookupBeforeMe = false;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      beforeLoad: async (page) => {
        page.on('request', (r) => {
          if (new URL(r.url()).pathname !== '/api/v1/lookup') return;
          if (!meAnswered) lookupBeforeMe = true;
          release();
        });
        // /me is held until the lookup goes out; a pane that waited for /me would never send it (10 s bound).
        await page.route(
          (u) => u.pathname === '/api/v1/me',
          async (route) => {
            await Promise.race([released, new Promise((r) => setTimeout(r, 10_000))]);
            meAnswered = true;
            await route.continue();
          },
        );
      },
    });
    assert.ok((await historySubjects(pane.page)).length > 0);
    assert.ok(lookupBeforeMe, 'the lookup was sent while /me was still unanswered');
    const paths = pane.apiCalls.map((c) => c.path);
    // The page carries what GET /config answers (server/http/pageConfig.ts): the token is the first request.
    assert.equal(paths[0], '/dev/token', 'the token first: no /config asked');
    assert.equal(paths.filter((p) => p === '/config').length, 0, 'the configuration read from the page');
    // Sent by main.ts once the token is there (state/firstLookup.ts), and taken over by the pane.
    assert.equal(
      paths.filter((p) => p === '/lookup').length,
      1,
      'the first lookup is the one the pane shows',
    );
    assert.equal(paths.filter((p) => p === '/dev/token').length, 1, '/me and /lookup share the token');
    assert.deepEqual(uncaught(pane), []);
  });

  it('a page that does not carry the configuration (served by another host): GET /config first, asked once', async () => {
    const block = /<script type="application\/json" id="interlog-config">[^<]*<\/script>/;
    let carried = false;
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      pageHtml: (html) => {
        carried = block.test(html);
        return html.replace(block, '');
      },
    });
    assert.ok((await historySubjects(pane.page)).length > 0);
    assert.ok(carried, 'the server wrote the configuration into the page');
    const paths = pane.apiCalls.map((c) => c.path);
    assert.equal(paths[0], '/config', 'asked first, before anything needs a token');
    // Sent by the page's first script (earlyStart.ts), before Office.js, and taken over by the bundle.
    assert.equal(
      paths.filter((p) => p === '/config').length,
      1,
      'the early /config is the one the pane uses',
    );
    assert.deepEqual(uncaught(pane), []);
  });

  it("sends the first token and the first lookup before the UI's chunk has run (it runs meanwhile)", async () => {
    const sent: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      beforeLoad: async (page) => {
        page.on('request', (r) => {
          const path = new URL(r.url()).pathname;
          if (path.startsWith('/api/v1/')) sent.push(path.slice(7));
          if (path === '/api/v1/lookup') release();
        });
        // The UI (React and the views) is held until the lookup goes out; an entry that waited for it to send
        // the token or the lookup would never send them (10 s bound).
        await page.route(
          (u) => /^\/taskpane-ui\.[0-9a-f]{8}\.js$/.test(u.pathname),
          async (route) => {
            await Promise.race([released, new Promise((r) => setTimeout(r, 10_000))]);
            sent.push('(ui)');
            await route.continue();
          },
        );
      },
    });
    assert.ok((await historySubjects(pane.page)).length > 0);
    const ui = sent.indexOf('(ui)');
    assert.ok(ui > sent.indexOf('/dev/token') && ui > sent.indexOf('/lookup'), sent.join(', '));
    assert.ok(sent.indexOf('/dev/token') >= 0);
    assert.equal(sent.filter((p) => p === '/lookup').length, 1, 'the pane took the first lookup over');
    assert.deepEqual(uncaught(pane), []);
  });

  it('mounts React once the first lookup has left, not while the token answers (the mount would hold it up)', async () => {
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      beforeLoad: async (page) => {
        // When the lookup's fetch is called and when React first puts something in #root, by the page's clock.
        await page.addInitScript(`
          const realFetch = window.fetch.bind(window);
          window.fetch = function (input, init) {
            const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
            if (window.lookupAt === undefined && url.includes('/api/v1/lookup')) window.lookupAt = performance.now();
            return realFetch(input, init);
          };
          new MutationObserver(function () {
            if (window.mountedAt === undefined && document.getElementById('root')?.firstElementChild)
              window.mountedAt = performance.now();
          }).observe(document, { childList: true, subtree: true });
        `);
        // The token answers 150 ms late: the UI's chunk has run by then (it runs once the token is asked for).
        await page.route(
          (u) => u.pathname === '/api/v1/dev/token',
          async (route) => {
            await new Promise((r) => setTimeout(r, 150));
            await route.continue();
          },
        );
      },
    });
    assert.ok((await historySubjects(pane.page)).length > 0);
    const at = await pane.page.evaluate(() => {
      const w = globalThis as unknown as { lookupAt?: number; mountedAt?: number };
      return { lookupAt: w.lookupAt, mountedAt: w.mountedAt };
    });
    assert.ok(at.lookupAt !== undefined && at.mountedAt !== undefined, JSON.stringify(at));
    assert.ok(
      at.lookupAt < at.mountedAt,
      `lookup sent at ${at.lookupAt} ms, pane mounted at ${at.mountedAt} ms`,
    );
    assert.deepEqual(uncaught(pane), []);
  });

  it('asks /me once, right after the first lookup and before React mounts (the history view waits for it)', async () => {
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      beforeLoad: async (page) => {
        // The order in which the page calls fetch for the API, and when React first puts something in #root.
        await page.addInitScript(`
          window.apiFetches = [];
          const realFetch = window.fetch.bind(window);
          window.fetch = function (input, init) {
            const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
            const path = new URL(url, location.href).pathname;
            if (path.startsWith('/api/v1/')) window.apiFetches.push(path.slice(7));
            return realFetch(input, init);
          };
          new MutationObserver(function () {
            if (window.fetchesAtMount === undefined && document.getElementById('root')?.firstElementChild)
              window.fetchesAtMount = window.apiFetches.slice();
          }).observe(document, { childList: true, subtree: true });
        `);
      },
    });
    assert.ok((await historySubjects(pane.page)).length > 0);
    const seen = await pane.page.evaluate(() => {
      const w = globalThis as unknown as { apiFetches: string[]; fetchesAtMount?: string[] };
      return { all: w.apiFetches, atMount: w.fetchesAtMount ?? [] };
    });
    const atMount = seen.atMount.filter((p) => p === '/lookup' || p === '/me');
    assert.deepEqual(atMount, ['/lookup', '/me'], `fetches when React mounted: ${seen.atMount.join(', ')}`);
    assert.equal(seen.all.filter((p) => p === '/me').length, 1, seen.all.join(', '));
    assert.deepEqual(uncaught(pane), []);
  });

  it('a token that takes long does not keep the pane blank: it mounts meanwhile', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      beforeLoad: async (page) => {
        await page.route(
          (u) => u.pathname === '/api/v1/dev/token',
          async (route) => {
            await Promise.race([released, new Promise((r) => setTimeout(r, 20_000))]);
            await route.continue();
          },
        );
      },
    });
    try {
      await pane.page.waitForSelector('#root > *', { timeout: 5_000 });
    } finally {
      release();
    }
    assert.ok((await historySubjects(pane.page)).length > 0);
  });

  it('a UI chunk that never arrives: words in the pane instead of a blank one, and the failure reported', async () => {
    let refused = 0;
    let reportSent: Promise<unknown> | undefined;
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      beforeLoad: async (page) => {
        reportSent = page.waitForRequest(
          (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/pane-start-failures',
          { timeout: 30_000 },
        );
        await page.route(
          (u) => /^\/taskpane-ui\.[0-9a-f]{8}\.js$/.test(u.pathname),
          (route) => (refused++, route.abort('connectionreset')),
        );
      },
    });
    await pane.page.getByText('Interlog could not start. Close the pane and open it again.').waitFor();
    assert.ok(refused >= 1, 'the UI was asked for');
    await reportSent;
  });

  it('opens a dialog whose code failed to load once: the failure with Retry, then the dialog', async () => {
    let refuse = true;
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      beforeLoad: async (page) => {
        await page.route(
          (u) => /^\/dialogs\.[0-9a-f]{8}\.js$/.test(u.pathname),
          (route) => (refuse ? route.abort('connectionreset') : route.continue()),
        );
      },
    });
    const { page } = pane;
    await historySubjects(page);
    const create = region(page, 'Open opportunities').getByRole('button', { name: 'Create opportunity' });
    await create.click();
    await page.getByText('The Interlog server could not be reached').waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0);
    refuse = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create opportunity' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.getByText('The Interlog server could not be reached').count(), 0);
  });

  it('answer schemas that fail to arrive: the server unreachable, with Retry, then the history', async () => {
    let refuse = true;
    let refused = 0;
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      beforeLoad: async (page) => {
        await page.route(
          (u) => /^\/(contract|zod)\.[0-9a-f]{8}\.js$/.test(u.pathname),
          (route) => (refuse ? (refused++, route.abort('connectionreset')) : route.continue()),
        );
      },
    });
    const { page } = pane;
    await page.getByText('The Interlog server could not be reached').waitFor();
    assert.ok(refused >= 1, 'the schemas were asked for');
    assert.equal(await page.getByRole('list', { name: /history/i }).count(), 0);
    refuse = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    assert.ok((await historySubjects(page)).length > 0);
  });
});
