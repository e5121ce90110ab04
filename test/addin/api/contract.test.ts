// The parts of the shared/api contract the add-in relies on for safety and correctness.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  ClientConfig,
  CreateOpportunityRequest,
  InteractionDetail,
  LookupRequest,
  LookupResponse,
  apiPath,
} from '../../../shared/api/index.js';

const detail = {
  entryNumber: 7,
  occurredAt: '2025-01-01T10:00:00.000Z',
  direction: 'inbound',
  subject: 'Hi',
  salespersonCode: 'JD',
  salespersonName: 'Jo Doe',
  opportunityNumber: null,
  canceled: false,
  hasLink: true,
  visibility: 'full',
  private: false,
  sensitive: false,
  contactNumber: 'CT1',
  contactName: 'Jane',
  message: {
    internetMessageId: '<m@x>',
    immutableId: 'AAk=',
    webLink: 'https://outlook.office365.com/owa/?ItemID=AAk%3D',
    mailbox: 'log@contoso.com',
  },
};

describe('shared/api contract (as the add-in uses it)', () => {
  it('accepts only https links to logged mail', () => {
    assert.equal(InteractionDetail.safeParse(detail).success, true);
    for (const webLink of ['javascript:alert(1)', 'http://outlook.office.com/x', 'data:text/html,x']) {
      assert.equal(
        InteractionDetail.safeParse({ ...detail, message: { ...detail.message, webLink } }).success,
        false,
        webLink,
      );
    }
  });

  it('rejects fields the contract does not name (strict objects)', () => {
    const response = {
      contacts: [],
      unknownAddresses: [],
      recentInteractions: {},
      openOpportunities: {},
      logged: { isLogged: false, entries: [] },
    };
    assert.equal(LookupResponse.safeParse(response).success, true);
    assert.equal(LookupResponse.safeParse({ ...response, debug: 1 }).success, false);
  });

  it('limits a lookup to 1..50 addresses', () => {
    const many = Array.from({ length: 51 }, (_, i) => `p${i}@fabrikam.com`);
    assert.equal(LookupRequest.safeParse({ addresses: many.slice(0, 50) }).success, true);
    assert.equal(LookupRequest.safeParse({ addresses: many }).success, false);
    assert.equal(LookupRequest.safeParse({ addresses: [] }).success, false);
  });

  it('creates an opportunity from an entry or a message, never both', () => {
    const base = { contactNumber: 'CT1', description: 'Pumps' };
    const message = {
      internetMessageId: '<m@x>',
      subject: '',
      sentDateTime: '2025-01-01T00:00:00Z',
      from: { address: 'a@b.c', name: '' },
      to: [],
      cc: [],
    };
    assert.equal(CreateOpportunityRequest.safeParse({ ...base, fromEntryNumber: 7 }).success, true);
    assert.equal(CreateOpportunityRequest.safeParse({ ...base, fromMessage: message }).success, true);
    assert.equal(
      CreateOpportunityRequest.safeParse({ ...base, fromEntryNumber: 7, fromMessage: message }).success,
      false,
    );
  });

  it('needs a client id and scope in entra mode and nothing else in dev mode, and the internal domains in both', () => {
    const internalDomains = ['contoso.example'];
    assert.equal(
      ClientConfig.safeParse({
        authMode: 'entra',
        clientId: 'c',
        apiScope: 'api://c/access_as_user',
        internalDomains,
      }).success,
      true,
    );
    assert.equal(
      ClientConfig.safeParse({ authMode: 'entra', clientId: 'c', internalDomains }).success,
      false,
    );
    assert.equal(ClientConfig.safeParse({ authMode: 'dev', internalDomains }).success, true);
    assert.equal(ClientConfig.safeParse({ authMode: 'dev', clientId: 'c', internalDomains }).success, false);
    assert.equal(ClientConfig.safeParse({ authMode: 'dev' }).success, false, 'the pane needs the domains');
  });

  it('builds paths with encoded parameters and refuses missing ones', () => {
    assert.equal(apiPath('linkOpportunity', { entryNumber: 12 }), '/api/v1/interactions/12/link-opportunity');
    assert.equal(apiPath('contactInteractions', { number: 'a/b' }), '/api/v1/contacts/a%2Fb/interactions');
    assert.throws(() => apiPath('interaction'), /entryNumber/);
  });

  it('avoids `z.iso.*` member chains, which webpack miscompiles into z.date() and friends', () => {
    const dir = path.resolve(import.meta.dirname, '../../../shared');
    const offenders = fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .filter((f) =>
        fs
          .readFileSync(path.join(dir, f), 'utf8')
          .split('\n')
          .some((line) => !line.trim().startsWith('//') && /\bz\.iso\./.test(line)),
      );
    assert.deepEqual(offenders, []);
  });

  it('is built with zod/mini only: the add-in and shared/ never import classic zod, whose module would come back with it', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const offenders = ['addin', 'shared'].flatMap((top) =>
      fs
        .readdirSync(path.join(root, top), { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.tsx?$/.test(f))
        .filter((f) =>
          /^import(?! type)[^;]*from 'zod(\/v4)?';/m.test(fs.readFileSync(path.join(root, top, f), 'utf8')),
        )
        .map((f) => `${top}/${f}`),
    );
    assert.deepEqual(offenders, []);
  });

  it("gives zod's own messages in English in the pages (zodConfig.ts), as the server does", () => {
    // A process of its own: in this one the server's modules have already set classic zod's English locale.
    const script =
      "import './addin/zodConfig.ts'; import { LookupRequest } from './shared/api/lookup.ts';" +
      'console.log(LookupRequest.safeParse({ addresses: [] }).error?.issues[0]?.message);';
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
    assert.equal(out.trim(), 'Too small: expected array to have >=1 items');
  });
});
