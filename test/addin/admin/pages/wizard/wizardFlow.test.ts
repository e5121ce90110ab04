import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SetupValidation } from '../../../../../shared/api/loggingSetup.js';
import { en } from '../../../../../addin/admin/i18n/en.js';
import {
  connectionFormOf,
  settingsFormOf,
  type ConnectionForm,
  type SettingsForm,
} from '../../../../../addin/admin/pages/logging/setupForm.js';
import {
  STEP,
  checkKey,
  consentRedirectUrl,
  currentCheck,
  storedFor,
  wizardCanNext,
  wizardMailbox,
  wizardNext,
  type WizardState,
} from '../../../../../addin/admin/pages/wizard/wizardFlow.js';
import { setupView } from '../setupView.js';

const MAILBOX = 'logging@contoso.example';
const THUMBPRINT = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678';
const SIGNED_IN = {
  username: 'crm-job@contoso.example',
  consentedAt: '2026-11-28T09:00:00.000Z',
  consentedBy: 'admin@contoso.example',
};

const validation = (ok: boolean): SetupValidation => ({
  ok,
  code: ok ? null : 'auth_failed',
  message: ok ? 'The setup for email logging is ready to use.' : 'Could not sign in',
  steps: [{ name: 'connection', ok, code: ok ? null : 'auth_failed', message: 'Signed in' }],
  validatedAt: '2026-11-28T09:00:00.000Z',
});
const connection = (over: Partial<ConnectionForm> = {}): ConnectionForm => ({
  ...connectionFormOf(MAILBOX),
  tenantId: 'tenant-1',
  clientId: 'client-1',
  clientSecret: 's3cret',
  ...over,
});
const state = (over: Partial<WizardState> = {}): WizardState => ({
  exchangeDone: true,
  conn: connection(),
  stored: null,
  result: validation(true),
  ...over,
});
const settings = (over: Partial<SettingsForm> = {}): SettingsForm => ({ ...settingsFormOf(), ...over });

describe('addin/admin/pages/wizard/wizardFlow', () => {
  describe('wizardCanNext', () => {
    it('Exchange: waits for "These steps are done"', () => {
      assert.equal(wizardCanNext(STEP.exchange, state({ exchangeDone: false })), false);
      assert.equal(wizardCanNext(STEP.exchange, state({ exchangeDone: true })), true);
    });

    it('App registration: needs a tenant, client id and a secret or certificate, not yet a mailbox', () => {
      const app = (conn: Partial<ConnectionForm>) =>
        wizardCanNext(STEP.app, state({ conn: connection({ mailbox: '', ...conn }) }));
      assert.equal(app({}), true);
      assert.equal(app({ tenantId: ' ' }), false);
      assert.equal(app({ clientId: '' }), false);
      assert.equal(app({ clientSecret: '' }), false, 'no secret, no check on the next step');
      assert.equal(app({ clientSecret: '', authMode: 'delegated' }), false, 'delegated access needs one too');
      assert.equal(app({ credential: 'certificate', certificateThumbprint: THUMBPRINT }), false, 'no key');
      assert.equal(
        app({ credential: 'certificate', certificateThumbprint: THUMBPRINT, certificateKey: 'PEM' }),
        true,
      );
    });

    it('App registration: a stored secret ("set") of this mailbox stands in for a typed one', () => {
      const conn = connection({ clientSecret: '' });
      assert.equal(wizardCanNext(STEP.app, state({ conn, stored: setupView({ mailbox: MAILBOX }) })), true);
      assert.equal(
        wizardCanNext(STEP.app, state({ conn, stored: setupView({ mailbox: 'other@contoso.example' }) })),
        false,
        'saving another mailbox keeps no secret',
      );
      assert.equal(
        wizardCanNext(STEP.app, state({ conn, stored: setupView({ clientSecret: 'not set' }) })),
        false,
      );
    });

    it('Shared mailbox: waits for a passing check', () => {
      assert.equal(wizardCanNext(STEP.mailbox, state({ result: null })), false);
      assert.equal(wizardCanNext(STEP.mailbox, state({ result: validation(false) })), false);
      assert.equal(wizardCanNext(STEP.mailbox, state({ result: validation(true) })), true);
    });

    it('Shared mailbox: with delegated access also for the job account of this mailbox', () => {
      const conn = connection({ authMode: 'delegated' });
      const stored = (mailbox: string, delegatedAccount: typeof SIGNED_IN | null) =>
        setupView({ mailbox, authMode: 'delegated', delegatedAccount });
      assert.equal(wizardCanNext(STEP.mailbox, state({ conn })), false, 'nothing stored');
      assert.equal(wizardCanNext(STEP.mailbox, state({ conn, stored: stored(MAILBOX, null) })), false);
      assert.equal(wizardCanNext(STEP.mailbox, state({ conn, stored: stored(MAILBOX, SIGNED_IN) })), true);
      assert.equal(
        wizardCanNext(STEP.mailbox, state({ conn, stored: stored('other@contoso.example', SIGNED_IN) })),
        false,
        "another mailbox's job account does not count",
      );
      assert.equal(
        wizardCanNext(
          STEP.mailbox,
          state({
            conn: { ...conn, mailbox: ' Logging@Contoso.example ' },
            stored: stored(MAILBOX, SIGNED_IN),
          }),
        ),
        true,
        'the mailbox as saved: trimmed, lower case',
      );
      assert.equal(
        wizardCanNext(STEP.mailbox, state({ conn, stored: stored(MAILBOX, SIGNED_IN), result: null })),
        false,
      );
    });

    it('Advanced settings: always (Next checks them); Finish: has no Next', () => {
      const nothing = state({ exchangeDone: false, conn: connectionFormOf(''), result: null });
      assert.equal(wizardCanNext(STEP.advanced, nothing), true);
      assert.equal(wizardCanNext(STEP.finish, state()), false);
    });
  });

  describe('currentCheck', () => {
    it('keeps the outcome of a check of exactly the inputs shown', () => {
      const conn = connection();
      const result = validation(true);
      assert.equal(currentCheck({ key: checkKey(conn), result }, { ...conn }), result);
      assert.equal(currentCheck(null, conn), null);
    });

    it('drops it once any input changed since; typed back as it was, it counts again', () => {
      const conn = connection();
      const check = { key: checkKey(conn), result: validation(false) };
      const edits: Partial<ConnectionForm>[] = [
        { clientSecret: 'the-right-secret' },
        { mailbox: 'other@contoso.example' },
        { tenantId: 'tenant-2' },
        { authMode: 'delegated' },
        { credential: 'certificate' },
        { jobAccount: 'job@contoso.example' },
      ];
      for (const edit of edits)
        assert.equal(currentCheck(check, { ...conn, ...edit }), null, JSON.stringify(edit));
      assert.equal(currentCheck(check, { ...conn, clientSecret: 'x' }), null);
      assert.equal(currentCheck(check, { ...conn, clientSecret: 's3cret' }), check.result);
    });

    it('tells any two different forms apart', () => {
      const field = fc.string({ unit: fc.constantFrom('a', '"', ',', ':', '\\', ' ') });
      fc.assert(
        fc.property(field, field, (a, b) => {
          const check = { key: checkKey(connection({ clientSecret: a })), result: validation(true) };
          assert.equal(currentCheck(check, connection({ clientSecret: b })) !== null, a === b);
        }),
      );
    });
  });

  describe('wizardNext', () => {
    it('moves on from the first steps without checking the settings', () => {
      for (const step of [STEP.exchange, STEP.app, STEP.mailbox]) {
        assert.deepEqual(wizardNext(step, settings({ intervalSeconds: 'x' }), en), { step: step + 1 });
      }
      assert.equal(wizardNext(STEP.finish, settings(), en).step, STEP.finish, 'no step after Finish');
    });

    it('moves on from the advanced settings when they pass, clearing earlier errors', () => {
      assert.deepEqual(wizardNext(STEP.advanced, settings(), en), { step: STEP.finish, settingsErrors: {} });
    });

    it('stays on the advanced settings with the field errors, in the console language', () => {
      const t = { ...en, errors: { ...en.errors, number: 'Angiv et helt tal.' } };
      const r = wizardNext(STEP.advanced, settings({ intervalSeconds: '5', archiveFolder: ' ' }), t);
      assert.equal(r.step, STEP.advanced);
      assert.deepEqual(Object.keys(r.settingsErrors ?? {}).sort(), ['archiveFolder', 'intervalSeconds']);
      assert.equal(r.settingsErrors?.intervalSeconds, 'Angiv et helt tal.');
    });
  });

  describe('mailbox and stored setup', () => {
    it('saves the mailbox trimmed and lower case, and keeps a stored setup only for that mailbox', () => {
      assert.equal(wizardMailbox(connection({ mailbox: ' Logging@Contoso.Example ' })), MAILBOX);
      const stored = setupView({ mailbox: MAILBOX });
      assert.equal(storedFor(connection({ mailbox: 'LOGGING@contoso.example' }), stored), stored);
      assert.equal(storedFor(connection({ mailbox: 'other@contoso.example' }), stored), null);
      assert.equal(storedFor(connection(), null), null);
    });
  });

  it('sends the job account back to the callback on the console origin', () => {
    assert.equal(
      consentRedirectUrl('https://interlog.contoso.example'),
      'https://interlog.contoso.example/api/v1/logging/consent/callback',
    );
    assert.equal(
      consentRedirectUrl('https://localhost:3443'),
      'https://localhost:3443/api/v1/logging/consent/callback',
    );
  });
});
