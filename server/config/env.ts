// The one place configuration is read. Parsed once at start-up; an invalid or missing value stops the process
// with a message naming the variable (see loadConfig / ConfigError).
import fs from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { StartupFailure } from './startupFailure.js';

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim().toLowerCase())
      .filter(Boolean),
  );

const bool = z
  .enum(['true', 'false', '1', '0', 'on', 'off'])
  .transform((v) => ['true', '1', 'on'].includes(v));

const httpsUrl = z
  .string()
  .url()
  .refine((u) => u.startsWith('https://'), 'must be an https:// URL')
  .transform((u) => u.replace(/\/+$/, ''));

const existingFile = z.string().refine((p) => fs.existsSync(p), 'file does not exist');

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PUBLIC_URL: httpsUrl.default('https://localhost:3000'),
    LISTEN_HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(1).max(65535).optional(),
    MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
    TLS_CERT_FILE: existingFile,
    TLS_KEY_FILE: existingFile,
    SECRETS_KEY: z
      .string()
      .refine(
        (k) => Buffer.from(k, 'base64').length === 32,
        'must be 32 bytes, base64 (openssl rand -base64 32)',
      ),
    // Checks every answer against the contract before it is sent (a broken answer is a 500, logged): on by
    // default outside production, where it costs CPU on every request. The lookup benchmark measures as production.
    RESPONSE_VALIDATION: z.enum(['on', 'off']).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // json for log pipelines (production); pretty for people at a terminal (npm start sets it).
    LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
    GRAPH_BASE_URL: httpsUrl.default('https://graph.microsoft.com'),
    AUTHORITY_HOST: httpsUrl.default('https://login.microsoftonline.com'),
    AUTH_MODE: z.enum(['entra', 'dev']).default('entra'),
    ENTRA_TENANT_IDS: list,
    API_CLIENT_ID: z.string().default(''),
    API_SCOPE: z.string().default('access_as_user'),
    ADMIN_EMAILS: list,
    // Clients whose user tokens are accepted (`azp`/`appid`): the add-in and the console. Empty: API_CLIENT_ID.
    ALLOWED_CLIENT_IDS: list,
    // Apps whose own tokens (`idtyp=app`, app roles, no user) are accepted. Empty: none.
    APP_CLIENT_IDS: list,
    INTERNAL_DOMAINS: list,
    SCHEDULER_ENABLED: bool.default(true),
    SCHEDULER_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
    LEASE_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    // Mail logged by hand whose copy has not reached a logging mailbox after this long is flagged for review.
    MANUAL_CONFIRM_HOURS: z.coerce.number().int().min(1).max(2160).default(24),
    INSTANCE_ID: z.string().min(1).default(`${os.hostname()}-${process.pid}`),
    // Graph change notifications (server/notifications): auto = on when Microsoft 365 can reach PUBLIC_URL.
    CHANGE_NOTIFICATIONS: z.enum(['auto', 'off']).default('auto'),
    // The safety-net poll while a mailbox's notifications are healthy (never shorter than its own interval).
    NOTIFICATIONS_POLL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
    // How often subscriptions are checked (created, renewed, lifecycle events answered).
    SUBSCRIPTION_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    // The link check's Graph requests per hour, all mailboxes together (jobs/linkCheck.ts); 0 turns it off.
    // 1,200 is 2% of what Graph allows one mailbox in an hour (10,000 per 10 minutes): the loop keeps the rest.
    LINK_CHECK_REQUESTS_PER_HOUR: z.coerce.number().int().min(0).max(60_000).default(1200),
    // What the pane says, besides "link lost", when a logged email can no longer be found (the admin's help).
    LINK_LOST_HELP: z.string().max(500).default(''),
  })
  .superRefine((c, ctx) => {
    if (c.AUTH_MODE === 'dev' && c.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'dev is refused when NODE_ENV=production',
      });
    }
    // Development sign-in mints admin tokens for anyone who asks: only ever on this machine, whatever NODE_ENV
    // says (an inherited AUTH_MODE=dev must not open a reachable server).
    if (
      c.AUTH_MODE === 'dev' &&
      !(isLoopbackHost(c.LISTEN_HOST) && isLoopbackHost(new URL(c.PUBLIC_URL).hostname))
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message:
          `dev is refused unless the server listens on loopback with a localhost PUBLIC_URL ` +
          `(LISTEN_HOST=${c.LISTEN_HOST}, PUBLIC_URL=${c.PUBLIC_URL})`,
      });
    }
    if (c.AUTH_MODE === 'entra') {
      if (!c.API_CLIENT_ID)
        ctx.addIssue({ code: 'custom', path: ['API_CLIENT_ID'], message: 'required when AUTH_MODE=entra' });
      if (c.ENTRA_TENANT_IDS.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['ENTRA_TENANT_IDS'],
          message: 'required when AUTH_MODE=entra',
        });
      }
    }
  });

export type Env = z.infer<typeof schema>;

export interface Config extends Env {
  port: number;
  secretsKey: Buffer;
}

/** Every problem with the configuration, on one line (the variable first in each). */
export class ConfigError extends StartupFailure {
  constructor(readonly problems: string[]) {
    super('config', `invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const c = parsed.data;
  return {
    ...c,
    port: c.PORT ?? Number(new URL(c.PUBLIC_URL).port || 443),
    secretsKey: Buffer.from(c.SECRETS_KEY, 'base64'),
  };
}
