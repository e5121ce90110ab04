import assert from 'node:assert/strict';
import { consentReturnLocation } from '../../../../server/routes/loggingConsent/presenter.js';
import type { ConsentResult } from '../../../../server/services/loggingConsent.js';
import { consentOutcomeOf } from '../../../../shared/api/loggingConsent.js';

const result = (over: Partial<ConsentResult>): ConsentResult => ({
  mailbox: 'crm-log@contoso.example',
  returnTo: 'logging',
  keep: { lang: null, devUser: null },
  outcome: { ok: true, username: 'crm-job@contoso.example' },
  clearCookie: null,
  ...over,
});

/** What the console reads back: the hash's query, as the pages parse it. */
const readBack = (location: string) => new URLSearchParams(location.split('#')[1]!.split('?')[1]);

describe('consent callback: where the browser goes back to', () => {
  it('leads to the console page with the outcome in its hash, and the kept query in front', () => {
    const ok = consentReturnLocation(
      result({ returnTo: 'wizard', keep: { lang: 'da', devUser: 'annette.admin@contoso.example' } }),
    );
    assert.equal(
      ok,
      '/admin?devUser=annette.admin%40contoso.example&lang=da#/wizard?mailbox=crm-log%40contoso.example&consent=ok',
    );
    assert.deepEqual(consentOutcomeOf(readBack(ok)), { ok: true });
    assert.ok(!ok.includes('crm-job'), 'the username is read from the setup, not the URL');
  });

  it('names the refusal and the Entra ID error number, which the console reads back', () => {
    const failed = consentReturnLocation(
      result({ mailbox: null, outcome: { ok: false, code: 'consent_denied', aadsts: '65004' } }),
    );
    assert.equal(failed, '/admin#/logging?consent=error&code=consent_denied&aadsts=65004');
    assert.deepEqual(consentOutcomeOf(readBack(failed)), {
      ok: false,
      code: 'consent_denied',
      aadsts: '65004',
    });
  });

  it('reads nothing into an outcome it does not know', () => {
    const forged = new URLSearchParams('consent=error&code=<script>&aadsts=1;alert(1)');
    assert.deepEqual(consentOutcomeOf(forged), { ok: false, code: 'unknown', aadsts: null });
    assert.equal(consentOutcomeOf(new URLSearchParams('mailbox=x')), null);
  });
});
