// Renders the pane into an element with any OfficeHost: the real one (main.ts), or a scripted one from a preview
// or end-to-end page.
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './App.js';
import type { PaneEnvironment } from './state/useSession.js';

export function mountTaskpane(element: HTMLElement, env: PaneEnvironment): Root {
  const root = createRoot(element);
  root.render(createElement(App, { env }));
  return root;
}
