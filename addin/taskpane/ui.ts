// The pane's UI, a chunk of its own (React, Fluent UI, every view: most of the pane's script): main.ts opens the
// session and sends the first lookup without it, and runs it while the first token is on its way, so its run
// (~100-150 ms of the page's only thread when cold) no longer stands between Office.js's start and the token.
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { PaneStartFailureReport } from '../../shared/api/paneStart.js';
import { OutsideOutlook, StartFailure } from './components/StartFailure.js';

export { mountTaskpane } from './mount.js';

let failureRoot: Root | null = null;

/** Shows why the pane could not start, with a Retry; call the answer once the server has counted the failure. */
export function showStartFailure(
  element: HTMLElement,
  report: PaneStartFailureReport,
  language: string,
  onRetry: () => void,
): () => void {
  failureRoot ??= createRoot(element);
  const root = failureRoot;
  const render = (reported: boolean) =>
    root.render(createElement(StartFailure, { report, language, reported, onRetry }));
  render(false);
  return () => failureRoot === root && render(true);
}

/** A host that answered after the watchdog's bound: the pane replaces the failure message. */
export function hideStartFailure(): void {
  failureRoot?.unmount();
  failureRoot = null;
}

/** A browser tab, not Outlook. */
export function showOutsideOutlook(element: HTMLElement, language: string): void {
  createRoot(element).render(createElement(OutsideOutlook, { language }));
}
