import { createServer } from 'node:net';
import { KeycloakConfigError, KeycloakGuard, type KeycloakGuardOptions, type RequestSource } from '@keycloak-ts/core';
import { Keycloak } from '@keycloak-ts/express';
import { keycloakPlugin } from '@keycloak-ts/fastify';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

// The startup check (KeycloakGuard.ready, Express's keycloak.ready(), Fastify's onReady) against each target:
// what Keycloak answers to a misspelled realm, a UMA audience that is no resource server, and an unreachable URL.

let target: KeycloakTarget;
let realm: string;
let closedPort: number;

const RESOURCE_SERVER = { clientId: 'startup-api', secret: 'startup-secret' } as const;
const PLAIN = { clientId: 'plain-api', secret: 'plain-secret' } as const;
const NO_SERVICE_ACCOUNT = { clientId: 'no-sa-api', secret: 'no-sa-secret' } as const;
const LOGIN = 'startup-login';

const source: RequestSource<unknown> = { rawHeaders: () => [], query: () => undefined };
const guards: KeycloakGuard<unknown>[] = [];
function guard(options: Partial<KeycloakGuardOptions<unknown>>, uma = false): KeycloakGuard<unknown> {
  const made = new KeycloakGuard<unknown>(
    {
      serverUrl: target.url,
      realm,
      clientId: RESOURCE_SERVER.clientId,
      clientSecret: RESOURCE_SERVER.secret,
      ...options,
    },
    source,
  );
  if (uma) made.protect('orders:read');
  guards.push(made);
  return made;
}

async function refusal(pending: PromiseLike<unknown>): Promise<KeycloakConfigError> {
  const error = await Promise.resolve(pending).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(KeycloakConfigError);
  return error as KeycloakConfigError;
}

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('guards-startup', {
    enabled: true,
    clients: [
      {
        clientId: RESOURCE_SERVER.clientId,
        secret: RESOURCE_SERVER.secret,
        publicClient: false,
        serviceAccountsEnabled: true,
        authorizationServicesEnabled: true,
      },
      { clientId: PLAIN.clientId, secret: PLAIN.secret, publicClient: false, serviceAccountsEnabled: true },
      {
        clientId: LOGIN,
        publicClient: true,
        directAccessGrantsEnabled: true,
        // The guards check `aud`: tokens name both APIs, as an Audience mapper makes Keycloak write them.
        protocolMappers: [RESOURCE_SERVER.clientId, PLAIN.clientId].map((audience) => ({
          name: `audience ${audience}`,
          protocol: 'openid-connect',
          protocolMapper: 'oidc-audience-mapper',
          config: { 'included.client.audience': audience, 'access.token.claim': 'true' },
        })),
      },
      {
        clientId: NO_SERVICE_ACCOUNT.clientId,
        secret: NO_SERVICE_ACCOUNT.secret,
        publicClient: false,
        serviceAccountsEnabled: false,
      },
    ],
    users: [
      {
        username: 'marta',
        enabled: true,
        email: 'marta@example.com',
        firstName: 'Marta',
        lastName: 'M',
        credentials: [{ type: 'password', value: 'password', temporary: false }],
      },
    ],
  });
  // A port nothing listens on: the address of a Keycloak that is down.
  closedPort = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
});
afterAll(async () => {
  await Promise.all(guards.map((made) => made.close()));
  await target.close();
});

describe(`KeycloakGuard.ready() (${targetKind})`, () => {
  it('resolves for a realm that exists, naming what it checked and nothing unchecked', async () => {
    const readiness = await guard({}).ready();
    expect(readiness).toEqual({ checked: [`realm "${realm}": discovery and keys (JWKS)`], unchecked: [] });
  });

  it('checks the resource server of the UMA routes declared before it, by a UMA grant with the client credentials', async () => {
    const readiness = await guard({}, true).ready();
    expect(readiness.checked).toEqual([
      `realm "${realm}": discovery and keys (JWKS)`,
      `resource server "${RESOURCE_SERVER.clientId}" of realm "${realm}": answers UMA grants`,
    ]);
  });

  it('rejects a misspelled realm with ERR_KEYCLOAK_CONFIG naming the "realm" option', async () => {
    const error = await refusal(guard({ realm: `${realm}x` }).ready());
    expect(error).toMatchObject({
      code: 'ERR_KEYCLOAK_CONFIG',
      problem: 'realm_not_found',
      option: 'realm',
      realm: `${realm}x`,
      status: 404,
      body: { error: 'Realm does not exist' },
      unreachable: false,
    });
    expect(error.message).toBe(`Keycloak says realm "${realm}x" does not exist: check the "realm" option`);
  });

  it('rejects a serverUrl that is not Keycloak base URL (an /auth prefix) naming "serverUrl"', async () => {
    const error = await refusal(guard({ serverUrl: `${target.url}/auth` }).ready());
    expect(error).toMatchObject({
      code: 'ERR_KEYCLOAK_CONFIG',
      problem: 'realm_not_found',
      option: 'serverUrl',
      status: 404,
    });
  });

  it('rejects a UMA route whose client is not a resource server, naming "authorization.audience"', async () => {
    const error = await refusal(guard({ clientId: PLAIN.clientId, clientSecret: PLAIN.secret }, true).ready());
    expect(error).toMatchObject({
      code: 'ERR_KEYCLOAK_CONFIG',
      problem: 'resource_server_not_found',
      option: 'authorization.audience',
      clientId: PLAIN.clientId,
      status: 400,
      body: { error: 'invalid_request', error_description: 'Client does not support permissions' },
    });
    expect(error.message).toBe(
      `Keycloak says client "${PLAIN.clientId}" of realm "${realm}" is not a resource server: turn its "Authorization" on, or fix "authorization.audience" (default "clientId")`,
    );
  });

  it('rejects a UMA audience that names no client of the realm', async () => {
    const error = await refusal(guard({ authorization: { audience: 'no-such-api' } }, true).ready());
    expect(error).toMatchObject({
      problem: 'resource_server_not_found',
      option: 'authorization.audience',
      clientId: 'no-such-api',
      body: { error: 'invalid_request', error_description: 'Unknown resource server id: [no-such-api]' },
    });
  });

  it('rejects a wrong client secret on a UMA route naming "clientSecret", never the secret', async () => {
    const error = await refusal(guard({ clientSecret: 'not-the-secret' }, true).ready());
    expect(error).toMatchObject({
      code: 'ERR_KEYCLOAK_CONFIG',
      problem: 'client_rejected',
      option: 'clientSecret',
      status: 401,
      body: { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' },
    });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('not-the-secret');
  });

  it('rejects wrong credentials under introspection with client_rejected', async () => {
    const error = await refusal(guard({ validation: 'introspect', clientSecret: 'not-the-secret' }).ready());
    expect(error).toMatchObject({
      problem: 'client_rejected',
      option: 'clientSecret',
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client authentication failed.' },
    });
  });

  it('says what it could not check: a UMA route without a secret, a client without a service account', async () => {
    const noSecret = await guard({ clientSecret: undefined }, true).ready();
    expect(noSecret.unchecked).toEqual([
      `resource server "${RESOURCE_SERVER.clientId}" of realm "${realm}": checking it needs the client's "clientSecret" (and a service account)`,
    ]);
    const noAccount = await guard(
      {
        clientId: NO_SERVICE_ACCOUNT.clientId,
        clientSecret: NO_SERVICE_ACCOUNT.secret,
        authorization: { audience: RESOURCE_SERVER.clientId },
      },
      true,
    ).ready();
    expect(noAccount.unchecked).toEqual([
      `resource server "${RESOURCE_SERVER.clientId}" of realm "${realm}": Keycloak would not let client "${NO_SERVICE_ACCOUNT.clientId}" ask (unauthorized_client: Client not enabled to retrieve service account)`,
    ]);
  });

  it('with a realm resolver checks the allowed issuers only, and says realms are checked per request', async () => {
    const resolved = await guard({ realm: () => realm }).ready();
    expect(resolved).toEqual({
      checked: [],
      unchecked: [
        `realms come from the "realm" resolver, one per request: each is checked on its first request (${target.url})`,
      ],
    });
    const issuers = guard({
      realm: undefined,
      allowedIssuers: [`${target.url}/realms/${realm}`, `${target.url}/realms/${realm}-gone`],
    });
    const error = await refusal(issuers.ready());
    expect(error).toMatchObject({ problem: 'realm_not_found', option: 'allowedIssuers', realm: `${realm}-gone` });
  });

  it('tells an unreachable Keycloak apart: ERR_KEYCLOAK_UNREACHABLE naming "serverUrl", with the cause', async () => {
    const error = await refusal(guard({ serverUrl: `http://127.0.0.1:${closedPort}` }).ready());
    expect(error).toMatchObject({
      code: 'ERR_KEYCLOAK_UNREACHABLE',
      problem: 'keycloak_unreachable',
      option: 'serverUrl',
      unreachable: true,
      cause: expect.objectContaining({ code: 'ERR_CONNECTION' }),
    });
    expect(error.message).toBe(
      `Keycloak unreachable: asking for the discovery document of realm "${realm}" failed; check "serverUrl" and that Keycloak is up`,
    );
  });
});

describe(`the adapters' startup check (${targetKind})`, () => {
  it("Express: keycloak.ready() rejects with the guard's KeycloakConfigError", async () => {
    const keycloak = new Keycloak({ serverUrl: target.url, realm: `${realm}x`, clientId: RESOURCE_SERVER.clientId });
    try {
      const error = await refusal(keycloak.ready());
      expect(error.problem).toBe('realm_not_found');
    } finally {
      await keycloak.close();
    }
  });

  it('Fastify: a misconfiguration fails app.ready() by default, and only logs with startupCheck "warn"', async () => {
    const options = { serverUrl: target.url, realm: `${realm}x`, clientId: RESOURCE_SERVER.clientId };
    const failing = Fastify();
    await failing.register(keycloakPlugin, options);
    const error = await refusal(failing.ready());
    expect(error).toMatchObject({ problem: 'realm_not_found', option: 'realm' });
    await failing.close();

    const lines: Array<{ level: string; obj: Record<string, unknown>; msg: string }> = [];
    const logger = {
      debug: (obj: Record<string, unknown>, msg: string) => lines.push({ level: 'debug', obj, msg }),
      warn: (obj: Record<string, unknown>, msg: string) => lines.push({ level: 'warn', obj, msg }),
      error: (obj: Record<string, unknown>, msg: string) => lines.push({ level: 'error', obj, msg }),
    };
    const warning = Fastify();
    await warning.register(keycloakPlugin, { ...options, startupCheck: 'warn', logger });
    await warning.ready();
    expect(lines).toEqual([
      {
        level: 'error',
        obj: { code: 'ERR_KEYCLOAK_CONFIG', problem: 'realm_not_found', option: 'realm', realm: `${realm}x` },
        msg: `keycloak startup check: Keycloak says realm "${realm}x" does not exist: check the "realm" option`,
      },
    ]);
    await warning.close();
  });
});

describe(`the same misconfigurations at request time: 503 either way, the log tells them apart (${targetKind})`, () => {
  interface Line {
    level: string;
    obj: Record<string, unknown>;
    msg: string;
  }
  const capture = (lines: Line[]) => ({
    debug: (obj: Record<string, unknown>, msg: string) => void lines.push({ level: 'debug', obj, msg }),
    warn: (obj: Record<string, unknown>, msg: string) => void lines.push({ level: 'warn', obj, msg }),
    error: (obj: Record<string, unknown>, msg: string) => void lines.push({ level: 'error', obj, msg }),
  });
  const headers = (token: string) => ['Authorization', `Bearer ${token}`];
  const refusedWith = async (guarded: KeycloakGuard<unknown>, spec: string | undefined, token: string) => {
    const sourced = guarded as unknown as KeycloakGuard<string[]>;
    const error = await (spec === undefined ? sourced.protect() : sourced.protect(spec))(headers(token)).then(
      () => expect.unreachable('expected a refusal'),
      (failure: unknown) => failure as { status: number; reason: string; headers: Record<string, string> },
    );
    return error;
  };
  /** A token as the named realm would issue it: the issuer passes, so the guard asks for the realm's keys. */
  const tokenOf = (issuer: string): string => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: issuer, sub: 'x', aud: RESOURCE_SERVER.clientId, typ: 'Bearer', iat: now, exp: now + 300 };
    return `${part({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${part(claims)}.${'A'.repeat(342)}`;
  };
  const arrayGuard = (lines: Line[], options: Partial<KeycloakGuardOptions<unknown>>) => {
    const made = new KeycloakGuard<unknown>(
      {
        serverUrl: target.url,
        realm,
        clientId: RESOURCE_SERVER.clientId,
        logger: capture(lines),
        ...options,
      },
      { rawHeaders: (request) => request as string[], query: () => undefined },
    );
    guards.push(made);
    return made;
  };

  it('a misspelled realm: 503 realm_not_found and an error line naming the realm', async () => {
    const lines: Line[] = [];
    const wrong = `${realm}x`;
    const error = await refusedWith(
      arrayGuard(lines, { realm: wrong }),
      undefined,
      tokenOf(`${target.url}/realms/${wrong}`),
    );
    expect(error).toMatchObject({ status: 503, reason: 'realm_not_found', headers: { 'retry-after': '10' } });
    expect(lines.map(({ level, msg }) => ({ level, msg }))).toEqual([
      {
        level: 'error',
        msg: `Keycloak says realm "${wrong}" does not exist: check the guard's "serverUrl" and "realm" options`,
      },
    ]);
  });

  it('a UMA route whose client is not a resource server: 503 resource_server_not_found and an error line naming it', async () => {
    const lines: Line[] = [];
    const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
      form: { grant_type: 'password', client_id: LOGIN, username: 'marta', password: 'password' },
    });
    const token = (answer.json as { access_token: string }).access_token;
    const error = await refusedWith(
      arrayGuard(lines, { clientId: PLAIN.clientId, clientSecret: PLAIN.secret }),
      'orders:read',
      token,
    );
    expect(error).toMatchObject({ status: 503, reason: 'resource_server_not_found' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        obj: expect.objectContaining({ realm, clientId: PLAIN.clientId, audience: PLAIN.clientId }),
      }),
    ]);
  });

  it('an unreachable Keycloak: 503 keycloak_unreachable and a warn line with the cause', async () => {
    const lines: Line[] = [];
    const down = `http://127.0.0.1:${closedPort}`;
    const error = await refusedWith(
      arrayGuard(lines, { serverUrl: down }),
      undefined,
      tokenOf(`${down}/realms/${realm}`),
    );
    expect(error).toMatchObject({ status: 503, reason: 'keycloak_unreachable' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        obj: expect.objectContaining({
          reason: 'keycloak_unreachable',
          cause: expect.stringContaining('ECONNREFUSED'),
        }),
      }),
    ]);
  });
});
