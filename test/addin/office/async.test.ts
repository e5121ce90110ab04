/// <reference types="office-js" />
import assert from 'node:assert/strict';
import { guardedHandler, OfficeCallError, officeAsync } from '../../../addin/office/async.js';
import { themeKindFromBackground } from '../../../addin/office/theme.js';

type Cb = (r: Office.AsyncResult<unknown>) => void;
const result = (status: string, value: unknown, error?: { code: number; message: string }) =>
  ({ status, value, error }) as unknown as Office.AsyncResult<unknown>;

describe('addin/office/async', () => {
  it('resolves with the mapped value of a succeeded call', async () => {
    const value = await officeAsync(
      'x',
      (cb: Cb) => cb(result('succeeded', 2)),
      (v) => Number(v) * 21,
    );
    assert.equal(value, 42);
  });

  it('rejects with the Office error code of a failed call', async () => {
    await assert.rejects(
      officeAsync('to.getAsync', (cb: Cb) =>
        cb(result('failed', undefined, { code: 9020, message: 'generic' })),
      ),
      (e: unknown) => e instanceof OfficeCallError && e.officeCode === 9020 && e.operation === 'to.getAsync',
    );
  });

  it('turns an exception in the mapping into a rejection instead of throwing inside the callback', async () => {
    let callbackThrew = false;
    const promise = officeAsync(
      'x',
      (cb: Cb) => {
        try {
          cb(result('succeeded', null));
        } catch {
          callbackThrew = true;
        }
      },
      () => {
        throw new Error('bad value');
      },
    );
    await assert.rejects(promise, /bad value/);
    assert.equal(callbackThrew, false);
  });

  it('rejects when starting the call throws (API missing on this host)', async () => {
    await assert.rejects(
      officeAsync('displayDialogAsync', () => {
        throw new TypeError('not a function');
      }),
      (e: unknown) => e instanceof OfficeCallError && e.officeCode === null,
    );
  });

  it('guardedHandler reports listener errors and never rethrows', () => {
    const seen: unknown[] = [];
    const handler = guardedHandler(
      () => {
        throw new Error('boom');
      },
      (e) => seen.push(e),
    );
    assert.doesNotThrow(() => handler(undefined));
    assert.equal((seen[0] as Error).message, 'boom');
  });
});

describe('addin/office/theme', () => {
  it('reads dark and light from the body background colour', () => {
    assert.equal(themeKindFromBackground('#1F1F1F'), 'dark');
    assert.equal(themeKindFromBackground('#000'), 'dark');
    assert.equal(themeKindFromBackground('#FFFFFF'), 'light');
    assert.equal(themeKindFromBackground('f3f2f1'), 'light');
  });

  it('is undefined when there is no readable colour (Outlook on the web has no officeTheme)', () => {
    assert.equal(themeKindFromBackground(undefined), undefined);
    assert.equal(themeKindFromBackground('rgb(0,0,0)'), undefined);
  });
});
