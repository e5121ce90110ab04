// JSON logs (pino) with redaction of credentials in every environment: tokens, secrets and authorization
// headers never reach a log line, whatever object is logged.
import { pino, type Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.password',
  '*.clientSecret',
  '*.client_secret',
  '*.secret',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.refresh_token',
  '*.id_token',
  '*.token',
  '*.privateKey',
  '*.certificateKey',
  '*.tokenCache',
  '*.*.clientSecret',
  '*.*.privateKey',
];

export function createLogger(opts: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: opts.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination as pino.DestinationStream | undefined,
  );
}

export type { Logger };
