// Why a process could not start, as one line and a stable exit code (sysexits(3) where one fits), so an operator
// or a supervisor reads the cause at a glance: the server, `npm start` and the CLI all end through here.
export const EXIT_CODES = {
  /** A configuration value is missing or invalid (EX_CONFIG). */
  config: 78,
  /** The database cannot be reached (EX_UNAVAILABLE). */
  databaseUnavailable: 69,
  /** The listening port is taken or not allowed (EX_OSERR). */
  portUnavailable: 71,
  /** A tool the embedded defaults need (Go, to build FerretDB) is missing or too old (EX_OSFILE). */
  toolchain: 72,
  /** Anything else (EX_SOFTWARE). */
  unexpected: 70,
} as const;

export type StartupFailureKind = keyof typeof EXIT_CODES;

export class StartupFailure extends Error {
  constructor(
    readonly kind: StartupFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'StartupFailure';
  }

  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

/** The first line of an error's message, without a stack: what the one line says for an unexpected failure. */
function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.trim() || (err instanceof Error ? err.name : 'unknown error');
}

/** Prints `Interlog cannot start: <why>` on stderr and exits with the failure's code. */
export function exitOnStartupFailure(err: unknown): never {
  const failure = err instanceof StartupFailure ? err : null;
  process.stderr.write(`Interlog cannot start: ${failure ? failure.message : firstLine(err)}\n`);
  process.exit(failure ? failure.exitCode : EXIT_CODES.unexpected);
}

/** A mongodb:// URI as it may be shown: host and database, never a user name or password. */
export function redactUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/)[^@/]*@/, '$1***@');
}
