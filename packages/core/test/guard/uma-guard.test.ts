import { KeycloakGuard, KeycloakGuardError, type GuardDeniedEvent, type RequestSource } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken } from '../../../../test/support/guard/realm.js';
import { umaShopRealm } from '../../../../test/support/guard/uma-realm.js';
import { missingDescription } from '../../src/guard/answers.js';
import { parseProtectPermission } from '../../src/guard/permission-spec.js';

interface PlainRequest {
  rawHeaders: string[];
  method?: string;
  path?: string;
}

const headersOnly: RequestSource<PlainRequest> = { rawHeaders: (r) => r.rawHeaders, query: () => undefined };
const withEnforcer: RequestSource<PlainRequest> = {
  ...headersOnly,
  enforcerRequest: (r) => ({ method: r.method ?? 'GET', path: r.path ?? '/' }),
};
const refusal = (promise: Promise<unknown>): Promise<KeycloakGuardError> =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(KeycloakGuardError);
      return e as KeycloakGuardError;
    },
  );

describe('protect() permission strings', () => {
  it.each([
    ['orders:read', 'orders#read'],
    ['orders:read,write', 'orders#read,write'],
    ['Album:album:view', 'Album#album:view'],
    ['urn:shop:invoices#invoice:view', 'urn:shop:invoices#invoice:view'],
    ['#read', '#read'],
    ['reports', 'reports'],
  ])('reads %j as the UMA permission %j', (spec, expected) => {
    expect(parseProtectPermission(spec)).toBe(expected);
  });

  it.each([':read', 'orders:', ' : '])('refuses %j with a TypeError naming the spec', (spec) => {
    expect(() => parseProtectPermission(spec)).toThrow(/"spec" has a malformed permission/);
  });

  it('percent-encodes what RFC 6750 does not allow in an error_description', () => {
    expect(missingDescription(['a"b#x', 'caf\u00e9\\', 'ok#read'])).toBe(
      'Missing permissions: a%22b#x caf%C3%A9%5C ok#read',
    );
    expect(missingDescription(['\ud800x'])).toBe('Missing permissions: %EF%BF%BDx');
  });
});

describe('KeycloakGuard with UMA specs, without a framework', () => {
  let kc: KeycloakTestServer;
  let bob: string;
  beforeAll(async () => {
    kc = await startKeycloak({ realms: [umaShopRealm] });
    bob = await passwordToken(kc.url, 'uma-shop', 'bob', 'bob-password');
  });
  afterAll(() => kc?.close());

  const guard = (extra: object = {}, source = withEnforcer): KeycloakGuard<PlainRequest> =>
    new KeycloakGuard<PlainRequest>({ serverUrl: kc.url, realm: 'uma-shop', clientId: 'orders-api', ...extra }, source);
  const request = (token: string, extra: Partial<PlainRequest> = {}): PlainRequest => ({
    rawHeaders: ['Authorization', `Bearer ${token}`],
    ...extra,
  });

  it('sends a header-safe description when a missing resource name has quotes or non-ASCII letters', async () => {
    const error = await refusal(guard().protect('caf\u00e9 "x":read')(request(bob)));
    expect(error.status).toBe(403);
    expect(error.headers['www-authenticate']).toBe(
      'Bearer realm="uma-shop", error="insufficient_scope", error_description="Missing permissions: caf%C3%A9 %22x%22#read"',
    );
  });

  it('reports a UMA refusal to onDenied as permission_denied, and never logs the token', async () => {
    const events: GuardDeniedEvent<PlainRequest>[] = [];
    const lines: string[] = [];
    const observed = guard({
      onDenied: (event: GuardDeniedEvent<PlainRequest>) => events.push(event),
      logger: {
        debug: (obj: object, msg: string) => lines.push(JSON.stringify([obj, msg])),
        warn: (obj: object, msg: string) => lines.push(JSON.stringify([obj, msg])),
        error: (obj: object, msg: string) => lines.push(JSON.stringify([obj, msg])),
      },
    });
    await refusal(observed.protect('orders:write')(request(bob)));
    expect(events.map(({ status, code, reason }) => ({ status, code, reason }))).toEqual([
      { status: 403, code: 'ERR_INSUFFICIENT_SCOPE', reason: 'permission_denied' },
    ]);
    expect(lines.join()).not.toContain(bob.split('.')[1]);
  });

  it('leaves permissions undefined on routes that make no UMA decision', async () => {
    expect((await guard().protect()(request(bob))).permissions).toBeUndefined();
    expect((await guard().protect('orders:read')(request(bob))).permissions).toEqual([
      expect.objectContaining({ rsname: 'orders', scopes: ['read'] }),
    ]);
  });

  it('refuses a policy-enforcer spec at protect() time when the request source cannot describe requests', () => {
    expect(() => guard({}, headersOnly).protect({ config: { paths: [] } })).toThrow(
      /"spec.config" needs a request source with enforcerRequest/,
    );
  });

  it('refuses unknown keys of a policy-enforcer spec with a TypeError naming them', () => {
    expect(() => guard().protect({ config: { paths: [] }, mode: 'x' } as never)).toThrow(
      /"spec.mode" is not an option of protect\(\)/,
    );
  });

  it.each([
    [{ authorization: 'yes' }, /"authorization" must be an object/],
    [{ authorization: { audience: '' } }, /"authorization.audience"/],
    [{ authorization: { cacheMaxAge: -1 } }, /"authorization.cacheMaxAge"/],
    [{ authorization: { maxEntries: 0 } }, /"authorization.maxEntries"/],
    [{ authorization: { useTokenPermissions: 'no' } }, /"authorization.useTokenPermissions"/],
  ])('refuses the authorization option %j at construction with a TypeError naming it', (extra, message) => {
    expect(() => guard(extra)).toThrow(message);
  });

  it('keeps deciding a request whose realm was evicted from the realm cache while its token was being verified', async () => {
    const byRealm = new KeycloakGuard<PlainRequest & { realm: string }>(
      { serverUrl: kc.url, realm: (r) => r.realm, clientId: 'orders-api', maxRealms: 1 },
      headersOnly,
    );
    const check = byRealm.protect('orders:read');
    await check({ ...request(bob), realm: 'uma-shop' });
    const fresh = await passwordToken(kc.url, 'uma-shop', 'bob', 'bob-password');
    const pending = check({ ...request(fresh), realm: 'uma-shop' });
    await refusal(check({ rawHeaders: [], realm: 'other' }));
    expect((await pending).permissions).toEqual([expect.objectContaining({ rsname: 'orders', scopes: ['read'] })]);
    await byRealm.close();
  });

  it('refuses a token whose session Keycloak has ended once the UMA grant refuses it: 401 revoked', async () => {
    const ending = await passwordToken(kc.url, 'uma-shop', 'carol', 'carol-password');
    const admin = await passwordToken(kc.url, 'master', 'admin', 'admin', 'admin-cli');
    const headers = { authorization: `Bearer ${admin}` };
    const [user] = (await (
      await fetch(`${kc.url}/admin/realms/uma-shop/users?username=carol&exact=true`, { headers })
    ).json()) as [{ id: string }];
    const ended = await fetch(`${kc.url}/admin/realms/uma-shop/users/${user.id}/logout`, { method: 'POST', headers });
    expect(ended.status).toBe(204);
    const error = await refusal(guard().protect('orders:read')(request(ending)));
    expect({ status: error.status, reason: error.reason }).toEqual({ status: 401, reason: 'revoked' });
  });

  it('asks Keycloak for the audience given in the authorization option (web is no resource server: 503)', async () => {
    const error = await refusal(guard({ authorization: { audience: 'web' } }).protect('orders:read')(request(bob)));
    expect(error.status).toBe(503);
    expect(error.reason).toBe('resource_server_not_found');
  });
});
