// The console's routes and their URL hash form (#/status, #/logging?mailbox=x), pure: useRoute.ts binds them to
// the window's location, this file stays free of it so it can be unit tested without a DOM.

export const PAGES = [
  'wizard',
  'logging',
  'status',
  'salespeople',
  'contacts',
  'interactions',
  'opportunities',
  'settings',
  'audit',
] as const;
export type Page = (typeof PAGES)[number];

export interface Route {
  page: Page;
  mailbox: string | null;
}

/** The route of a location hash; an unknown or missing page is the status page (the console's start). */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const page = (PAGES as readonly string[]).includes(path) ? (path as Page) : 'status';
  return { page, mailbox: new URLSearchParams(query).get('mailbox') };
}

export function routeHash(route: Route): string {
  return `#/${route.page}${route.mailbox ? `?mailbox=${encodeURIComponent(route.mailbox)}` : ''}`;
}
