// GET /config sent ahead of the bundle (earlyStart.ts, an async script in taskpane.html's head) and taken over
// by the bundle (earlyConfig.ts): one request whichever of the two scripts runs first, none where the page
// carries the configuration. Each case loads fresh copies of both modules (their bodies are what runs in the
// page) with a stand-in fetch, location and document.
import assert from 'node:assert/strict';
import { PAGE_CONFIG_ELEMENT_ID } from '../../../shared/pageConfig.js';

/** earlyConfigKey.ts's key (that module needs the DOM's types, which the tests are not compiled with). */
const EARLY_CONFIG_KEY = '__interlogEarlyConfig';

/** What the bundle's module (earlyConfig.ts) offers. */
interface Bundle {
  withEarlyConfig(): typeof fetch;
}

const ORIGIN = 'https://interlog.example';
let copy = 0;

interface Sent {
  url: string;
  answer: Response;
}

/** Runs the scripts in `order` in a page of their own (`carried`: the configuration block's text the server wrote
 *  into the page, shared/pageConfig.ts): what was sent, and the bundle's fetch. */
async function page(order: ('early' | 'bundle')[], carried?: string) {
  const sent: Sent[] = [];
  const g = globalThis as Record<string, unknown>;
  const saved = { fetch: g.fetch, location: g.location, document: g.document };
  g.location = { origin: ORIGIN };
  g.document = {
    getElementById: (id: string) =>
      id === PAGE_CONFIG_ELEMENT_ID && carried !== undefined ? { textContent: carried } : null,
  };
  g.fetch = (input: unknown) => {
    const answer = new Response(JSON.stringify({ n: sent.length }));
    sent.push({ url: String(input), answer });
    return Promise.resolve(answer);
  };
  delete g[EARLY_CONFIG_KEY];
  let bundle: Bundle | null = null;
  try {
    copy++;
    for (const script of order) {
      if (script === 'early') await import(`../../../addin/taskpane/earlyStart.js?copy=${copy}`);
      else bundle = (await import(`../../../addin/taskpane/earlyConfig.js?copy=${copy}`)) as typeof bundle;
    }
    assert.equal(g[EARLY_CONFIG_KEY], 'taken', "the key this test clears is the modules' key");
    const fetchOfBundle = bundle!.withEarlyConfig();
    const config = await fetchOfBundle(`${ORIGIN}/api/v1/config`, { method: 'GET' });
    const again = await fetchOfBundle(`${ORIGIN}/api/v1/config`, { method: 'GET' });
    return { sent, config, again };
  } finally {
    g.fetch = saved.fetch;
    g.location = saved.location;
    g.document = saved.document;
    delete g[EARLY_CONFIG_KEY];
  }
}

describe('taskpane: the early GET /config', () => {
  it('is sent by the early script when it runs first, and the bundle takes its answer', async () => {
    const { sent, config } = await page(['early', 'bundle']);
    assert.deepEqual(
      sent.map((s) => s.url),
      [`${ORIGIN}/api/v1/config`, `${ORIGIN}/api/v1/config`], // the second: the test's second call
    );
    assert.equal(config, sent[0]!.answer);
  });

  it('is sent once by the bundle when the early script arrives after it (async): the late script sends nothing', async () => {
    const { sent, config } = await page(['bundle', 'early']);
    assert.equal(config, sent[0]!.answer);
    assert.equal(
      sent.length,
      2,
      "the bundle's request and the test's second call, none from the late script",
    );
  });

  it('answers only the first GET /config from the early request; later calls reach the network', async () => {
    const { sent, config, again } = await page(['early', 'bundle']);
    assert.equal(sent.length, 2);
    assert.deepEqual([config, again], [sent[0]!.answer, sent[1]!.answer]);
  });

  it("is not sent where the page carries the configuration: the bundle takes the page's as its answer", async () => {
    const carried = JSON.stringify({ authMode: 'dev', internalDomains: ['contoso.example'] });
    for (const order of [['early', 'bundle'] as const, ['bundle', 'early'] as const]) {
      const { sent, config } = await page([...order], carried);
      assert.deepEqual(
        sent.map((s) => s.url),
        [`${ORIGIN}/api/v1/config`],
        `${order.join(', ')}: only the test's second call reaches the network`,
      );
      assert.equal(config.status, 200);
      assert.deepEqual(await config.json(), JSON.parse(carried));
    }
  });
});
