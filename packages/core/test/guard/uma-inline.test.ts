import { KeycloakGuard, KeycloakGuardError, type InlineGuardCheck, type RequestSource } from '@keycloak-ts/core';
import { startKeycloak, TestClock, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken } from '../../../../test/support/guard/realm.js';
import { ordersEnforcer, umaShopRealm, unnamedPathsEnforcer } from '../../../../test/support/guard/uma-realm.js';

interface PlainRequest {
  rawHeaders: string[];
  method: string;
  path: string;
}

const source: RequestSource<PlainRequest> = {
  rawHeaders: (r) => r.rawHeaders,
  query: () => undefined,
  enforcerRequest: (r) => ({ method: r.method, path: r.path }),
};
const INSUFFICIENT = (missing: string): string =>
  `Bearer realm="uma-shop", error="insufficient_scope", error_description="Missing permissions: ${missing}"`;
const FORBIDDEN =
  'Bearer realm="uma-shop", error="insufficient_scope", error_description="The access token does not grant access to this resource"';

/** What a check answered: a context's permissions, or a refusal's status and headers; and whether it came without a promise. */
interface Answer {
  readonly inline: boolean;
  readonly outcome: { permissions: unknown } | { status: number; headers: Readonly<Record<string, string>> };
}

async function answer(check: InlineGuardCheck<PlainRequest>, request: PlainRequest): Promise<Answer> {
  let result;
  try {
    result = check(request);
  } catch (error) {
    return { inline: true, outcome: refused(error) };
  }
  if (!(result instanceof Promise)) return { inline: true, outcome: { permissions: result?.permissions } };
  try {
    return { inline: false, outcome: { permissions: (await result)?.permissions } };
  } catch (error) {
    return { inline: false, outcome: refused(error) };
  }
}

function refused(error: unknown): Answer['outcome'] {
  expect(error).toBeInstanceOf(KeycloakGuardError);
  const { status, headers } = error as KeycloakGuardError;
  return { status, headers };
}

describe('protectInline() on UMA routes', () => {
  let kc: KeycloakTestServer;
  let tokens: Record<'alice' | 'bob' | 'carol', string>;
  beforeAll(async () => {
    kc = await startKeycloak({ realms: [umaShopRealm], clock: new TestClock(undefined, true) });
    const login = (user: string): Promise<string> => passwordToken(kc.url, 'uma-shop', user, `${user}-password`);
    tokens = { alice: await login('alice'), bob: await login('bob'), carol: await login('carol') };
  });
  afterAll(() => kc?.close());

  const guard = (extra: object = {}): KeycloakGuard<PlainRequest> =>
    new KeycloakGuard<PlainRequest>(
      { serverUrl: kc.url, realm: 'uma-shop', clientId: 'orders-api', now: () => kc.clock.now(), ...extra },
      source,
    );
  const request = (user: keyof typeof tokens, method = 'GET', path = '/'): PlainRequest => ({
    rawHeaders: ['Authorization', `Bearer ${tokens[user]}`],
    method,
    path,
  });
  const umaCalls = (): number => kc.counters.get('uma-grant');

  it.each<[string, keyof typeof tokens, Answer['outcome']]>([
    ['orders:read', 'bob', { permissions: [expect.objectContaining({ rsname: 'orders', scopes: ['read'] })] }],
    [
      'orders:read,write',
      'alice',
      {
        permissions: [expect.objectContaining({ rsname: 'orders', scopes: expect.arrayContaining(['read', 'write']) })],
      },
    ],
    ['orders:write', 'bob', { status: 403, headers: { 'www-authenticate': INSUFFICIENT('orders#write') } }],
    ['reports', 'bob', { status: 403, headers: { 'www-authenticate': INSUFFICIENT('reports') } }],
    [
      'urn:shop:invoices#invoice:view',
      'carol',
      { status: 403, headers: { 'www-authenticate': INSUFFICIENT('urn:shop:invoices#invoice:view') } },
    ],
  ])(
    'answers protect(%j) for %s with a promise first, then the same answer without one',
    async (spec, user, expected) => {
      const check = guard().protectInline(spec);
      const before = umaCalls();
      const cold = await answer(check, request(user));
      const warm = await answer(check, request(user));
      expect(cold).toEqual({ inline: false, outcome: expected });
      expect(warm).toEqual({ inline: true, outcome: cold.outcome });
      expect(umaCalls() - before).toBe(1);
    },
  );

  it('asks Keycloak again once a decision is older than cacheMaxAge on the injected clock', async () => {
    const check = guard({ authorization: { cacheMaxAge: 10_000 } }).protectInline('orders:read');
    const before = umaCalls();
    await answer(check, request('bob'));
    kc.clock.advance(9_999);
    expect((await answer(check, request('bob'))).inline).toBe(true);
    kc.clock.advance(1);
    expect(await answer(check, request('bob'))).toMatchObject({
      inline: false,
      outcome: { permissions: [expect.objectContaining({ rsname: 'orders' })] },
    });
    expect(umaCalls() - before).toBe(2);
    expect((await answer(check, request('bob'))).inline).toBe(true);
  });

  it.each<[string, string, keyof typeof tokens, Answer['outcome']]>([
    ['GET', '/api/orders', 'bob', { permissions: [expect.objectContaining({ rsname: 'orders', scopes: ['read'] })] }],
    ['POST', '/api/orders', 'bob', { status: 403, headers: { 'www-authenticate': INSUFFICIENT('orders#write') } }],
    ['DELETE', '/api/orders/17', 'bob', { permissions: [expect.objectContaining({ rsname: 'orders' })] }],
    [
      'DELETE',
      '/api/orders/18',
      'carol',
      { status: 403, headers: { 'www-authenticate': INSUFFICIENT('orders#read|write') } },
    ],
    ['GET', '/api/health', 'carol', { permissions: undefined }],
    ['GET', '/api/audit', 'carol', { permissions: undefined }],
    ['GET', '/api/elsewhere', 'alice', { status: 403, headers: { 'www-authenticate': FORBIDDEN } }],
  ])('answers the policy enforcer for %s %s (%s) the same way warm as cold', async (method, path, user, expected) => {
    const check = guard().protectInline({ config: ordersEnforcer });
    const cold = await answer(check, request(user, method, path));
    const warm = await answer(check, request(user, method, path));
    expect(cold).toEqual({ inline: false, outcome: expected });
    expect(warm).toEqual({ inline: true, outcome: expected });
  });

  // Paths whose resource comes from the Protection API: the resource found is kept, so a decided request is
  // answered inline the second time; a path the server has no resource for is asked again (path cache misses
  // are not decisions), and a named template without one is decided by its name.
  const NOT_FOUND = {
    status: 403,
    headers: {
      'www-authenticate':
        'Bearer realm="uma-shop", error="insufficient_scope", error_description="No resource of the resource server matches the request path"',
    },
  };
  const lookedUp = {
    ...unnamedPathsEnforcer,
    paths: [
      ...unnamedPathsEnforcer.paths,
      { path: '/api/ledger/{id}', name: 'orders', methods: [{ method: 'GET', scopes: ['read'] }] },
    ],
  };
  it.each<[string, object, string, Answer['outcome'], boolean]>([
    [
      'an unnamed path the server has a resource for',
      lookedUp,
      '/api/documents/4',
      { permissions: [expect.objectContaining({ rsname: 'documents', scopes: ['read'] })] },
      true,
    ],
    ['an unnamed path the server has no resource for', lookedUp, '/api/drafts/1', NOT_FOUND, false],
    [
      'an unnamed PERMISSIVE path without a resource',
      { ...lookedUp, paths: [{ path: '/api/drafts/*', 'enforcement-mode': 'PERMISSIVE' }] },
      '/api/drafts/1',
      { permissions: undefined },
      false,
    ],
    [
      'a named template the server has no resource for',
      lookedUp,
      '/api/ledger/9',
      { permissions: [expect.objectContaining({ rsname: 'orders', scopes: ['read'] })] },
      true,
    ],
  ])('answers %s the same way twice, the second time inline: %#', async (_name, config, path, expected, inline) => {
    const check = guard().protectInline({ config });
    expect(await answer(check, request('bob', 'GET', path))).toEqual({ inline: false, outcome: expected });
    expect(await answer(check, request('bob', 'GET', path))).toEqual({ inline, outcome: expected });
  });

  it('matches each request path of an enforcer route on its own, however many it has seen', async () => {
    const check = guard().protectInline({ config: ordersEnforcer });
    // Each request path of a template has its own resource (PathConfigMatcher.resolvePathConfig): looked
    // up once through the Protection API, then answered inline while the path cache keeps it.
    for (let id = 0; id < 1010; id++) {
      const granted = { outcome: { permissions: [expect.objectContaining({ rsname: 'orders' })] } };
      expect(await answer(check, request('bob', 'DELETE', `/api/orders/${id}`))).toMatchObject({
        inline: false,
        ...granted,
      });
      expect(await answer(check, request('bob', 'DELETE', `/api/orders/${id}`))).toMatchObject({
        inline: true,
        ...granted,
      });
    }
    // A method the path does not list needs the path's scopes: another decision, asked once.
    expect(await answer(check, request('bob', 'POST', '/api/orders/7'))).toMatchObject({
      inline: false,
      outcome: { permissions: [expect.objectContaining({ rsname: 'orders' })] },
    });
    expect(await answer(check, request('bob', 'POST', '/api/orders/7'))).toMatchObject({
      inline: true,
      outcome: { permissions: [expect.objectContaining({ rsname: 'orders' })] },
    });
    expect(await answer(check, request('bob', 'GET', '/api/orders/../elsewhere'))).toEqual({
      inline: true,
      outcome: { status: 403, headers: { 'www-authenticate': FORBIDDEN } },
    });
  }, 60_000);

  it('decides requests of many distinct methods, past the ones it keeps matches for', async () => {
    const check = guard().protectInline({ config: ordersEnforcer });
    for (let index = 0; index < 40; index++) {
      expect((await answer(check, request('carol', `M${index}`, '/api/health'))).outcome).toEqual({
        permissions: undefined,
      });
      expect((await answer(check, request('carol', `M${index}`, '/api/elsewhere'))).outcome).toEqual({
        status: 403,
        headers: { 'www-authenticate': FORBIDDEN },
      });
    }
  });

  it('refuses a request the source describes without a string path as enforcer_failed, warm or cold', async () => {
    const odd: RequestSource<PlainRequest> = {
      ...source,
      enforcerRequest: () => ({ method: 'GET', path: 42 as never }),
    };
    const check = new KeycloakGuard<PlainRequest>(
      { serverUrl: kc.url, realm: 'uma-shop', clientId: 'orders-api', now: () => kc.clock.now() },
      odd,
    ).protectInline({ config: ordersEnforcer });
    const expected = { status: 503, headers: { 'retry-after': '10' } };
    expect(await answer(check, request('bob'))).toEqual({ inline: false, outcome: expected });
    expect(await answer(check, request('bob'))).toEqual({ inline: true, outcome: expected });
  });
});
