// Dialog state that keeps a closing dialog mounted: Fluent's Dialog leaves aria-hidden on the rest of the page
// when it is unmounted while open (microsoft/fluentui#35139), so dialogs close through `open={false}` and only
// remount (new `key`) for the next opening, which also gives each opening fresh form state.
import { useCallback, useState } from 'react';

export interface DialogState<T> {
  open: boolean;
  /** What the dialog is about; kept after closing so the closing dialog can still render. */
  value: T | null;
  key: number;
}

export function useDialog<T>() {
  const [state, setState] = useState<DialogState<T>>({ open: false, value: null, key: 0 });
  const show = useCallback((value: T) => setState((s) => ({ open: true, value, key: s.key + 1 })), []);
  const hide = useCallback(() => setState((s) => ({ ...s, open: false })), []);
  return { ...state, show, hide };
}
