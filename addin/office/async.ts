// Office's callback APIs as Promises. A callback that throws is invisible to every try/catch of the caller (it
// runs on Office's stack), so nothing here ever lets an exception escape a callback: it rejects instead.
/// <reference types="office-js" />

export class OfficeCallError extends Error {
  constructor(
    readonly operation: string,
    /** Office's numeric error code, when it gave one (e.g. 12006: dialog closed by the user). */
    readonly officeCode: number | null,
    message: string,
  ) {
    super(`${operation}: ${message}`);
    this.name = 'OfficeCallError';
  }
}

function isSucceeded(result: Office.AsyncResult<unknown>): boolean {
  // The typings declare a numeric enum; office.js's runtime values are the strings 'succeeded' and 'failed'.
  return (result.status as unknown) === 'succeeded';
}

/** Wraps one callback-style call; `map` runs inside the guarded callback, so its errors reject too. */
export function officeAsync<T, R = T>(
  operation: string,
  start: (callback: (result: Office.AsyncResult<T>) => void) => void,
  map: (value: T) => R = (value) => value as unknown as R,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const callback = (result: Office.AsyncResult<T>): void => {
      try {
        if (!result || !isSucceeded(result)) {
          const error = result?.error;
          reject(new OfficeCallError(operation, error?.code ?? null, error?.message || 'the call failed'));
          return;
        }
        resolve(map(result.value));
      } catch (e) {
        reject(e);
      }
    };
    try {
      start(callback);
    } catch (e) {
      reject(new OfficeCallError(operation, null, e instanceof Error ? e.message : String(e)));
    }
  });
}

/** An event handler for Office that can never throw into Office: failures go to `onError`. */
export function guardedHandler<A>(
  listener: (arg: A) => void,
  onError: (e: unknown) => void,
): (arg: A) => void {
  return (arg: A) => {
    try {
      listener(arg);
    } catch (e) {
      try {
        onError(e);
      } catch {
        // Nothing left to tell: reporting failed too.
      }
    }
  };
}
