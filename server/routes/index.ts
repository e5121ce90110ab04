// The /api/v1 router: CORS for the add-in's origin only, rate limiting, every resource's routes, the OpenAPI
// document, and problem+json for whatever goes wrong (with the request's id in the log line).
import cors from 'cors';
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Authenticator } from '../http/auth/authenticate.js';
import { notFoundHandler, problemHandler } from '../http/problem.js';
import type { Logger } from '../logging/logger.js';
import { openApiDocument } from '../openapi/document.js';
import type { Services } from '../services/index.js';
import { contactRoutes } from './contacts/routes.js';
import { interactionSearchRoutes } from './interactionSearch/routes.js';
import { interactionRoutes } from './interactions/routes.js';
import { logEmailRoutes } from './logEmail/routes.js';
import { mailViewRoutes } from './mailView/routes.js';
import { loggingConsentRoutes } from './loggingConsent/routes.js';
import { loggingSetupRoutes } from './loggingSetup/routes.js';
import { loggingStatusRoutes } from './loggingStatus/routes.js';
import { lookupRoutes } from './lookup/routes.js';
import { privacyRoutes } from './audit/routes.js';
import { withAudits } from './audit/table.js';
import { mountRoutes, problemRateLimit } from './mount.js';
import { opportunityRoutes } from './opportunities/routes.js';
import { paneStartRoutes } from './paneStart/routes.js';
import { defineRoute, type RouteSpec } from './route.js';
import { salespersonRoutes } from './salespeople/routes.js';
import { sessionRoutes, type SessionOptions } from './session/routes.js';
import { settingsRoutes } from './settings/routes.js';

export interface ApiOptions {
  services: Services;
  authenticator: Authenticator;
  log: Logger;
  publicUrl: string;
  session: SessionOptions;
  /** Check every JSON answer against its schema (on outside production). */
  validateResponses: boolean;
  /** Requests per client address per window (default 1,200 a minute: a busy pane makes a few a second). */
  rateLimit?: { windowMs: number; limit: number };
  version?: string;
}

export function allRouteSpecs(s: Services, session: SessionOptions, publicUrl: string): RouteSpec[] {
  return withAudits([
    ...sessionRoutes(s, session),
    ...lookupRoutes(s),
    ...logEmailRoutes(s),
    ...interactionRoutes(s),
    ...mailViewRoutes(s),
    ...opportunityRoutes(s),
    ...contactRoutes(s),
    ...salespersonRoutes(s),
    ...loggingSetupRoutes(s),
    ...loggingConsentRoutes(s, { publicUrl }),
    ...loggingStatusRoutes(s),
    ...interactionSearchRoutes(s),
    ...paneStartRoutes(s),
    ...settingsRoutes(s),
    ...privacyRoutes(s),
  ]);
}

export function createApiRouter(o: ApiOptions): Router {
  const router = express.Router();
  router.use(
    cors({
      origin: new URL(o.publicUrl).origin,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    }),
  );
  router.use(problemRateLimit(o.rateLimit ?? { windowMs: 60_000, limit: 1200 }));

  const specs = allRouteSpecs(o.services, o.session, o.publicUrl);
  let document: object | null = null; // built on first request: start-up stays fast
  const openapi: RouteSpec = defineRoute({
    name: 'openapi',
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tag: 'session',
    access: 'public',
    success: { status: 200, description: 'OpenAPI 3.1' },
    handle: () => ({
      body: (document ??= openApiDocument([...specs, openapi], {
        version: o.version ?? '1',
        serverUrl: o.publicUrl,
      })),
    }),
  });
  mountRoutes(router, [...specs, openapi], {
    authenticator: o.authenticator,
    log: o.log,
    validateResponses: o.validateResponses,
    audit: o.services.audit,
  });

  router.use(notFoundHandler);
  const problems = problemHandler(o.log);
  const withRequestLog: ErrorRequestHandler = (err, req, res, next) =>
    (req.log ? problemHandler(req.log) : problems)(err, req, res, next);
  router.use(withRequestLog);
  return router;
}
