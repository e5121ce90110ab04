// Configuration of the IMAP adapter: where the server is, how the connection is secured and how the logging
// mailbox signs in. Data only: a custom CA or another host is a configuration change, nothing knows about tests.

/** Implicit TLS (usually port 993) or a plain connection upgraded with STARTTLS (usually 143); never plain text. */
export type ImapSecurity = 'tls' | 'starttls';

export type ImapAuth =
  | { kind: 'password'; user: string; password: string }
  /** SASL XOAUTH2 (Microsoft 365, Google Workspace): a fresh access token for every connection. */
  | {
      kind: 'oauth2';
      user: string;
      accessToken: () => Promise<string>;
      /** Forgets a cached token the server refused, so the next connection asks for a fresh one. */
      invalidate?: () => void;
    };

/** Folders the server does not mark with SPECIAL-USE, by Graph's well-known names (e.g. archive: 'Archiv'). */
export type WellKnownFolderNames = Partial<Record<'archive' | 'junkemail' | 'deleteditems', string>>;

export interface ImapMailSourceConfig {
  host: string;
  port: number;
  security: ImapSecurity;
  auth: ImapAuth;
  /** PEM certificate(s) trusted for this server besides the system's (a company CA). */
  ca?: string | null;
  /** Name in the server certificate when `host` is an address or an alias. */
  servername?: string | null;
  folders?: WellKnownFolderNames;
  /** Connect, greeting and socket inactivity bound. Default 30 s. */
  timeoutMs?: number;
  /** The connection is logged out after this long unused (the engine has no "close"). Default 5 s. */
  idleCloseMs?: number;
}

/** The slice of a pino logger the adapter uses; it never receives passwords or tokens. */
export interface ImapLogger {
  warn(obj: object, msg?: string): void;
}
