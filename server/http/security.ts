// Response headers: the add-in pages must be framable by Outlook (on the web, desktop, mobile), the API and
// admin pages by nobody. One place decides both policies.
import helmet from 'helmet';
import type { RequestHandler } from 'express';

/** Hosts that frame Office add-ins (Outlook on the web and the new Outlook, Microsoft 365). */
export const OUTLOOK_FRAME_ANCESTORS = [
  "'self'",
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.outlook.com',
  'https://*.microsoft.com',
  'https://*.cloud.microsoft',
];

function pageHelmet(frameAncestors: string[]): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Office.js itself is loaded from Microsoft's CDN in production; its telemetry frame is not needed.
        scriptSrc: ["'self'", 'https://appsforoffice.microsoft.com'],
        styleSrc: ["'self'", "'unsafe-inline'"], // Fluent UI (Griffel) injects style elements at run time.
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'https://login.microsoftonline.com'],
        frameSrc: ["'self'", 'https://login.microsoftonline.com'],
        frameAncestors,
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    frameguard: false, // X-Frame-Options cannot express an allow-list; CSP frame-ancestors does.
    crossOriginEmbedderPolicy: false,
  });
}

export const addinPageHeaders = pageHelmet(OUTLOOK_FRAME_ANCESTORS);
export const privatePageHeaders = pageHelmet(["'none'"]);

export const apiHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  frameguard: { action: 'deny' },
});
