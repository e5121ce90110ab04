// An IMAP logging mailbox's server and sign-in as the wizard and the Email logging page hold them, and the PUT
// and check bodies built from them (pure). Secrets (the password, a company CA) go out only when typed: an empty
// field keeps the stored one, as the Graph client secret does.
import type {
  ImapSetupCheckRequest,
  ImapSetupUpdate,
  LoggingSetupView,
} from '../../../../shared/api/loggingSetup.js';

export type ImapSecurity = 'tls' | 'starttls';

export interface ImapForm {
  host: string;
  port: string;
  security: ImapSecurity;
  user: string;
  /** Empty = keep the stored one. */
  password: string;
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
    password: '',
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

/** The `imap` of a PUT (and of a check): a password or CA only when typed. */
export function imapUpdate(f: ImapForm): ImapSetupUpdate {
  const u: ImapSetupUpdate = {
    host: f.host.trim(),
    port: port(f.port),
    security: f.security,
    user: f.user.trim(),
    archiveFolderName: f.archiveFolderName.trim() || null,
    junkFolderName: f.junkFolderName.trim() || null,
    trashFolderName: f.trashFolderName.trim() || null,
  };
  if (f.password) u.password = f.password;
  if (f.caCertificate.trim()) u.caCertificate = f.caCertificate.trim();
  return u;
}

/** "Check connection"'s body for an IMAP mailbox. */
export function imapCheck(mailbox: string, f: ImapForm): ImapSetupCheckRequest {
  return { mailbox: mailbox.trim().toLowerCase(), provider: 'imap', imap: imapUpdate(f) };
}

/**
 * Whether the server step has what a check needs: host, a port 1..65535, user and a password (typed, or stored
 * for this very mailbox).
 */
export function imapComplete(f: ImapForm, stored: LoggingSetupView | null): boolean {
  const p = port(f.port);
  return (
    f.host.trim() !== '' &&
    p >= 1 &&
    p <= 65_535 &&
    f.user.trim() !== '' &&
    (f.password !== '' || stored?.imap?.password === 'set')
  );
}
