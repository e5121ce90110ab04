// JSON logs (pino) with redaction of credentials in every environment: tokens, secrets and authorization
// headers never reach a log line, whatever object is logged. `npm start` asks for human-readable lines
// (pino-pretty, written synchronously in this thread); production stays JSON for the log pipeline.
import { pino, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

/** Keys whose values are credentials, wherever they stand in a logged object (top level or one level down). */
const SECRET_KEYS = [
  'authorization',
  'password',
  'clientSecret',
  'client_secret',
  'secret',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'id_token',
  'token',
  'privateKey',
  'certificateKey',
  'tokenCache',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`]),
  '*.*.clientSecret',
  '*.*.privateKey',
];

export function createLogger(opts: {
  level: string;
  destination?: NodeJS.WritableStream;
  format?: 'json' | 'pretty';
}): Logger {
  const destination =
    opts.format === 'pretty'
      ? PinoPretty({
          destination: opts.destination ?? process.stdout,
          sync: true,
          colorize: opts.destination === undefined && process.stdout.isTTY === true,
          translateTime: 'SYS:HH:MM:ss',
          ignore: 'pid,hostname,reqId',
          singleLine: true,
        })
      : opts.destination;
  return pino(
    {
      level: opts.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as pino.DestinationStream | undefined,
  );
}

export type { Logger };
