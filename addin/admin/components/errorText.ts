// Turns what an admin action failed with into text, by class and stable problem code (never by message), with
// the server's field errors (validation, CSV import) listed so the admin can act on them.
import { ApiError, NetworkError } from '../../api/errors.js';
import type { AdminMessages } from '../i18n/en.js';

export interface ErrorText {
  message: string;
  details: string[];
}

export function errorText(error: unknown, t: AdminMessages): ErrorText {
  if (error instanceof NetworkError) return { message: t.errors.network, details: [] };
  if (!(error instanceof ApiError)) return { message: t.errors.generic, details: [] };
  const details = error.fieldErrors.map((f) => `${f.path}: ${f.message}`);
  switch (error.code) {
    case 'validation_failed':
      return { message: t.errors.invalid, details };
    case 'import_invalid':
      return { message: t.errors.importInvalid, details };
    case 'salesperson_exists':
    case 'contact_exists':
      return { message: t.errors.exists, details: [error.title] };
    case 'invalid_response':
      return { message: t.errors.invalidResponse, details: [] };
  }
  if (error.status === 403) return { message: t.errors.forbidden, details: [] };
  if (error.status === 404) return { message: t.errors.notFound, details: [] };
  return { message: error.detail ?? error.title ?? t.errors.generic, details };
}
