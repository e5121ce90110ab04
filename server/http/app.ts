// Composes the Express application: health, API, add-in pages and the manifest. Routes get their services
// injected; nothing here talks to the database directly.
import express, { type Router } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logging/logger.js';
import { pageWithConfig } from './pageConfig.js';
import { notFoundHandler, problemHandler } from './problem.js';
import { requestLog } from './requestLog.js';
import { addinPageHeaders, apiHeaders, privatePageHeaders } from './security.js';
import { CACHE_REVALIDATE, addinStatic } from './staticFiles.js';

export interface AppDeps {
  log: Logger;
  publicUrl: string;
  /** Built add-in pages (webpack output). */
  addinDir: string;
  /**
   * The database decides the status (503 when it is down: take this instance out of rotation); the logging
   * detail (counts only: nothing about mailboxes leaves without a token) never does.
   */
  health: () => Promise<{ database: 'ok' | 'down'; logging?: { mailboxes: number; failing: number } }>;
  /** The /api/v1 router (issue: backend API); absent in minimal set-ups. */
  api?: Router;
  /** Serve development/demo pages (/preview.html); never in production. Default: off. */
  previewPages?: boolean;
  /** Endpoints Microsoft Graph POSTs change notifications to (server/notifications), public, at /hooks/graph. */
  graphHooks?: Router;
  /** What GET /config answers, carried by the task pane's page (pageConfig.ts); absent: the page as built. */
  paneConfig?: () => unknown;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestLog(deps.log));

  app.get('/healthz', apiHeaders, async (_req, res) => {
    const h = await deps.health();
    res
      .status(h.database === 'ok' ? 200 : 503)
      .json({ status: h.database === 'ok' ? 'ok' : 'degraded', ...h });
  });

  if (deps.graphHooks) app.use('/hooks/graph', deps.graphHooks);
  if (deps.api) app.use('/api/v1', apiHeaders, deps.api);

  app.get('/manifest.xml', addinPageHeaders, (_req, res, next) => {
    // The manifest names this deployment's own URL, so admins can download and sideload it as is.
    const file = path.join(deps.addinDir, 'manifest.xml');
    if (!fs.existsSync(file)) return next();
    const xml = fs.readFileSync(file, 'utf8').replaceAll('https://localhost:3000', deps.publicUrl);
    res.type('application/xml').send(xml);
  });

  if (!deps.previewPages) {
    // The preview page (and its script) is built into every dist/addin, so it is refused here, not left out.
    app.get(/^\/preview\.(?:[0-9a-f]+\.)?(?:html|js)$/, notFoundHandler);
  }
  // The admin console is never framed (Outlook frames the add-in pages, nobody frames this one).
  app.get('/admin.html', privatePageHeaders, (_req, res, next) => {
    const headers = { 'Cache-Control': CACHE_REVALIDATE }; // It names this build's bundles.
    res.sendFile(path.join(deps.addinDir, 'admin.html'), { headers }, (err) => err && next());
  });
  if (deps.paneConfig) {
    const page = pageWithConfig(path.join(deps.addinDir, 'taskpane.html'), deps.paneConfig);
    app.get('/taskpane.html', addinPageHeaders, page);
  }
  app.use(addinPageHeaders, addinStatic(deps.addinDir));
  app.get('/', (_req, res) => res.redirect('/taskpane.html'));
  // Browsers ask for /favicon.ico on every page: the add-in's own icon instead of a 404 in every console.
  app.get('/favicon.ico', addinPageHeaders, (_req, res, next) => {
    res.type('image/png');
    res.sendFile(path.join(deps.addinDir, 'assets', 'icon-32.png'), { maxAge: '1d' }, (err) => err && next());
  });
  // The admin console (admin role enforced by the API it calls).
  app.get(/^\/admin\/?$/, (req, res) => {
    const query = req.originalUrl.indexOf('?');
    res.redirect(`/admin.html${query >= 0 ? req.originalUrl.slice(query) : ''}`);
  });

  app.use(notFoundHandler);
  app.use(problemHandler(deps.log));
  return app;
}
