// Turns any error the pane meets into a sentence for the user, by class and stable code (never by message).
import { ApiError, NetworkError } from '../../api/errors.js';
import type { Messages } from '../../i18n/en.js';
import { OfficeCallError } from '../../office/async.js';

export function errorText(error: unknown, t: Messages): string {
  if (error instanceof NetworkError) return t.errors.network;
  if (error instanceof OfficeCallError) return t.errors.office;
  if (!(error instanceof ApiError)) return t.errors.generic;
  switch (error.code) {
    case 'forbidden':
      return t.errors.forbidden;
    case 'not_found':
      return t.errors.notFound;
    case 'privacy_blocked':
      return t.errors.privacyBlocked;
    case 'entry_canceled':
      return t.errors.entryCanceled;
    case 'already_linked':
      return t.errors.alreadyLinked;
    case 'opportunity_closed':
      return t.errors.opportunityClosed;
    case 'contact_exists':
      return t.errors.contactExists;
    case 'nothing_to_log':
      return t.errors.nothingToLog;
    case 'rate_limited':
      return t.errors.rateLimited;
    case 'invalid_response':
      return t.errors.invalidResponse;
  }
  if (error.status === 403) return t.errors.forbidden;
  if (error.status === 404) return t.errors.notFound;
  if (error.status === 429) return t.errors.rateLimited;
  return t.errors.generic;
}
