// The job account of a delegated setup: who is signed in, the trip to Microsoft that signs it in (the wizard's
// "Sign in with the job account", the Email logging page's "Renew token"), and the outcome the server's callback
// leaves in the URL hash (#/logging?mailbox=x&consent=ok|error&code=) when the browser comes back.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  consentOutcomeOf,
  type ConsentOutcome,
  type ConsentReturnPage,
} from '../../../../shared/api/loggingConsent.js';
import type { LoggingSetupView } from '../../../../shared/api/loggingSetup.js';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import type { AdminLanguage } from '../../i18n/context.js';
import { useAdminI18n } from '../../i18n/context.js';

const OUTCOME_KEYS = ['consent', 'code', 'aadsts'];

function hashParts(hash: string): { path: string; query: URLSearchParams } {
  const at = hash.indexOf('?');
  return at < 0
    ? { path: hash, query: new URLSearchParams() }
    : { path: hash.slice(0, at), query: new URLSearchParams(hash.slice(at + 1)) };
}

/** The outcome in a hash, when it is about `mailbox` (one without a mailbox is about whichever is shown). */
export function consentInHash(hash: string, mailbox: string | null): ConsentOutcome | null {
  const { query } = hashParts(hash);
  const about = query.get('mailbox');
  if (mailbox !== null && about !== null && about !== mailbox) return null;
  return consentOutcomeOf(query);
}

/** The hash without the outcome, so that a reload or a bookmark does not show it again. */
export function hashWithoutOutcome(hash: string): string {
  const { path, query } = hashParts(hash);
  for (const key of OUTCOME_KEYS) query.delete(key);
  return query.size > 0 ? `${path}?${query}` : path;
}

/** The outcome of a sign-in that just came back (read once), and a way to dismiss it. */
export function useConsentOutcome(mailbox: string | null): [ConsentOutcome | null, () => void] {
  const [outcome, setOutcome] = useState(() => consentInHash(location.hash, mailbox));
  useEffect(() => {
    // Only the first render's outcome is taken out of the URL (replaceState: no hashchange, no new route).
    if (outcome) {
      const url = location.pathname + location.search + hashWithoutOutcome(location.hash);
      history.replaceState(history.state, '', url);
    }
  }, []); // once, on mount
  return [outcome, () => setOutcome(null)];
}

/**
 * Sends the browser to Microsoft's sign-in for the job account. It comes back to `returnTo` in the same
 * language, signed in to the console as before (the development sign-in's address travels along).
 */
export async function startJobSignIn(
  api: AdminClient,
  mailbox: string,
  returnTo: ConsentReturnPage,
  language: AdminLanguage,
): Promise<void> {
  const devUser = new URLSearchParams(location.search).get('devUser');
  const { url } = await api.startConsent(mailbox, {
    returnTo,
    keep: { lang: language, ...(devUser && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(devUser) ? { devUser } : {}) },
  });
  window.location.assign(url);
}

export function ConsentOutcomeBar(props: { outcome: ConsentOutcome; onDismiss: () => void }) {
  const { t } = useAdminI18n();
  const c = t.consent;
  const { outcome } = props;
  return (
    <MessageBar intent={outcome.ok ? 'success' : 'error'} layout="multiline" data-testid="consent-outcome">
      <MessageBarBody>
        <MessageBarTitle>{outcome.ok ? c.okTitle : c.failedTitle}</MessageBarTitle>
        {outcome.ok ? c.ok : (c.errors[outcome.code] ?? c.errors.unknown)}
        {!outcome.ok && outcome.aadsts && ` ${c.aadsts(outcome.aadsts)}`}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="transparent" onClick={props.onDismiss}>
          {t.common.dismiss}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** "crm-job@contoso.example, signed in 3 Mar 2025, 10:15 by annette.admin@…" or "No job account is signed in". */
export function JobAccountStatus(props: { view: LoggingSetupView | null }) {
  const { t, locale } = useAdminI18n();
  const account = props.view?.delegatedAccount ?? null;
  return (
    <Text data-testid="job-account" data-signed-in={account ? 'true' : 'false'}>
      {account
        ? t.consent.signedIn(
            account.username,
            formatDateTime(account.consentedAt, { locale }),
            account.consentedBy,
          )
        : t.consent.notSignedIn}
    </Text>
  );
}
