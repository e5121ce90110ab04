// The selected item, kept current: re-read when a pinned pane moves to another item (ItemChanged) and when
// compose recipients change. Late answers of an earlier read are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MailItem, OfficeHost, Unsubscribe } from '../../office/types.js';

export interface MailItemState {
  loading: boolean;
  item: MailItem | null;
  error: unknown;
  /** Increments when Outlook switches items (not on recipient edits): resets per-item UI state. */
  generation: number;
}

/** Subscribes on mount, unsubscribes on unmount, even if the subscription resolves after unmount. */
function useSubscription(subscribe: () => Promise<Unsubscribe>, deps: unknown[]): void {
  useEffect(() => {
    let unsubscribe: Unsubscribe | null = null;
    let active = true;
    subscribe().then(
      (u) => (active ? (unsubscribe = u) : void u()),
      () => {}, // Unsupported or refused: the pane simply does not follow that event.
    );
    return () => {
      active = false;
      void unsubscribe?.();
    };
  }, deps);
}

export function useMailItem(host: OfficeHost): MailItemState & { reload: () => void } {
  const [state, setState] = useState<MailItemState>({
    loading: true,
    item: null,
    error: null,
    generation: 0,
  });
  const sequence = useRef(0);

  const read = useCallback(
    (switched: boolean) => {
      const n = ++sequence.current;
      if (switched) setState((s) => ({ ...s, loading: true, generation: s.generation + 1 }));
      host.readItem().then(
        (item) => n === sequence.current && setState((s) => ({ ...s, loading: false, item, error: null })),
        (error: unknown) =>
          n === sequence.current && setState((s) => ({ ...s, loading: false, item: null, error })),
      );
    },
    [host],
  );

  useEffect(() => read(false), [read]);
  useSubscription(() => host.onItemChanged(() => read(true)), [host, read]);
  // Recipients handlers belong to one item: subscribe again for every item.
  useSubscription(
    () =>
      state.item?.kind === 'compose'
        ? host.onRecipientsChanged(() => read(false))
        : Promise.resolve(async () => {}),
    [host, read, state.generation, state.item?.kind],
  );

  return { ...state, reload: () => read(false) };
}
