// One place where the pane's dialogs are rendered, above everything that is keyed by the mail item. Fluent's
// modal Dialog sets aria-hidden on the rest of the page while it is open and only removes it when it closes
// and finishes its exit motion; a dialog unmounted before that (microsoft/fluentui#35139) leaves the whole pane
// hidden from screen readers. A dialog rendered inside a section disappears with it: "Add contact" removes the
// "Not in the CRM yet" section, a new mail item remounts the item view, a new contact the history. Here the
// dialog outlives its trigger: closing sets `open={false}` and it stays mounted until the next one replaces it
// (a new `key`, which also gives each opening fresh form state).
import {
  Fragment,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';

export interface DialogControls {
  open: boolean;
  close: () => void;
}

/** Renders a dialog from its current open state; called on every render of the host. */
export type DialogRender = (controls: DialogControls) => ReactNode;

const ShowDialogContext = createContext<((render: DialogRender) => void) | null>(null);

/** Opens a dialog in the pane's dialog host (replacing any closed one). */
export function useShowDialog(): (render: DialogRender) => void {
  const show = useContext(ShowDialogContext);
  if (!show) throw new Error('useShowDialog outside a DialogHost');
  return show;
}

export function DialogHost(props: {
  /** When it changes (another mail item) an open dialog closes: it was about what is no longer shown. */
  resetKey: unknown;
  children: ReactNode;
}) {
  const [state, setState] = useState<{ open: boolean; render: DialogRender | null; key: number }>({
    open: false,
    render: null,
    key: 0,
  });
  // Where the keyboard focus was when the dialog opened (its trigger). Fluent gives the focus back only to a
  // DialogTrigger's child; our triggers are plain buttons, and the focus would otherwise fall to <body>.
  const returnFocus = useRef<HTMLElement | null>(null);
  const show = useCallback((render: DialogRender) => {
    const active = document.activeElement;
    returnFocus.current = active instanceof HTMLElement && active !== document.body ? active : null;
    setState((s) => ({ open: true, render, key: s.key + 1 }));
  }, []);
  const close = useCallback(() => setState((s) => (s.open ? { ...s, open: false } : s)), []);
  useEffect(close, [props.resetKey, close]);
  useEffect(() => {
    const target = returnFocus.current;
    if (state.open || !target) return;
    returnFocus.current = null;
    // After the dialog's own close handling; a trigger that went away with its section gets nothing.
    const timer = setTimeout(() => target.isConnected && target.focus());
    return () => clearTimeout(timer);
  }, [state.open]);

  return (
    <ShowDialogContext.Provider value={show}>
      {props.children}
      <DialogSlot open={state.open} render={state.render} opening={state.key} close={close} />
    </ShowDialogContext.Provider>
  );
}

/**
 * Its own component so that the dialog's `key` is not a sibling of the children's: a keyed item view (key: the
 * item's generation, also a number) next to it would collide, and React then keeps the old view mounted.
 */
function DialogSlot(props: {
  open: boolean;
  render: DialogRender | null;
  /** Which opening this is: a new one remounts the dialog with fresh form state. */
  opening: number;
  close: () => void;
}) {
  if (!props.render) return null;
  return <Fragment key={props.opening}>{props.render({ open: props.open, close: props.close })}</Fragment>;
}
