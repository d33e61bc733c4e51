import { describe, expect, it } from 'vitest';
import { KeycloakGuard, type KeycloakGuardOptions } from '../../src/index.js';

const source = { rawHeaders: () => [], query: () => undefined };
const build = (extra: Partial<KeycloakGuardOptions>) =>
  new KeycloakGuard({ serverUrl: 'http://127.0.0.1:1', realm: 'r', clientId: 'api', ...extra }, source);

describe('the guard checks its DPoP options at construction', () => {
  it.each([
    [{ dpop: null }, '"dpop" must be an object'],
    [{ dpop: { required: 'yes' } }, '"dpop.required" must be a boolean'],
    [{ dpop: { algorithms: ['HS256'] } }, '"dpop.algorithms" may only hold asymmetric algorithms, not "HS256"'],
    [
      { dpop: { algorithms: [] } },
      '"dpop.algorithms" must be a non-empty string or a non-empty array of non-empty strings',
    ],
    [{ dpop: { proofMaxAge: 500 } }, '"dpop.proofMaxAge" must be at least 1 000 ms (iat is in seconds)'],
    [{ dpop: { proofMaxAge: -1 } }, '"dpop.proofMaxAge" must be a finite, non-negative number of milliseconds'],
    [{ dpop: { maxReplayEntries: 0 } }, '"dpop.maxReplayEntries" must be a positive integer'],
    [{ storeDown: 'ignore' }, '"storeDown" must be "fail-open" or "fail-closed"'],
    [{ publicUrl: '/api' }, '"publicUrl" must be an absolute URL'],
    [{ publicUrl: 'https://api.example.com/?x=1' }, '"publicUrl" must not have a query or fragment'],
  ])('refuses %j', (extra, message) => {
    expect(() => build(extra as never)).toThrow(new TypeError(message));
  });

  it('accepts the documented forms', async () => {
    const guard = build({
      dpop: { required: true, algorithms: ['ES256', 'EdDSA'], proofMaxAge: 30_000, maxReplayEntries: 5 },
      storeDown: 'fail-closed',
      publicUrl: 'https://api.example.com/base/',
    });
    await guard.close();
  });
});
