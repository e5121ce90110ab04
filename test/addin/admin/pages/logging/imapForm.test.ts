// The IMAP server fields of the wizard and the Email logging page (issue 14): the bodies they send are valid by
// the contract, secrets go out only when typed, the port follows the security while it is the usual one, and the
// wizard's Next and check follow the mail source chosen.
import assert from 'node:assert/strict';
import { LoggingSetupUpdate, SetupCheckRequest } from '../../../../../shared/api/loggingSetup.js';
import {
  imapCheck,
  imapComplete,
  imapFormOf,
  imapUpdate,
  withSecurity,
  withServiceAccountKey,
  type ImapForm,
} from '../../../../../addin/admin/pages/logging/imapForm.js';
import { connectionFormOf } from '../../../../../addin/admin/pages/logging/setupForm.js';
import {
  STEP,
  wizardCanNext,
  wizardCheck,
  wizardConnectionUpdate,
} from '../../../../../addin/admin/pages/wizard/wizardFlow.js';
import { setupView } from '../setupView.js';

const MAILBOX = 'logging@contoso.example';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const filled = (over: Partial<ImapForm> = {}): ImapForm => ({
  ...imapFormOf(),
  host: ' imap.contoso.example ',
  user: ' logging@contoso.example ',
  password: 'p4ss',
  ...over,
});
const OAUTH = {
  tokenUrl: 'https://login.microsoftonline.com/contoso.example/oauth2/v2.0/token',
  clientId: '00000000-0000-0000-0000-00000000c11e',
  scope: 'https://outlook.office365.com/.default',
};
const storedImap = (password: 'set' | 'not set', oauthSecret?: 'set' | 'not set') =>
  setupView({
    provider: 'imap',
    imap: {
      host: 'imap.contoso.example',
      port: 143,
      security: 'starttls',
      user: MAILBOX,
      password,
      caCertificate: 'set',
      archiveFolderName: 'Logged',
      junkFolderName: null,
      trashFolderName: 'Papirkurv',
      auth: oauthSecret ? 'oauth2' : 'password',
      oauth: oauthSecret ? { grant: 'client_credentials', ...OAUTH, clientSecret: oauthSecret } : null,
    },
  });

describe('addin/admin/pages/logging/imapForm', () => {
  it('sends the server trimmed, the password and CA only when typed, valid by the contract', () => {
    const u = imapUpdate(filled({ caCertificate: ` ${PEM}\n` }));
    assert.deepEqual(u, {
      host: 'imap.contoso.example',
      port: 993,
      security: 'tls',
      user: 'logging@contoso.example',
      auth: 'password',
      archiveFolderName: null,
      junkFolderName: null,
      trashFolderName: null,
      password: 'p4ss',
      caCertificate: PEM,
    });
    assert.equal(LoggingSetupUpdate.safeParse({ provider: 'imap', imap: u }).success, true);
    assert.equal(imapUpdate(filled({ trashFolderName: ' Papirkurv ' })).trashFolderName, 'Papirkurv');
    const kept = imapUpdate(filled({ password: '' }));
    assert.equal('password' in kept, false, 'an empty field keeps the stored password');
    assert.equal('caCertificate' in kept, false);
    const check = imapCheck(' Logging@Contoso.example ', filled());
    assert.equal(check.mailbox, MAILBOX);
    assert.equal(SetupCheckRequest.safeParse(check).success, true);
  });

  it('a port that is not a number is refused by the contract, not sent as something else', () => {
    const u = imapUpdate(filled({ port: '99a' }));
    assert.equal(LoggingSetupUpdate.safeParse({ imap: u }).success, false);
  });

  it('takes a stored server up, never its secrets', () => {
    const f = imapFormOf(storedImap('set'));
    assert.deepEqual(
      [f.host, f.port, f.security, f.password, f.caCertificate, f.archiveFolderName, f.trashFolderName],
      ['imap.contoso.example', '143', 'starttls', '', '', 'Logged', 'Papirkurv'],
    );
  });

  it('moves the port with the security while it is the usual one, keeps a port the admin chose', () => {
    assert.equal(withSecurity(filled(), 'starttls').port, '143');
    assert.equal(withSecurity(filled({ port: '143', security: 'starttls' }), 'tls').port, '993');
    assert.equal(withSecurity(filled({ port: '10993' }), 'starttls').port, '10993');
  });

  it('is complete with host, port, user and a password typed or stored for this mailbox', () => {
    assert.equal(imapComplete(filled(), null), true);
    assert.equal(imapComplete(filled({ host: ' ' }), null), false);
    assert.equal(imapComplete(filled({ port: '0' }), null), false);
    assert.equal(imapComplete(filled({ port: '65536' }), null), false);
    assert.equal(imapComplete(filled({ password: '' }), null), false);
    assert.equal(imapComplete(filled({ password: '' }), storedImap('set')), true);
    assert.equal(imapComplete(filled({ password: '' }), storedImap('not set')), false);
  });

  it("the wizard: an IMAP mailbox needs no Exchange confirmation, and Next and the check follow the server's fields", () => {
    const conn = { ...connectionFormOf(MAILBOX), provider: 'imap' as const, imap: filled() };
    const state = { exchangeDone: false, conn, stored: null, result: null };
    assert.equal(wizardCanNext(STEP.exchange, state), true);
    assert.equal(wizardCanNext(STEP.exchange, { ...state, conn: { ...conn, provider: 'graph' } }), false);
    assert.equal(wizardCanNext(STEP.app, state), true, 'no tenant or client id needed');
    assert.equal(wizardCanNext(STEP.app, { ...state, conn: { ...conn, imap: filled({ user: '' }) } }), false);
    assert.deepEqual(wizardCheck(conn), imapCheck(MAILBOX, conn.imap));
    assert.deepEqual(wizardConnectionUpdate(conn, 'https://x.example/cb'), {
      provider: 'imap',
      imap: imapUpdate(conn.imap),
    });
    assert.equal(
      wizardConnectionUpdate({ ...conn, provider: 'graph' }, 'https://x.example/cb').provider,
      'graph',
    );
  });

  it('OAuth sign-in: sends the client (its secret only when typed) and never the password, valid by the contract', () => {
    const oauth = filled({
      auth: 'oauth2',
      oauthTokenUrl: ` ${OAUTH.tokenUrl} `,
      oauthClientId: OAUTH.clientId,
      oauthClientSecret: 's3cret',
      oauthScope: OAUTH.scope,
    });
    const u = imapUpdate(oauth);
    assert.equal(u.auth, 'oauth2');
    assert.deepEqual(u.oauth, { grant: 'client_credentials', ...OAUTH, clientSecret: 's3cret' });
    assert.equal('password' in u, false, 'a password typed before switching to OAuth is not sent');
    assert.equal(LoggingSetupUpdate.safeParse({ provider: 'imap', imap: u }).success, true);
    assert.equal(SetupCheckRequest.safeParse(imapCheck(MAILBOX, oauth)).success, true);
    const kept = imapUpdate({ ...oauth, oauthClientSecret: '' });
    assert.equal('clientSecret' in kept.oauth!, false, 'an empty field keeps the stored secret');
    assert.equal('oauth' in imapUpdate(filled()), false, 'password sign-in leaves a stored client alone');
    assert.equal(
      LoggingSetupUpdate.safeParse({ imap: imapUpdate({ ...oauth, oauthTokenUrl: 'http://x.example/t' }) })
        .success,
      false,
      'the token endpoint must be HTTPS',
    );
  });

  it('OAuth sign-in: takes a stored client up without its secret; complete with URL, id, scope and a secret', () => {
    const f = imapFormOf(storedImap('not set', 'set'));
    assert.deepEqual(
      [f.auth, f.oauthTokenUrl, f.oauthClientId, f.oauthScope, f.oauthClientSecret],
      ['oauth2', OAUTH.tokenUrl, OAUTH.clientId, OAUTH.scope, ''],
    );
    assert.equal(imapComplete(f, storedImap('not set', 'set')), true, 'the stored secret counts');
    assert.equal(imapComplete(f, storedImap('not set', 'not set')), false);
    assert.equal(imapComplete(f, null), false, 'another mailbox’s secret does not count');
    assert.equal(imapComplete({ ...f, oauthClientSecret: 'x' }, null), true);
    assert.equal(imapComplete({ ...f, oauthClientSecret: 'x', oauthScope: ' ' }, null), false);
    assert.equal(imapComplete({ ...f, oauthClientSecret: 'x', oauthClientId: '' }, null), false);
    assert.equal(
      imapComplete({ ...f, auth: 'password' }, storedImap('not set', 'set')),
      false,
      'no password',
    );
  });

  it('Google service account: the JSON key file pasted whole fills key, account and endpoint; valid by the contract', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n';
    const keyFile = JSON.stringify({
      type: 'service_account',
      project_id: 'contoso-crm',
      private_key_id: 'abc123',
      private_key: key,
      client_email: 'interlog-imap@contoso-crm.iam.gserviceaccount.com',
      token_uri: 'https://oauth2.googleapis.com/token',
    });
    const start = filled({ auth: 'oauth2', oauthGrant: 'jwt_bearer', host: 'imap.gmail.com' });
    const f = withServiceAccountKey(start, keyFile);
    assert.deepEqual(
      [f.oauthClientSecret, f.oauthClientId, f.oauthTokenUrl, f.oauthScope],
      [
        key,
        'interlog-imap@contoso-crm.iam.gserviceaccount.com',
        'https://oauth2.googleapis.com/token',
        'https://mail.google.com/',
      ],
    );
    const u = imapUpdate(f);
    assert.equal(u.oauth?.grant, 'jwt_bearer');
    assert.equal(LoggingSetupUpdate.safeParse({ provider: 'imap', imap: u }).success, true);
    assert.equal(imapComplete(f, null), true);
    // Typed by hand or half pasted: kept as typed (the contract then names the field); typed values are kept.
    assert.equal(withServiceAccountKey(start, key).oauthClientSecret, key);
    assert.equal(
      withServiceAccountKey(start, '{"private_key": "-----BEG').oauthClientSecret,
      '{"private_key": "-----BEG',
    );
    const own = withServiceAccountKey({ ...start, oauthScope: 'https://mail.google.com/ x' }, keyFile);
    assert.equal(own.oauthScope, 'https://mail.google.com/ x');
    const half = imapUpdate({ ...f, oauthClientSecret: '{"private_key": "-----BEG' });
    assert.equal(LoggingSetupUpdate.safeParse({ imap: half }).success, false);
  });

  it('a stored secret counts only for its own grant: switching to a service account needs the key', () => {
    const stored = storedImap('not set', 'set'); // a client secret stored for client credentials
    const f = imapFormOf(stored);
    assert.equal(f.oauthGrant, 'client_credentials');
    assert.equal(imapComplete(f, stored), true);
    assert.equal(imapComplete({ ...f, oauthGrant: 'jwt_bearer' }, stored), false);
  });
});
