// Where the consent callback sends the browser: the console page the sign-in started from, with the outcome in
// its hash. Built only from checked values (a page name, an address, an outcome code, digits), so the redirect
// can only ever lead to this server's console, and never carries a code, token or state.
import type { ConsentResult } from '../../services/loggingConsent.js';

export function consentReturnLocation(r: ConsentResult): string {
  const query = new URLSearchParams();
  if (r.keep.devUser) query.set('devUser', r.keep.devUser);
  if (r.keep.lang) query.set('lang', r.keep.lang);
  const hash = new URLSearchParams();
  if (r.mailbox) hash.set('mailbox', r.mailbox);
  if (r.outcome.ok) hash.set('consent', 'ok');
  else {
    hash.set('consent', 'error');
    hash.set('code', r.outcome.code);
    if (r.outcome.aadsts) hash.set('aadsts', r.outcome.aadsts);
  }
  return `/admin${query.size > 0 ? `?${query}` : ''}#/${r.returnTo}?${hash}`;
}
