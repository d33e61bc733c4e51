import { KeycloakGuard, KeycloakGuardError, interpolateEnv, type RequestSource } from '@keycloak-ts/core';
import { validateHeaderValue } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf, realmKey, signWith } from '../../../../test/security/support/revocation.js';
import { startShop, type ShopKeycloak } from '../../../../test/support/guard/realm.js';

/** A framework-free request: raw headers and a query object. */
interface PlainRequest {
  rawHeaders: string[];
  query?: Record<string, unknown>;
  realm?: string;
}

const source: RequestSource<PlainRequest> = { rawHeaders: (r) => r.rawHeaders, query: (r, name) => r.query?.[name] };
const guardError = (promise: Promise<unknown>): Promise<KeycloakGuardError> =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(KeycloakGuardError);
      return e as KeycloakGuardError;
    },
  );

describe('KeycloakGuard without a framework', () => {
  let shop: ShopKeycloak;
  let alice: string;
  beforeAll(async () => {
    shop = await startShop([{ realm: 'tenant2', enabled: true }]);
    alice = await shop.tokenFor('alice');
  });
  afterAll(() => shop?.close());

  const guard = (extra: object = {}): KeycloakGuard<PlainRequest> =>
    new KeycloakGuard<PlainRequest>(
      { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api', ...extra },
      source,
    );

  it('returns the context with the verified claims for a valid bearer token', async () => {
    const context = await guard().protect({ roles: ['realm:admin', 'orders-api:viewer'], mode: 'all' })({
      rawHeaders: ['Authorization', `Bearer ${alice}`],
    });
    expect(context.token.preferred_username).toBe('alice');
    expect(context.raw).toBe(alice);
    expect(context.hasRole('billing:editor')).toBe(true);
    expect(context.hasClientRole('billing', 'editor')).toBe(true);
    expect(context.hasScope(context.verified.scopes[0] ?? 'none')).toBe(true);
    expect(context.hasScope('orders:admin')).toBe(false);
    expect(JSON.stringify(context)).not.toContain(alice.split('.')[2]);
  });

  it('carries the status, code, reason and ready headers in the error', async () => {
    const error = await guardError(guard().protect()({ rawHeaders: ['authorization', 'Bearer  '] }));
    expect(error).toMatchObject({
      status: 400,
      statusCode: 400,
      code: 'ERR_INVALID_REQUEST',
      reason: 'empty_bearer',
      error: 'invalid_request',
    });
    expect(error.headers).toEqual({
      'www-authenticate': 'Bearer realm="shop", error="invalid_request", error_description="The bearer token is empty"',
    });
  });

  it('takes a Bearer token of another scheme-prefix as no credentials (Bearerx is not Bearer)', async () => {
    const error = await guardError(guard().protect()({ rawHeaders: ['authorization', `Bearerx ${alice}`] }));
    expect(error.reason).toBe('no_credentials');
    expect(error.headers).toEqual({ 'www-authenticate': 'Bearer realm="shop"' });
  });

  it('refuses a query parameter given twice when the query source is opted in', async () => {
    const error = await guardError(
      guard({ queryParameter: 'access_token' }).protect()({ rawHeaders: [], query: { access_token: [alice, alice] } }),
    );
    expect(error.reason).toBe('multiple_token_sources');
  });

  it('escapes quotes of a resolved realm name in the challenge', async () => {
    const g = new KeycloakGuard<PlainRequest>(
      { serverUrl: shop.serverUrl, realm: (r) => r.realm, clientId: 'orders-api' },
      source,
    );
    const error = await guardError(g.protect()({ rawHeaders: [], realm: 'a"b' }));
    expect(error.headers['www-authenticate']).toBe('Bearer realm="a\\"b"');
  });

  it('percent-encodes a resolved realm name that Node could not send in a header', async () => {
    const g = new KeycloakGuard<PlainRequest>(
      { serverUrl: shop.serverUrl, realm: (r) => r.realm, clientId: 'orders-api' },
      source,
    );
    for (const [realm, quoted] of [
      ['日本', '%E6%97%A5%E6%9C%AC'],
      ['a\u0001b', 'a%01b'],
      ['caf\u00e9"', 'caf%C3%A9\\"'],
    ]) {
      const error = await guardError(g.protect()({ rawHeaders: [], realm }));
      expect(error.headers['www-authenticate']).toBe(`Bearer realm="${quoted}"`);
      expect(() => validateHeaderValue('www-authenticate', error.headers['www-authenticate'])).not.toThrow();
    }
  });

  it("builds one verifier per realm and fetches each realm's keys once however many requests come", async () => {
    const g = new KeycloakGuard<PlainRequest>(
      { serverUrl: shop.serverUrl, realm: (r) => r.realm, clientId: 'orders-api' },
      source,
    );
    const check = g.protect();
    const bob = await shop.tokenFor('bob');
    const before = shop.server.counters.get('certs');
    for (let i = 0; i < 5; i++) {
      await check({ rawHeaders: ['authorization', `Bearer ${alice}`], realm: 'shop' });
      await check({ rawHeaders: ['authorization', `Bearer ${bob}`], realm: 'shop' });
    }
    expect(shop.server.counters.get('certs') - before).toBe(1);
  });

  it('refuses a resolver result that is not a realm name before any request to Keycloak', async () => {
    const g = new KeycloakGuard<PlainRequest>(
      { serverUrl: shop.serverUrl, realm: (r) => r.realm, clientId: 'orders-api' },
      source,
    );
    const before = shop.server.counters.get('certs');
    for (const realm of ['../master', 'a/b', '', undefined]) {
      expect((await guardError(g.protect()({ rawHeaders: ['authorization', `Bearer ${alice}`], realm }))).reason).toBe(
        'realm_unresolved',
      );
    }
    expect(shop.server.counters.get('certs')).toBe(before);
  });

  it('answers 400 realm_unresolved, not a 500, when the realm resolver throws on a request it cannot read', async () => {
    const boom = new TypeError("Cannot read properties of undefined (reading 'split')");
    const g = new KeycloakGuard<PlainRequest>(
      {
        serverUrl: shop.serverUrl,
        realm: () => {
          throw boom;
        },
        clientId: 'orders-api',
      },
      source,
    );
    const error = await guardError(g.protect()({ rawHeaders: ['authorization', `Bearer ${alice}`] }));
    expect(error).toMatchObject({ status: 400, code: 'ERR_INVALID_REQUEST', reason: 'realm_unresolved', cause: boom });
    expect(error.headers).toEqual({
      'www-authenticate':
        'Bearer error="invalid_request", error_description="The realm could not be determined from the request"',
    });
  });

  it.each([
    [{ serverUrl: 'ftp://kc' }, /"serverUrl"/],
    [{ serverUrl: 'http://kc/?tenant=a' }, /^"serverUrl" must not have a query or fragment$/],
    [{ serverUrl: 'http://user:pass@kc/' }, /^"serverUrl" must not carry credentials$/],
    [{ clientId: '' }, /"clientId"/],
    [{ validation: 'remote' }, /"validation"/],
    [{ allowedIssuers: ['http://kc/realms/a'] }, /cannot be used together/],
    [{ retryAfterSeconds: 0 }, /"retryAfterSeconds"/],
    [{ logger: {} }, /"logger"/],
    [{ onDenied: 'yes' }, /"onDenied"/],
    [{ verifyTokenAudience: 'true' }, /"verifyTokenAudience"/],
  ])('refuses the option %j at construction', (extra, message) => {
    expect(() => guard(extra)).toThrow(TypeError);
    expect(() => guard(extra)).toThrow(message);
  });

  it.each([
    ['a realm resolver', { realm: (): string => 'shop' }],
    ['an issuer allow-list', { realm: undefined, allowedIssuers: ['http://kc.example.com/realms/shop'] }],
  ])(
    'refuses a symmetric or unknown algorithm at construction with %s, where verifiers are built per realm later',
    (_name, extra) => {
      for (const alg of ['HS256', 'none', 'RS257']) {
        expect(() => guard({ ...extra, algorithms: [alg] })).toThrow(
          new TypeError(`"algorithms" may not contain "${alg}"`),
        );
      }
      expect(() => guard({ ...extra, algorithms: ['RS256', 'ES256'] })).not.toThrow();
    },
  );

  it('checks the audience against the client id when verifyTokenAudience is on', async () => {
    const strict = guard({ verifyTokenAudience: true, clientId: 'web' });
    const refused = await guardError(strict.protect()({ rawHeaders: ['authorization', `Bearer ${alice}`] }));
    expect(refused.reason).toBe('audience_mismatch');
    // The one refusal whose fix is in Keycloak's set-up: the description says what to change.
    expect(refused.errorDescription).toBe(
      "The access token audience (aud) does not contain web; add an Audience mapper for web to a client scope of the calling client, or set the guard's tokenAudience option",
    );
    const matching = guard({ verifyTokenAudience: true });
    expect((await matching.protect()({ rawHeaders: ['authorization', `Bearer ${alice}`] })).realm).toBe('shop');
  });

  it('shares one admin client, the service account of the configured client, across requests', async () => {
    const g = guard({ clientSecret: 'orders-secret' });
    const check = g.protect();
    const first = await check({ rawHeaders: ['authorization', `Bearer ${alice}`] });
    const second = await check({ rawHeaders: ['authorization', `Bearer ${alice}`] });
    expect(first.admin).toBe(second.admin);
    expect(first.admin).toBe(g.admin);
    const users = await first.admin.getUsers({ briefRepresentation: true });
    expect(users.map((user) => user.username).sort()).toEqual(['alice', 'bob']); // Keycloak leaves service accounts out of user lists
  });

  it("sends the admin client's calls through the guard's dispatcher", async () => {
    class CountingAgent extends Agent {
      calls = 0;
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        this.calls++;
        return super.dispatch(options, handler);
      }
    }
    const dispatcher = new CountingAgent();
    try {
      const g = guard({ clientSecret: 'orders-secret', dispatcher });
      const before = dispatcher.calls;
      await g.admin.getUsers({ briefRepresentation: true });
      expect(dispatcher.calls - before).toBeGreaterThanOrEqual(2); // the service account's token, then the users
      await g.close();
    } finally {
      await dispatcher.close();
    }
  });

  it.each([
    [
      { verifyTokenAudience: false, tokenAudience: 'web' },
      /"tokenAudience" cannot be used with "verifyTokenAudience: false"/,
    ],
    [{ verifyTokenAudience: 'no' }, /"verifyTokenAudience" must be a boolean/],
  ])('refuses the audience options %j at construction', (extra, message) => {
    expect(() => guard(extra)).toThrow(message);
  });

  it('lets any audience through with verifyTokenAudience: false, and warns once that it does', async () => {
    const warnings: string[] = [];
    const fields: object[] = [];
    const logger = {
      debug: () => undefined,
      error: () => undefined,
      warn: (obj: object, msg: string) => {
        fields.push(obj);
        warnings.push(msg);
      },
    };
    const open = guard({ verifyTokenAudience: false, clientId: 'someone-else', logger });
    expect((await open.protect()({ rawHeaders: ['authorization', `Bearer ${alice}`] })).realm).toBe('shop');
    expect(warnings).toEqual([
      'keycloak guard does not check the token audience: tokens issued to any client of the realm are accepted',
    ]);
    expect(fields).toEqual([{ clientId: 'someone-else', verifyTokenAudience: false }]);
    guard({ logger });
    expect(warnings).toHaveLength(1);
    expect(() => guard({ verifyTokenAudience: false })).not.toThrow(); // no logger: no line, no failure
  });

  it('names every accepted audience in the refusal, and the first in the fix', async () => {
    const strict = guard({ tokenAudience: ['ledger', 'vault'] });
    const refused = await guardError(strict.protect()({ rawHeaders: ['authorization', `Bearer ${alice}`] }));
    expect(refused.errorDescription).toBe(
      "The access token audience (aud) does not contain ledger or vault; add an Audience mapper for ledger to a client scope of the calling client, or set the guard's tokenAudience option",
    );
  });

  it('has no admin client without credentials, and says so with a typed error', async () => {
    const context = await guard().protect()({ rawHeaders: ['authorization', `Bearer ${alice}`] });
    expect(() => context.admin).toThrow(expect.objectContaining({ code: 'ERR_OPERATION' }));
    expect(() => guard({ clientSecret: 'orders-secret', admin: false }).admin).toThrow(
      expect.objectContaining({ code: 'ERR_OPERATION' }),
    );
  });

  it('uses admin user credentials given in options instead of the service account', async () => {
    const g = guard({ admin: { username: 'admin', password: 'admin', userRealmName: 'master' } });
    const context = await g.protect()({ rawHeaders: ['authorization', `Bearer ${alice}`] });
    expect(context.admin).toBe(g.admin);
    expect(context.admin.getCurrentRealm()).toBe('shop');
    expect((await context.admin.getUsers({ briefRepresentation: true })).map((user) => user.username).sort()).toEqual([
      'alice',
      'bob',
    ]);
  });

  it.each([
    [{ username: 42, password: 'x' }, /"admin": username must be a non-empty string/],
    [{ username: 'admin' }, /"admin": username and password/],
    [{ secret: 'typo' }, /"admin.secret" is not an option of the Keycloak guard/],
    [{ clientSecretKey: '' }, /"admin": clientSecretKey must be a non-empty string/],
    ['yes', /"admin" must be an object or false/],
  ])('refuses the admin option %j at construction, not on first use', (admin, message) => {
    expect(() => guard({ clientSecret: 'orders-secret', admin })).toThrow(TypeError);
    expect(() => guard({ clientSecret: 'orders-secret', admin })).toThrow(message);
  });

  it.each([
    ['null', null],
    ['nothing', undefined],
    ['no query reader', { rawHeaders: source.rawHeaders }],
    ['no header reader', { query: source.query }],
    ['a header reader that is no function', { rawHeaders: [], query: source.query }],
  ])('refuses a request source with %s at construction', (_name, given) => {
    const build = () =>
      new KeycloakGuard<PlainRequest>(
        { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' },
        given as unknown as RequestSource<PlainRequest>,
      );
    expect(build).toThrow(new TypeError('"source" must have rawHeaders(request) and query(request, name) functions'));
  });

  it('says which realm and client it guards', () => {
    const fixed = guard();
    expect([fixed.realm, fixed.clientId]).toEqual(['shop', 'orders-api']);
    const resolved = guard({ realm: (request: PlainRequest) => request.realm ?? 'shop', clientId: 'web' });
    expect([resolved.realm, resolved.clientId]).toEqual([undefined, 'web']);
  });

  it('refuses a token signed by the realm but without iat, as the verifier requires it', async () => {
    const { iat: _iat, ...claims } = claimsOf(alice);
    const token = signWith(await realmKey(shop.server, 'shop'), claims);
    const error = await guardError(guard().protect()({ rawHeaders: ['authorization', `Bearer ${token}`] }));
    expect({ status: error.status, reason: error.reason }).toEqual({ status: 401, reason: 'missing_claim' });
    expect((await guard().protect()({ rawHeaders: ['authorization', `Bearer ${alice}`] })).realm).toBe('shop');
  });

  it('forwards an exception of the request source untouched: a bug of the adapter is no refusal', async () => {
    const boom = new TypeError('rawHeaders is not iterable');
    const failing = new KeycloakGuard<PlainRequest>(
      { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' },
      {
        ...source,
        rawHeaders: () => {
          throw boom;
        },
      },
    );
    expect(() => failing.protectInline()({ rawHeaders: [] })).toThrow(boom);
  });

  it('forwards an exception thrown by a predicate untouched', async () => {
    const boom = new RangeError('boom');
    const check = guard().protect(() => {
      throw boom;
    });
    await expect(check({ rawHeaders: ['authorization', `Bearer ${alice}`] })).rejects.toBe(boom);
  });
});

describe('interpolateEnv', () => {
  it('replaces references by the variable, its fallback, or nothing', () => {
    const env = { HOST: 'kc.example.com', EMPTY: '' };
    expect(interpolateEnv('${env.HOST}', env)).toBe('kc.example.com');
    expect(interpolateEnv('https://${env.HOST:localhost}/', env)).toBe('https://kc.example.com/');
    expect(interpolateEnv('${env.EMPTY:fallback}', env)).toBe('fallback');
    expect(interpolateEnv('${env.MISSING:http://localhost:8080}', env)).toBe('http://localhost:8080');
    expect(interpolateEnv('${env.MISSING}', env)).toBe('');
    expect(interpolateEnv('plain', env)).toBe('plain');
  });
});
