// In-page routing through the URL hash (#/status, #/logging?mailbox=x): bookmarkable, Back works, and the
// server only ever serves admin.html. The routes themselves (pure) are in route.ts.
import { useCallback, useEffect, useState } from 'react';
import { parseRoute, routeHash, type Route } from './route.js';

export { PAGES, parseRoute, routeHash, type Page, type Route } from './route.js';

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
