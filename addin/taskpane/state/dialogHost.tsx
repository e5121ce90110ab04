// One place where the pane's dialogs are rendered, above everything that is keyed by the mail item. Fluent's
// modal Dialog sets aria-hidden on the rest of the page while it is open and only removes it when it closes
// and finishes its exit motion; a dialog unmounted before that (microsoft/fluentui#35139) leaves the whole pane
// hidden from screen readers. A dialog rendered inside a section disappears with it: "Add contact" removes the
// "Not in the CRM yet" section, a new mail item remounts the item view, a new contact the history. Here the
// dialog outlives its trigger: closing sets `open={false}` and it stays mounted until the next one replaces it
// (a new `key`, which also gives each opening fresh form state).
// The dialog components themselves are a chunk of their own (components/dialogs.ts), fetched once the history
// is on screen (preloadDialogs) or at the first opening, and handed to the render function.
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
import { NetworkError } from '../../api/errors.js';
import type * as Dialogs from '../components/dialogs.js';
import { ErrorBar } from '../components/feedback.js';

export type PaneDialogs = typeof Dialogs;

export interface DialogControls {
  open: boolean;
  close: () => void;
  /** The dialog components (loaded on demand). */
  dialogs: PaneDialogs;
}

/** Renders a dialog from its current open state; called on every render of the host. */
export type DialogRender = (controls: DialogControls) => ReactNode;

let loaded: PaneDialogs | null = null;
let loading: Promise<PaneDialogs> | null = null;

/** The dialogs' chunk, fetched once; a failed fetch (offline, a deployment replaced it) is tried again later. */
export function loadDialogs(): Promise<PaneDialogs> {
  loading ??= import(/* webpackChunkName: "dialogs" */ '../components/dialogs.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw new NetworkError(error);
    },
  );
  return loading;
}

/**
 * Fetches the dialogs when the browser is idle, so that the first opening does not wait for the network, and the
 * download and compilation do not compete with the first history's request and render.
 */
export function preloadDialogs(): void {
  const load = () => void loadDialogs().catch(() => {}); // The opening tries again and shows the failure.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 500);
}

const ShowDialogContext = createContext<((render: DialogRender) => void) | null>(null);

/** Opens a dialog in the pane's dialog host (replacing any closed one). */
export function useShowDialog(): (render: DialogRender) => void {
  const show = useContext(ShowDialogContext);
  if (!show) throw new Error('useShowDialog outside a DialogHost');
  return show;
}

interface HostState {
  open: boolean;
  render: DialogRender | null;
  key: number;
  /** The dialogs' chunk could not be fetched for this opening: shown with Retry instead of the dialog. */
  failure: { error: unknown; retry: () => void } | null;
}

export function DialogHost(props: {
  /** When it changes (another mail item) an open dialog closes: it was about what is no longer shown. */
  resetKey: unknown;
  children: ReactNode;
}) {
  const [state, setState] = useState<HostState>({ open: false, render: null, key: 0, failure: null });
  // Where the keyboard focus was when the dialog opened (its trigger). Fluent gives the focus back only to a
  // DialogTrigger's child; our triggers are plain buttons, and the focus would otherwise fall to <body>.
  const returnFocus = useRef<HTMLElement | null>(null);
  // Which request to open is the latest: one that waited for the chunk must not open after a newer one, or after
  // the mail item changed.
  const openings = useRef(0);
  const show = useCallback((render: DialogRender) => {
    const active = document.activeElement;
    returnFocus.current = active instanceof HTMLElement && active !== document.body ? active : null;
    const opening = ++openings.current;
    const open = () => setState((s) => ({ open: true, render, key: s.key + 1, failure: null }));
    if (loaded) return open();
    loadDialogs().then(
      () => opening === openings.current && open(),
      (error: unknown) =>
        opening === openings.current &&
        setState((s) => ({ ...s, failure: { error, retry: () => show(render) } })),
    );
  }, []);
  const close = useCallback(() => setState((s) => (s.open ? { ...s, open: false } : s)), []);
  useEffect(() => {
    openings.current++;
    setState((s) => (s.open || s.failure ? { ...s, open: false, failure: null } : s));
  }, [props.resetKey]);
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
      {state.failure && <ErrorBar error={state.failure.error} onRetry={state.failure.retry} />}
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
  // A render is only ever stored once the chunk is there.
  if (!props.render || !loaded) return null;
  return (
    <Fragment key={props.opening}>
      {props.render({ open: props.open, close: props.close, dialogs: loaded })}
    </Fragment>
  );
}
