import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliceTokens, oidcPath, protocolRealm, REDIRECT } from './support/protocol-realm.js';
import { openTarget, targetKind, type KeycloakTarget, type RawResponse } from './support/target.js';

// The cache headers of the protocol endpoints, per Keycloak resource method (measured on Keycloak 26.7.3): @NoCache
// methods answer `no-cache`, the login pages `no-store, must-revalidate, max-age=0` (CacheControlUtil.noCache),
// the discovery documents their own list; errors built by exception mappers carry none.

let target: KeycloakTarget;
let realm: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('protocol-headers', protocolRealm());
});
afterAll(() => target.close());

const headers = (answer: RawResponse) => ({
  status: answer.status,
  cacheControl: answer.headers.get('cache-control'),
  pragma: answer.headers.get('pragma'),
});

describe(`protocol cache headers (${targetKind})`, () => {
  it('answers the realm info with no-cache, as JSON in UTF-8', async () => {
    const answer = await target.request('GET', `/realms/${realm}`);
    expect({ ...headers(answer), type: answer.headers.get('content-type') }).toEqual({
      status: 200,
      cacheControl: 'no-cache',
      pragma: null,
      type: 'application/json;charset=UTF-8',
    });
  });

  it('answers both discovery documents with no-cache, must-revalidate, no-transform, no-store', async () => {
    for (const document of ['openid-configuration', 'uma2-configuration']) {
      const answer = await target.request('GET', `/realms/${realm}/.well-known/${document}`);
      expect([document, headers(answer)]).toEqual([
        document,
        { status: 200, cacheControl: 'no-cache, must-revalidate, no-transform, no-store', pragma: null },
      ]);
    }
  });

  it('answers a device authorization with no-store, must-revalidate, max-age=0 and no Pragma; its errors with none', async () => {
    const granted = await target.request('POST', oidcPath(realm, 'auth/device'), { form: { client_id: 'tv' } });
    expect(headers(granted)).toEqual({
      status: 200,
      cacheControl: 'no-store, must-revalidate, max-age=0',
      pragma: null,
    });
    const refused = await target.request('POST', oidcPath(realm, 'auth/device'), { form: { client_id: 'nobody' } });
    expect(headers(refused)).toEqual({ status: 401, cacheControl: null, pragma: null });
  });

  it('answers the login page with no-store, must-revalidate, max-age=0 and its error pages without Cache-Control', async () => {
    const query = (redirect: string, client = 'app') =>
      `?client_id=${client}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=openid`;
    const page = await target.request('GET', `${oidcPath(realm, 'auth')}${query(REDIRECT)}`);
    expect(headers(page)).toEqual({ status: 200, cacheControl: 'no-store, must-revalidate, max-age=0', pragma: null });
    const badRedirect = await target.request('GET', `${oidcPath(realm, 'auth')}${query('http://evil.example/cb')}`);
    expect(headers(badRedirect)).toEqual({ status: 400, cacheControl: null, pragma: null });
    const unknownClient = await target.request('GET', `${oidcPath(realm, 'auth')}${query(REDIRECT, 'nobody')}`);
    expect(headers(unknownClient)).toEqual({ status: 400, cacheControl: null, pragma: null });
  });

  it('redirects an error back to the client with no-store, must-revalidate, max-age=0', async () => {
    const query = `?client_id=app&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&prompt=none`;
    const answer = await target.request('GET', `${oidcPath(realm, 'auth')}${query}`, { redirect: 'manual' });
    expect(headers(answer)).toEqual({
      status: 302,
      cacheControl: 'no-store, must-revalidate, max-age=0',
      pragma: null,
    });
    expect(new URL(answer.headers.get('location') ?? '').searchParams.get('error')).toBe('login_required');
  });

  it('answers a logout with a refresh token no-cache, and a refused one without', async () => {
    const tokens = await aliceTokens(target, realm);
    const form = { client_id: 'app', client_secret: 'app-secret' };
    const loggedOut = await target.request('POST', oidcPath(realm, 'logout'), {
      form: { ...form, refresh_token: tokens['refresh_token'] ?? '' },
    });
    expect(headers(loggedOut)).toEqual({ status: 204, cacheControl: 'no-cache', pragma: null });
    const refused = await target.request('POST', oidcPath(realm, 'logout'), {
      form: { ...form, refresh_token: 'abc' },
    });
    expect(headers(refused)).toEqual({ status: 400, cacheControl: null, pragma: null });
  });
});
