import assert from 'node:assert/strict';
import fc from 'fast-check';
import { en } from '../../../../../addin/admin/i18n/en.js';
import {
  appRegistrationComplete,
  blocklistEntries,
  checkUpdate,
  connectionComplete,
  connectionFormOf,
  connectionUpdate,
  settingsFormOf,
  settingsUpdate,
  type ConnectionForm,
  type SettingsForm,
} from '../../../../../addin/admin/pages/logging/setupForm.js';
import { imapFormOf } from '../../../../../addin/admin/pages/logging/imapForm.js';
import { setupView as view } from '../setupView.js';

const REDIRECT = 'https://interlog.contoso.example/api/v1/logging/consent/callback';
const THUMBPRINT = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678';

const settings = (over: Partial<SettingsForm> = {}): SettingsForm => ({ ...settingsFormOf(), ...over });
const connection = (over: Partial<ConnectionForm> = {}): ConnectionForm => ({
  ...connectionFormOf('logging@contoso.example'),
  tenantId: 'tenant-1',
  clientId: 'client-1',
  clientSecret: 's3cret',
  ...over,
});
const settingsErrors = (over: Partial<SettingsForm>) => checkUpdate(settingsUpdate(settings(over)), en);

describe('addin/admin/pages/logging/setupForm', () => {
  describe('settings form', () => {
    it('refuses attempts before quarantine outside 1..100', () => {
      for (const bad of ['0', '101', 'x', '2.5']) {
        assert.ok(settingsErrors({ maxAttempts: bad }).maxAttempts, `"${bad}" is refused`);
      }
      assert.equal(settingsErrors({ maxAttempts: '7' }).maxAttempts, undefined);
      assert.equal(settingsUpdate(settings({ maxAttempts: '7' })).policy?.maxAttempts, 7);
    });

    it('starts a new setup with the defaults the server would use, which pass the contract', () => {
      const form = settingsFormOf();
      assert.deepEqual(form, {
        intervalSeconds: '60',
        batchSize: '50',
        archiveFolder: 'archive',
        unmatched: 'delete',
        unmatchedFolder: '',
        maxAttempts: '5',
        quarantineFolder: 'Interlog quarantine',
        blocklist: '',
        archiveRollover: 'off',
        archiveRolloverAtItems: '',
      });
      assert.deepEqual(checkUpdate(settingsUpdate(form), en), {});
    });

    it('sends the archive rollover, and a threshold only as a whole number (empty: none)', () => {
      const form = {
        ...settingsFormOf(),
        archiveRollover: 'yearly' as const,
        archiveRolloverAtItems: ' 500000 ',
      };
      assert.deepEqual(
        [settingsUpdate(form).policy?.archiveRollover, settingsUpdate(form).policy?.archiveRolloverAtItems],
        ['yearly', 500000],
      );
      assert.equal(
        settingsUpdate({ ...form, archiveRolloverAtItems: '' }).policy?.archiveRolloverAtItems,
        null,
      );
      const bad = checkUpdate(settingsUpdate({ ...form, archiveRolloverAtItems: '0' }), en);
      assert.ok(bad['archiveRolloverAtItems'], JSON.stringify(bad));
    });

    it('shows a stored setup (blocklist one entry a line) and saves it back unchanged', () => {
      const stored = view();
      const form = settingsFormOf(stored);
      assert.equal(form.blocklist, 'noreply@fabrikam.example\n@spam.example');
      assert.deepEqual(settingsUpdate(form), {
        intervalSeconds: stored.intervalSeconds,
        batchSize: stored.batchSize,
        policy: stored.policy,
      });
    });

    it('reads whole numbers only: decimals, exponents, signs and words are not numbers', () => {
      assert.equal(settingsUpdate(settings({ intervalSeconds: ' 120 ' })).intervalSeconds, 120);
      for (const text of ['12.5', '1e3', '-10', '+10', '', '   ', 'ten', '0x10', '1 000', '1234567']) {
        assert.ok(Number.isNaN(settingsUpdate(settings({ batchSize: text })).batchSize), text);
      }
    });

    it('parses any digit string of up to 6 digits, with spaces around, to its value', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 999_999 }),
          fc.string({ unit: fc.constantFrom(' ', '\t') }),
          (n, pad) => {
            assert.equal(
              settingsUpdate(settings({ intervalSeconds: `${pad}${n}${pad}` })).intervalSeconds,
              n,
            );
          },
        ),
      );
    });

    it('accepts the interval from 10 s to a day and the batch size from 1 to 1000, and nothing outside', () => {
      for (const ok of ['10', '60', '86400'])
        assert.deepEqual(settingsErrors({ intervalSeconds: ok }), {}, ok);
      for (const ok of ['1', '1000']) assert.deepEqual(settingsErrors({ batchSize: ok }), {}, ok);
      for (const bad of ['9', '0', '86401', '2.5', '']) {
        assert.deepEqual(
          settingsErrors({ intervalSeconds: bad }),
          { intervalSeconds: en.errors.number },
          bad,
        );
      }
      for (const bad of ['0', '1001', 'x']) {
        assert.deepEqual(settingsErrors({ batchSize: bad }), { batchSize: en.errors.number }, bad);
      }
    });

    it("gives the number fields the console's own message, in the console's language", () => {
      const t = { ...en, errors: { ...en.errors, number: 'Angiv et helt tal.' } };
      const errors = checkUpdate(settingsUpdate(settings({ intervalSeconds: '5', batchSize: '5000' })), t);
      assert.deepEqual(errors, { intervalSeconds: 'Angiv et helt tal.', batchSize: 'Angiv et helt tal.' });
    });

    it('sends the unmatched folder only when unmatched mail is moved, and then requires it', () => {
      assert.equal(
        settingsUpdate(settings({ unmatched: 'keep', unmatchedFolder: 'X' })).policy!.unmatchedFolder,
        null,
      );
      assert.equal(
        settingsUpdate(settings({ unmatched: 'move', unmatchedFolder: 'X' })).policy!.unmatchedFolder,
        'X',
      );
      assert.deepEqual(Object.keys(settingsErrors({ unmatched: 'move', unmatchedFolder: '  ' })), [
        'unmatchedFolder',
      ]);
      assert.deepEqual(settingsErrors({ unmatched: 'delete', unmatchedFolder: '' }), {});
    });

    it('refuses blank folder names for the archive and quarantine folders', () => {
      assert.deepEqual(Object.keys(settingsErrors({ archiveFolder: ' ' })), ['archiveFolder']);
      assert.deepEqual(Object.keys(settingsErrors({ quarantineFolder: '' })), ['quarantineFolder']);
      assert.deepEqual(Object.keys(settingsErrors({ archiveFolder: 'x'.repeat(256) })), ['archiveFolder']);
    });

    it('reads the blocklist one entry a line: trimmed, blank lines and Windows line ends dropped', () => {
      const form = settings({ blocklist: '  a@x.example \r\n\r\n@y.example\n   \n\tb@z.example' });
      assert.deepEqual(settingsUpdate(form).policy!.blocklist, ['a@x.example', '@y.example', 'b@z.example']);
    });

    it('counts the blocklist as it is saved (the finish summary shows this count)', () => {
      assert.deepEqual(blocklistEntries(''), []);
      assert.deepEqual(blocklistEntries(' \r\n\t\n'), []);
      assert.deepEqual(blocklistEntries('a@x.example\r\n\r\n  @y.example  \n'), [
        'a@x.example',
        '@y.example',
      ]);
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom('a', '@', ' ', '\n', '\r') }), (typed) => {
          assert.deepEqual(
            blocklistEntries(typed),
            settingsUpdate(settings({ blocklist: typed })).policy!.blocklist,
          );
        }),
      );
    });

    it('never sends a blank or padded blocklist entry, whatever is typed', () => {
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom('a', '@', '.', ' ', '\t', '\n', '\r') }), (typed) => {
          for (const entry of settingsUpdate(settings({ blocklist: typed })).policy!.blocklist!) {
            assert.ok(entry.length > 0 && entry === entry.trim(), JSON.stringify(entry));
          }
        }),
      );
    });

    it('points a too long blocklist entry, and too many entries, at the blocklist field', () => {
      const long = `${'a'.repeat(250)}@x.example`;
      assert.deepEqual(Object.keys(settingsErrors({ blocklist: `ok@x.example\n${long}` })), ['blocklist']);
      const many = Array.from({ length: 5001 }, (_, i) => `u${i}@x.example`).join('\n');
      assert.deepEqual(Object.keys(settingsErrors({ blocklist: many })), ['blocklist']);
      const most = Array.from({ length: 5000 }, (_, i) => `u${i}@x.example`).join('\n');
      assert.deepEqual(settingsErrors({ blocklist: most }), {});
    });
  });

  describe('connection form', () => {
    it('never shows a stored secret or key, and picks the certificate when one is stored', () => {
      assert.equal(connectionFormOf('m@x.example', view()).credential, 'secret');
      const withCert = connectionFormOf(
        'm@x.example',
        view({ certificateThumbprint: THUMBPRINT, certificateKey: 'set', clientSecret: 'not set' }),
      );
      assert.equal(withCert.credential, 'certificate');
      assert.equal(withCert.certificateThumbprint, THUMBPRINT);
      assert.equal(withCert.certificateKey, '');
      assert.equal(withCert.clientSecret, '');
      assert.deepEqual(connectionFormOf('new@x.example'), {
        mailbox: 'new@x.example',
        provider: 'graph',
        imap: imapFormOf(),
        authMode: 'app',
        tenantId: '',
        clientId: '',
        credential: 'secret',
        clientSecret: '',
        certificateThumbprint: '',
        certificateKey: '',
        jobAccount: '',
      });
    });

    it('sends a typed secret and clears the certificate; an empty secret field keeps the stored one', () => {
      const typed = connectionUpdate(connection({ tenantId: ' t ', clientId: ' c ' }), REDIRECT);
      assert.deepEqual(typed, {
        authMode: 'app',
        tenantId: 't',
        clientId: 'c',
        redirectUrl: REDIRECT,
        jobAccount: null,
        clientSecret: 's3cret',
        certificateThumbprint: null,
        certificateKey: null,
      });
      const kept = connectionUpdate(connection({ clientSecret: '' }), REDIRECT);
      assert.equal('clientSecret' in kept, false);
      assert.equal(kept.certificateThumbprint, null);
    });

    it('sends the certificate (key only when typed) and clears the secret', () => {
      const cert = connection({
        credential: 'certificate',
        certificateThumbprint: ` ${THUMBPRINT} `,
        certificateKey: '\n-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n',
      });
      const u = connectionUpdate(cert, REDIRECT);
      assert.equal(u.certificateThumbprint, THUMBPRINT);
      assert.equal(u.certificateKey, '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----');
      assert.equal(u.clientSecret, null);
      const keyKept = connectionUpdate({ ...cert, certificateKey: '  ' }, REDIRECT);
      assert.equal('certificateKey' in keyKept, false);
    });

    it('sends the job account only for delegated access', () => {
      const account = { jobAccount: ' job@contoso.example ' };
      assert.equal(connectionUpdate(connection({ ...account, authMode: 'app' }), REDIRECT).jobAccount, null);
      assert.equal(
        connectionUpdate(connection({ ...account, authMode: 'delegated' }), REDIRECT).jobAccount,
        'job@contoso.example',
      );
      assert.equal(connectionUpdate(connection({ authMode: 'delegated' }), REDIRECT).jobAccount, null);
    });

    it('checks the connection by the contract: thumbprint, job account, redirect URL', () => {
      assert.deepEqual(checkUpdate(connectionUpdate(connection(), REDIRECT), en), {});
      const badThumb = connection({ credential: 'certificate', certificateThumbprint: 'abc' });
      assert.deepEqual(Object.keys(checkUpdate(connectionUpdate(badThumb, REDIRECT), en)), [
        'certificateThumbprint',
      ]);
      const badAccount = connection({ authMode: 'delegated', jobAccount: 'not an address' });
      assert.deepEqual(Object.keys(checkUpdate(connectionUpdate(badAccount, REDIRECT), en)), ['jobAccount']);
      const http = connectionUpdate(connection(), 'http://interlog.contoso.example/cb');
      assert.deepEqual(Object.keys(checkUpdate(http, en)), ['redirectUrl']);
    });

    describe('appRegistrationComplete (what the app registration step needs)', () => {
      it('needs a tenant, a client id and a credential, but no mailbox yet (it is asked for later)', () => {
        assert.equal(appRegistrationComplete(connection({ mailbox: '' }), null), true);
        assert.equal(appRegistrationComplete(connection({ tenantId: '  ' }), null), false);
        assert.equal(appRegistrationComplete(connection({ clientId: '' }), null), false);
        assert.equal(appRegistrationComplete(connection({ clientSecret: '' }), null), false);
        assert.equal(appRegistrationComplete(connection({ clientSecret: ' ' }), null), false);
      });

      it('needs the same credential for app-only and delegated access (both sign in as the app)', () => {
        for (const authMode of ['app', 'delegated'] as const) {
          assert.equal(appRegistrationComplete(connection({ authMode }), null), true, authMode);
          assert.equal(appRegistrationComplete(connection({ authMode, clientSecret: '' }), null), false);
          assert.equal(appRegistrationComplete(connection({ authMode, clientSecret: '' }), view()), true);
        }
      });

      it('takes a stored secret or key ("set") for a typed one, each for its own kind only', () => {
        const cert = connection({
          credential: 'certificate',
          clientSecret: '',
          certificateThumbprint: THUMBPRINT,
        });
        assert.equal(appRegistrationComplete(cert, view({ certificateKey: 'set' })), true);
        assert.equal(appRegistrationComplete(cert, view({ clientSecret: 'set' })), false);
        const secret = connection({ clientSecret: '' });
        assert.equal(appRegistrationComplete(secret, view({ clientSecret: 'set' })), true);
        assert.equal(
          appRegistrationComplete(secret, view({ clientSecret: 'not set', certificateKey: 'set' })),
          false,
        );
      });
    });

    describe('connectionComplete (what a connection check needs)', () => {
      it('needs a mailbox address with a domain, a tenant and a client id', () => {
        assert.equal(connectionComplete(connection(), null), true);
        for (const mailbox of [
          '',
          'logging',
          'logging@contoso',
          'log ging@contoso.example',
          '@contoso.example',
        ]) {
          assert.equal(connectionComplete(connection({ mailbox }), null), false, mailbox);
        }
        assert.equal(connectionComplete(connection({ mailbox: ' logging@contoso.example ' }), null), true);
        assert.equal(connectionComplete(connection({ tenantId: ' ' }), null), false);
        assert.equal(connectionComplete(connection({ clientId: '' }), null), false);
      });

      it('needs a secret, typed or stored', () => {
        assert.equal(connectionComplete(connection({ clientSecret: '' }), null), false);
        assert.equal(connectionComplete(connection({ clientSecret: '' }), view()), true);
        assert.equal(
          connectionComplete(connection({ clientSecret: '' }), view({ clientSecret: 'not set' })),
          false,
        );
      });

      it('needs no job account for delegated access (it is only the sign-in hint)', () => {
        const delegated = connection({ authMode: 'delegated', clientSecret: '', jobAccount: '' });
        assert.equal(connectionComplete(delegated, view({ authMode: 'delegated' })), true);
        assert.equal(connectionComplete(delegated, null), false);
      });

      it('needs a thumbprint and a key, typed or stored, for a certificate', () => {
        const cert = connection({
          credential: 'certificate',
          clientSecret: '',
          certificateThumbprint: THUMBPRINT,
        });
        assert.equal(connectionComplete({ ...cert, certificateKey: 'PEM' }, null), true);
        assert.equal(connectionComplete(cert, null), false);
        assert.equal(connectionComplete(cert, view({ certificateKey: 'set' })), true);
        assert.equal(
          connectionComplete({ ...cert, certificateThumbprint: '' }, view({ certificateKey: 'set' })),
          false,
        );
        // A stored secret does not stand in for a certificate's key.
        assert.equal(connectionComplete(cert, view({ clientSecret: 'set' })), false);
      });
    });
  });
});
