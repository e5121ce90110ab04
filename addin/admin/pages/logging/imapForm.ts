// An IMAP logging mailbox's server and sign-in as the wizard and the Email logging page hold them, and the PUT
// and check bodies built from them (pure). Secrets (the password, a company CA, the OAuth client secret) go out
// only when typed: an empty field keeps the stored one, as the Graph client secret does.
import type {
  ImapSetupCheckRequest,
  ImapSetupUpdate,
  LoggingSetupView,
  OAuthGrant,
} from '../../../../shared/api/loggingSetup.js';

export type ImapSecurity = 'tls' | 'starttls';
/** Sign in with the password, or with SASL XOAUTH2 and an OAuth token. */
export type ImapAuth = 'password' | 'oauth2';
/** Client credentials (Microsoft 365), or a service account's signed JWT (Google Workspace). */
export type ImapOAuthGrant = OAuthGrant;

export interface ImapForm {
  host: string;
  port: string;
  security: ImapSecurity;
  user: string;
  auth: ImapAuth;
  /** Empty = keep the stored one. */
  password: string;
  /** The OAuth client whose tokens the server accepts (auth 'oauth2'). */
  oauthGrant: ImapOAuthGrant;
  oauthTokenUrl: string;
  /** The client id, or the service account's email. */
  oauthClientId: string;
  /** The client secret, or the service account's private key (PEM). Empty = keep the stored one. */
  oauthClientSecret: string;
  oauthScope: string;
  /** PEM; empty = keep the stored one. */
  caCertificate: string;
  /** Empty = the server's SPECIAL-USE \Archive folder, then "Archive". */
  archiveFolderName: string;
  /** Empty = \Junk, then "Junk". */
  junkFolderName: string;
  /** Empty = \Trash, then "Trash" (where deleted unmatched mail goes). */
  trashFolderName: string;
}

/** The usual port of each security (RFC 8314: implicit TLS on 993; STARTTLS on 143). */
export const DEFAULT_PORT: Record<ImapSecurity, string> = { tls: '993', starttls: '143' };

export function imapFormOf(v?: LoggingSetupView | null): ImapForm {
  const imap = v?.imap ?? null;
  return {
    host: imap?.host ?? '',
    port: imap ? String(imap.port) : DEFAULT_PORT.tls,
    security: imap?.security ?? 'tls',
    user: imap?.user ?? '',
    auth: imap?.auth ?? 'password',
    password: '',
    oauthGrant: imap?.oauth?.grant ?? 'client_credentials',
    oauthTokenUrl: imap?.oauth?.tokenUrl ?? '',
    oauthClientId: imap?.oauth?.clientId ?? '',
    oauthClientSecret: '',
    oauthScope: imap?.oauth?.scope ?? '',
    caCertificate: '',
    archiveFolderName: imap?.archiveFolderName ?? '',
    junkFolderName: imap?.junkFolderName ?? '',
    trashFolderName: imap?.trashFolderName ?? '',
  };
}

/** A change of security takes the port along while it is the other security's usual port. */
export function withSecurity(f: ImapForm, security: ImapSecurity): ImapForm {
  const usual = f.port.trim() === '' || f.port.trim() === DEFAULT_PORT[f.security];
  return { ...f, security, port: usual ? DEFAULT_PORT[security] : f.port };
}

const port = (s: string) => (/^\d{1,5}$/.test(s.trim()) ? Number(s.trim()) : NaN);

/** The `imap` of a PUT (and of a check): a password, CA or client secret only when typed; the OAuth client
 *  only with OAuth sign-in (choosing the password again keeps the stored client for later). */
export function imapUpdate(f: ImapForm): ImapSetupUpdate {
  const u: ImapSetupUpdate = {
    host: f.host.trim(),
    port: port(f.port),
    security: f.security,
    user: f.user.trim(),
    auth: f.auth,
    archiveFolderName: f.archiveFolderName.trim() || null,
    junkFolderName: f.junkFolderName.trim() || null,
    trashFolderName: f.trashFolderName.trim() || null,
  };
  if (f.password && f.auth === 'password') u.password = f.password;
  if (f.caCertificate.trim()) u.caCertificate = f.caCertificate.trim();
  if (f.auth === 'oauth2') {
    u.oauth = {
      grant: f.oauthGrant,
      tokenUrl: f.oauthTokenUrl.trim(),
      clientId: f.oauthClientId.trim(),
      scope: f.oauthScope.trim(),
    };
    if (f.oauthClientSecret) u.oauth.clientSecret = f.oauthClientSecret;
  }
  return u;
}

/** "Check connection"'s body for an IMAP mailbox. */
export function imapCheck(mailbox: string, f: ImapForm): ImapSetupCheckRequest {
  return { mailbox: mailbox.trim().toLowerCase(), provider: 'imap', imap: imapUpdate(f) };
}

/**
 * Whether the server step has what a check needs: host, a port 1..65535, user, and a password or the OAuth
 * client's token URL, id, scope and secret (secrets typed, or stored for this very mailbox).
 */
export function imapComplete(f: ImapForm, stored: LoggingSetupView | null): boolean {
  const p = port(f.port);
  const signIn =
    f.auth === 'password'
      ? f.password !== '' || stored?.imap?.password === 'set'
      : f.oauthTokenUrl.trim() !== '' &&
        f.oauthClientId.trim() !== '' &&
        f.oauthScope.trim() !== '' &&
        (f.oauthClientSecret !== '' || storedSecretFits(f, stored));
  return f.host.trim() !== '' && p >= 1 && p <= 65_535 && f.user.trim() !== '' && signIn;
}

/** A stored secret counts only for the grant it was stored with (the server drops it on a change of grant). */
export function storedSecretFits(f: ImapForm, stored: LoggingSetupView | null): boolean {
  const oauth = stored?.imap?.oauth;
  return oauth?.clientSecret === 'set' && oauth.grant === f.oauthGrant;
}

/**
 * The service account's key as typed: a PEM private key as it is, or the whole JSON key file Google hands out,
 * from which the key, the account's email and its token endpoint are taken (the JSON itself is not kept).
 */
export function withServiceAccountKey(f: ImapForm, typed: string): ImapForm {
  if (!typed.trim().startsWith('{')) return { ...f, oauthClientSecret: typed };
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(typed) as Record<string, unknown>;
  } catch {
    return { ...f, oauthClientSecret: typed }; // still being pasted or typed: the server names what is wrong
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (!str(file.private_key)) return { ...f, oauthClientSecret: typed };
  return {
    ...f,
    oauthClientSecret: str(file.private_key),
    oauthClientId: str(file.client_email) || f.oauthClientId,
    oauthTokenUrl: f.oauthTokenUrl.trim() || str(file.token_uri),
    oauthScope: f.oauthScope.trim() || GOOGLE_WORKSPACE_OAUTH.scope,
  };
}

/** Google Workspace's IMAP with a service account (domain-wide delegation of the scope for the mailbox). */
export const GOOGLE_WORKSPACE_OAUTH = {
  tokenUrl: 'https://oauth2.googleapis.com/token',
  scope: 'https://mail.google.com/',
} as const;

/** Microsoft 365's IMAP with app-only access: the tenant's token endpoint and Exchange Online's scope. */
export const MICROSOFT_365_OAUTH = {
  tokenUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
  scope: 'https://outlook.office365.com/.default',
} as const;
