// The form of an edit dialog: its values, the first problem of each field (the request is checked with the
// contract's own schema before anything is sent, so the admin sees the problem next to the field) and the save,
// which runs once at a time and keeps the server's refusal for the dialog's error bar.
import { useState } from 'react';
import type { z } from 'zod/mini';
import { useAction } from './useLoad.js';

type TextKey<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F] & string;

export interface TextFieldBinding {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

export function useEditForm<F extends object>(o: {
  initial: F;
  /** A field's problem in the admin's words (e.g. "not an email address" for an email field). */
  problemOf: (field: string) => string;
  /** After the server took the request (the dialog closes). */
  onSaved: () => void;
}) {
  const [values, setValues] = useState(o.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();

  const set = (patch: Partial<F>) => setValues((v) => ({ ...v, ...patch }));

  const text = (key: TextKey<F>): TextFieldBinding => ({
    value: values[key] as string,
    error: errors[key],
    onChange: (value) => set({ [key]: value } as Partial<F>),
  });

  /** Shows the request's problems by field, or sends it. */
  const save = <R>(parsed: z.core.util.SafeParseResult<R>, send: (request: R) => Promise<unknown>) => {
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        found[field] ??= o.problemOf(field);
      }
      setErrors(found);
      return;
    }
    setErrors({});
    void action.run(async () => {
      await send(parsed.data);
      o.onSaved();
    });
  };

  return { values, set, text, errors, save, pending: action.pending, error: action.error };
}

export type EditForm = ReturnType<typeof useEditForm>;
