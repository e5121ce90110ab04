// zod issues of a form's request schema -> one message per field, in the user's language.
import type { z } from 'zod/mini';
import type { Messages } from '../../i18n/en.js';

export type FieldErrors = Record<string, string>;

function issueText(issue: z.core.$ZodIssue, t: Messages): string {
  switch (issue.code) {
    case 'too_small':
      return t.validation.required;
    case 'too_big':
      return typeof issue.maximum === 'number' && issue.origin === 'string'
        ? t.validation.tooLong(issue.maximum)
        : t.validation.invalid;
    case 'invalid_format':
      if (issue.format === 'email') return t.validation.email;
      if (issue.format === 'date') return t.validation.date;
      if (issue.format === 'regex') return t.validation.code;
      return t.validation.invalid;
    case 'invalid_type':
      return issue.expected === 'number' ? t.validation.amount : t.validation.required;
    default:
      return t.validation.invalid;
  }
}

/** The first issue per top-level field. */
export function fieldErrors(error: z.core.$ZodError, t: Messages): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!(field in out)) out[field] = issueText(issue, t);
  }
  return out;
}

/** Field errors the server reported (`validation_failed`), shown in the user's language. */
export function serverFieldErrors(errors: { path: string }[], t: Messages): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) out[e.path.split('.')[0] ?? ''] ??= t.validation.invalid;
  return out;
}
