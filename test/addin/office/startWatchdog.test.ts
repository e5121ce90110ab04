/// <reference types="office-js" />
import assert from 'node:assert/strict';
import type { PaneStartFailureReport } from '../../../shared/api/paneStart.js';
import { PaneStartFailureReport as ReportSchema } from '../../../shared/api/paneStart.js';
import {
  blockedOriginOf,
  diagnoseStartFailure,
  parseHostInfo,
  readHostInfo,
  watchOfficeStart,
} from '../../../addin/office/startWatchdog.js';

const OWA = { host: 'Outlook', platform: 'Web', version: '16.01', locale: 'da-DK' };

/** An Office whose onReady calls back when the test says so (or throws). */
function controllableOffice(o: { throws?: Error } = {}) {
  let ready: ((info: unknown) => void) | null = null;
  const office = {
    onReady(cb: (info: unknown) => void) {
      if (o.throws) throw o.throws;
      ready = cb;
    },
  } as unknown as typeof Office;
  return { office, resolve: () => ready?.({ host: 'Outlook', platform: 'OfficeOnline' }) };
}

function noViolations(): () => void {
  return () => {};
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('addin/office/startWatchdog', () => {
  it('reads the host from _host_Info in the query, else from what office.js kept in sessionStorage', () => {
    assert.deepEqual(parseHostInfo('Outlook$Web$16.01$da-DK$$$$0'), OWA);
    assert.deepEqual(parseHostInfo('Outlook|Mac|16.00|en-US'), {
      host: 'Outlook',
      platform: 'Mac',
      version: '16.00',
      locale: 'en-US',
    });
    assert.equal(parseHostInfo(''), null);
    const storage = {
      getItem: (k: string) => (k === 'hostInfoValue' ? 'Outlook%24PC%2416.02%24en-GB' : null),
    };
    assert.deepEqual(readHostInfo('?_host_Info=Outlook$Web$16.01$da-DK$$$$0', storage), OWA);
    assert.equal(readHostInfo('', storage)?.platform, 'PC');
    assert.equal(readHostInfo('', null), null);
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    assert.equal(readHostInfo('', throwing), null);
  });

  it('keeps only token characters of the host info (nothing else can reach the server)', () => {
    const info = parseHostInfo('Out<script>look$We b$16.01/../$da-DK');
    assert.deepEqual(info, { host: 'Outscriptlook', platform: 'Web', version: '16.01..', locale: 'da-DK' });
  });

  it('diagnoses the cause: no Office.js, a CSP block, an exception, or a host that never answered', () => {
    const base = { officeLoaded: true, blockedOrigins: [], hostInfo: OWA, error: null, waitedMs: 8000.4 };
    const kinds = [
      diagnoseStartFailure({ ...base, officeLoaded: false }),
      diagnoseStartFailure({ ...base, blockedOrigins: ['https://ajax.aspnetcdn.com'] }),
      diagnoseStartFailure({ ...base, error: new Error('boom') }),
      diagnoseStartFailure(base),
    ];
    assert.deepEqual(
      kinds.map((k) => k.kind),
      ['office_js_missing', 'blocked_by_policy', 'start_error', 'host_timeout'],
    );
    assert.deepEqual(kinds[1], {
      kind: 'blocked_by_policy',
      host: 'Outlook',
      platform: 'Web',
      hostVersion: '16.01',
      blockedOrigin: 'https://ajax.aspnetcdn.com',
      waitedMs: 8000,
    });
    for (const k of kinds) assert.ok(ReportSchema.safeParse(k).success, 'the server accepts the report');
    const unknownHost = diagnoseStartFailure({ ...base, hostInfo: null, waitedMs: 10 ** 9 });
    assert.ok(ReportSchema.safeParse(unknownHost).success);
  });

  it('takes only the origin of a blocked URL, and ignores eval and inline violations', () => {
    assert.equal(
      blockedOriginOf('https://ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js'),
      'https://ajax.aspnetcdn.com',
    );
    assert.equal(blockedOriginOf('eval'), null);
    assert.equal(blockedOriginOf('inline'), null);
    assert.equal(blockedOriginOf('data:text/javascript,1'), null);
  });

  it('reports once when the bound passes, and still resolves when a slow host answers later', async () => {
    const { office, resolve } = controllableOffice();
    const reports: PaneStartFailureReport[] = [];
    let violation: ((origin: string) => void) | null = null;
    let unsubscribed = false;
    const ready = watchOfficeStart({
      office,
      boundMs: 30,
      hostInfo: OWA,
      onStuck: (r) => reports.push(r),
      watchViolations: (on) => {
        violation = on;
        return () => (unsubscribed = true);
      },
    });
    violation!('https://ajax.aspnetcdn.com');
    violation!('https://ajax.aspnetcdn.com');
    await sleep(80);
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.kind, 'blocked_by_policy');
    assert.equal(reports[0]!.blockedOrigin, 'https://ajax.aspnetcdn.com');
    assert.ok(reports[0]!.waitedMs >= 25, `waited ${reports[0]!.waitedMs} ms`);
    resolve();
    assert.deepEqual(await ready, { host: 'Outlook', platform: 'OfficeOnline' });
    assert.equal(reports.length, 1);
    assert.ok(unsubscribed, 'stops listening once Office is ready');
  });

  it('says nothing when Office is ready within the bound', async () => {
    const { office, resolve } = controllableOffice();
    const reports: PaneStartFailureReport[] = [];
    const ready = watchOfficeStart({
      office,
      boundMs: 50,
      hostInfo: OWA,
      onStuck: (r) => reports.push(r),
      watchViolations: noViolations,
    });
    resolve();
    await ready;
    await sleep(80);
    assert.deepEqual(reports, []);
  });

  it('reports at once when Office.js is missing or onReady throws', async () => {
    const reports: PaneStartFailureReport[] = [];
    const onStuck = (r: PaneStartFailureReport) => reports.push(r);
    void watchOfficeStart({ office: undefined, hostInfo: null, onStuck, watchViolations: noViolations });
    const { office } = controllableOffice({ throws: new Error('Office.js failed') });
    void watchOfficeStart({ office, boundMs: 10_000, hostInfo: OWA, onStuck, watchViolations: noViolations });
    await sleep(10);
    assert.deepEqual(
      reports.map((r) => r.kind),
      ['office_js_missing', 'start_error'],
    );
  });
});
