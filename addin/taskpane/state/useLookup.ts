// POST /lookup for the current item's external participants. Re-runs when the participants or the message
// change; `reload` after a change the pane made (logged, contact added, opportunity created).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LookupResponse } from '../../../shared/api/lookup.js';
import type { ApiClient } from '../../api/client.js';
import type { MailItem } from '../../office/types.js';
import { paneLookupOf, participantsOf, requestOfKey } from '../logic/lookupRequest.js';
import type { Participant, ParticipantFilter } from '../logic/participants.js';
import { takeFirstLookup } from './firstLookup.js';

export type LookupState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: LookupResponse; refreshing: boolean };

export function useLookup(api: ApiClient, item: MailItem | null, filter: ParticipantFilter) {
  const participants: Participant[] = useMemo(
    () => participantsOf(item, filter),
    // The filter is rebuilt on every render by callers; its content is what matters.
    [item, filter.userAddresses.join(), filter.internalDomains.join()],
  );
  const { key } = paneLookupOf(item, participants);
  const [state, setState] = useState<LookupState>({ status: 'idle' });
  const [reloads, setReloads] = useState(0);
  const shownKey = useRef<string | null>(null);

  useEffect(() => {
    const request = requestOfKey(key);
    if (!request) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    // Same participants again (a reload): keep showing the data while it refreshes. Others: a skeleton.
    const sameItem = shownKey.current === key;
    setState((s) => (s.status === 'ready' && sameItem ? { ...s, refreshing: true } : { status: 'loading' }));
    // The item's first lookup may be on its way already (main.ts); if it failed, ask again through `api`.
    void takeFirstLookup(key)
      .then((taken) => taken ?? api.lookup(request))
      .then(
        (data) => {
          if (!current) return;
          shownKey.current = key;
          setState({ status: 'ready', data, refreshing: false });
        },
        (error: unknown) => current && setState({ status: 'error', error }),
      );
    return () => {
      current = false;
    };
  }, [api, key, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { participants, state, reload };
}
