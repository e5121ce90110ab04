// The open item's first lookup, sent by main.ts as soon as the session has its first token, not once React has
// rendered the pane: the render keeps the page's only thread busy for ~50-100 ms, and the request would wait
// for it. The pane's hook takes the answer over when it asks for the same request (once); if this one failed,
// it asks again through its own client (retries, the sign-in view).
import type { LookupResponse } from '../../../shared/api/lookup.js';
import type { ApiClient } from '../../api/client.js';
import type { OfficeHost } from '../../office/types.js';
import { paneLookupOf, participantsOf } from '../logic/lookupRequest.js';

interface Sent {
  key: string;
  answer: Promise<LookupResponse>;
}

let first: Promise<Sent | null> | null = null;

/** Sends the lookup of the item open now, as the pane will ask for it before /me answers. */
export function sendFirstLookup(api: ApiClient, host: OfficeHost, internalDomains: string[]): void {
  first = host.readItem().then(
    (item) => {
      const { request, key } = paneLookupOf(
        item,
        participantsOf(item, { userAddresses: [host.userEmail], internalDomains }),
      );
      if (!request) return null;
      const answer = api.lookup(request);
      answer.catch(() => {}); // taken over, or not used at all
      return { key, answer };
    },
    () => null,
  );
}

/** Settles once the first lookup has been handed to the API client (or found not to be needed): its request
 *  goes out as soon as the token is there. */
export function firstLookupAsked(): Promise<void> {
  return (first ?? Promise.resolve(null)).then(
    () => {},
    () => {},
  );
}

/** The first lookup's answer if it was sent for `key` and answered; undefined otherwise (a failure included: the
 *  caller asks itself). Only the first call can get it. */
export async function takeFirstLookup(key: string): Promise<LookupResponse | undefined> {
  const sent = first;
  first = null;
  const s = sent ? await sent : null;
  return s?.key === key ? s.answer.catch(() => undefined) : undefined;
}
