// In-page routing through the URL hash (#/status, #/logging?mailbox=x): bookmarkable, Back works, and the
// server only ever serves admin.html.
import { useCallback, useEffect, useState } from 'react';

export const PAGES = [
  'wizard',
  'logging',
  'status',
  'salespeople',
  'contacts',
  'interactions',
  'opportunities',
] as const;
export type Page = (typeof PAGES)[number];

export interface Route {
  page: Page;
  mailbox: string | null;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const page = (PAGES as readonly string[]).includes(path) ? (path as Page) : 'status';
  return { page, mailbox: new URLSearchParams(query).get('mailbox') };
}

export function routeHash(route: Route): string {
  return `#/${route.page}${route.mailbox ? `?mailbox=${encodeURIComponent(route.mailbox)}` : ''}`;
}

export function useRoute(): [Route, (next: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = useCallback((next: Route) => {
    location.hash = routeHash(next);
    setRoute(next);
  }, []);
  return [route, go];
}
