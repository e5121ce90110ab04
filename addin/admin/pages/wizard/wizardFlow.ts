// The setup wizard's rules (pure): when Next is enabled on each step, which connection check still counts, what
// Next does on the advanced settings, and where Entra ID sends the job account back. SetupWizard.tsx holds the
// state and calls these.
import type {
  LoggingSetupUpdate,
  LoggingSetupView,
  SetupCheckRequest,
  SetupValidation,
} from '../../../../shared/api/loggingSetup.js';
import type { AdminMessages } from '../../i18n/en.js';
import { imapCheck, imapComplete, imapUpdate } from '../logging/imapForm.js';
import {
  appRegistrationComplete,
  checkUpdate,
  connectionCheck,
  connectionUpdate,
  settingsUpdate,
  type ConnectionForm,
  type FieldErrors,
  type SettingsForm,
} from '../logging/setupForm.js';

/** The wizard's steps, in order (their index is the step number). */
export const STEP = { exchange: 0, app: 1, mailbox: 2, advanced: 3, finish: 4 } as const;

/** Where Entra ID sends the job account back after a delegated sign-in (to register on the app). */
export const consentRedirectUrl = (origin: string) => `${origin}/api/v1/logging/consent/callback`;

/** The shared mailbox as the wizard saves it (and the server keys it): trimmed, lower case. */
export const wizardMailbox = (conn: ConnectionForm) => conn.mailbox.trim().toLowerCase();

/**
 * The stored setup when it is the one of the mailbox in the form, else null: a stored secret, key or signed-in
 * job account belongs to its own mailbox, and saving another mailbox keeps none of them.
 */
export function storedFor(conn: ConnectionForm, stored: LoggingSetupView | null): LoggingSetupView | null {
  return stored?.mailbox === wizardMailbox(conn) ? stored : null;
}

/** A "Check connection" outcome with the inputs it checked (the connection form as JSON). */
export interface ConnectionCheck {
  key: string;
  result: SetupValidation;
}

export const checkKey = (conn: ConnectionForm) => JSON.stringify(conn);

/** The check's outcome if it checked exactly the inputs shown now; any edit since makes it stale (null). */
export function currentCheck(check: ConnectionCheck | null, conn: ConnectionForm): SetupValidation | null {
  return check && check.key === checkKey(conn) ? check.result : null;
}

export interface WizardState {
  /** "These steps are done" on the Exchange step. */
  exchangeDone: boolean;
  conn: ConnectionForm;
  /** The setup as last saved or loaded, of whichever mailbox that was. */
  stored: LoggingSetupView | null;
  /** The current check (see currentCheck), null when there is none. */
  result: SetupValidation | null;
}

/** "Check connection"'s body for the mail source chosen (an IMAP server, or Graph's app registration). */
export function wizardCheck(conn: ConnectionForm): SetupCheckRequest {
  return conn.provider === 'imap' ? imapCheck(conn.mailbox, conn.imap) : connectionCheck(conn);
}

/** The connection part of the PUT that saves the wizard's inputs, for the mail source chosen. */
export function wizardConnectionUpdate(conn: ConnectionForm, redirectUrl: string): LoggingSetupUpdate {
  return conn.provider === 'imap'
    ? { provider: 'imap', imap: imapUpdate(conn.imap) }
    : { provider: 'graph', ...connectionUpdate(conn, redirectUrl) };
}

/**
 * Whether Next is enabled on a step: Exchange once its steps are confirmed (an IMAP mailbox has only advice
 * there); the app registration once it has a tenant, client id and credential (the IMAP server: host, port, user
 * and a password); the mailbox once a check of exactly these inputs passed and, with delegated access, the job
 * account of this mailbox is signed in; the advanced settings always (Next checks them, see wizardNext); the last
 * step has no Next.
 */
export function wizardCanNext(step: number, s: WizardState): boolean {
  const stored = storedFor(s.conn, s.stored);
  const imap = s.conn.provider === 'imap';
  switch (step) {
    case STEP.exchange:
      return imap || s.exchangeDone;
    case STEP.app:
      return imap ? imapComplete(s.conn.imap, stored) : appRegistrationComplete(s.conn, stored);
    case STEP.mailbox:
      return s.result?.ok === true && (imap || s.conn.authMode !== 'delegated' || !!stored?.delegatedAccount);
    case STEP.advanced:
      return true;
    default:
      return false;
  }
}

/**
 * What Next does: on the advanced settings it checks them by the contract and stays (with the field errors) while
 * any is wrong; elsewhere it moves on. `settingsErrors` is given only when the settings were checked.
 */
export function wizardNext(
  step: number,
  settings: SettingsForm,
  t: AdminMessages,
): { step: number; settingsErrors?: FieldErrors } {
  if (step === STEP.advanced) {
    const settingsErrors = checkUpdate(settingsUpdate(settings), t);
    return { step: Object.keys(settingsErrors).length > 0 ? step : step + 1, settingsErrors };
  }
  return { step: Math.min(step + 1, STEP.finish) };
}
