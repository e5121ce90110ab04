// The one message the sign-in dialog sends to the pane (Office's messageParent carries a string).

export type DialogAnswer = { accessToken: string; expiresOn: number | null } | { error: string };

export function encodeDialogAnswer(answer: DialogAnswer): string {
  return JSON.stringify(answer);
}

/** Anything malformed is an error answer, never an exception. */
export function decodeDialogAnswer(message: string): DialogAnswer {
  try {
    const value: unknown = JSON.parse(message);
    if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (typeof v.accessToken === 'string' && v.accessToken.length > 0) {
        return {
          accessToken: v.accessToken,
          expiresOn: typeof v.expiresOn === 'number' ? v.expiresOn : null,
        };
      }
      if (typeof v.error === 'string') return { error: v.error };
    }
  } catch {
    // fall through
  }
  return { error: 'malformed_answer' };
}
