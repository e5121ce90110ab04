// Runs one action at a time: a second click while the first is pending does nothing (a ref, not state, guards
// it, so two clicks in the same frame cannot both start). `pending` drives the disabled button.
import { useCallback, useRef, useState } from 'react';

export function useSingleFlight() {
  const busy = useRef(false);
  const [pending, setPending] = useState(false);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    if (busy.current) return undefined;
    busy.current = true;
    setPending(true);
    try {
      return await action();
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, []);
  return { pending, run };
}
