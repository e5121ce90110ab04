// The refusals services raise: stable codes the API clients branch on (see shared/api/problem.ts).
import { AppError } from '../http/problem.js';

export const refuse = {
  notFound: (what: string) => new AppError(404, 'not_found', `${what} was not found`),
  privacyBlocked: () =>
    new AppError(
      409,
      'privacy_blocked',
      'The contact is privacy blocked: no logging, history or opportunities',
    ),
  entryCanceled: () => new AppError(409, 'entry_canceled', 'The interaction log entry is canceled'),
  alreadyLinked: () =>
    new AppError(409, 'already_linked', 'The interaction log entry already has an opportunity'),
  opportunityClosed: () => new AppError(409, 'opportunity_closed', 'The opportunity is won or lost'),
  contactMismatch: (detail: string) => new AppError(409, 'contact_mismatch', detail),
  contactExists: () => new AppError(409, 'contact_exists', 'The address already belongs to a contact'),
  salespersonExists: () => new AppError(409, 'salesperson_exists', 'A salesperson with this code exists'),
  signInChanged: () =>
    new AppError(
      409,
      'sign_in_changed',
      'The pending sign-in is not the one confirmed; reload and look again',
    ),
  entraBoundElsewhere: (code: string) =>
    new AppError(409, 'entra_bound_elsewhere', `This Entra ID user already is salesperson ${code}`),
  nothingToLog: (detail: string) => new AppError(422, 'nothing_to_log', detail),
  notParticipant: () =>
    new AppError(
      403,
      'not_a_participant',
      'Only a sender or recipient of the message (or an admin) can log it',
    ),
  forbidden: (detail: string) => new AppError(403, 'forbidden', detail),
  /** The visibility model (`owner`) or an entry's private mark keeps this record from the caller. */
  notOwner: (detail: string) => new AppError(403, 'not_owner', detail),
  invalid: (path: string, message: string) =>
    new AppError(400, 'validation_failed', 'The request is not valid', [{ path, message }]),
};
