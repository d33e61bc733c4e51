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
        clientId: NO_SERVICE_ACCOUNT.clientId,
        secret: NO_SERVICE_ACCOUNT.secret,
        publicClient: false,
        serviceAccountsEnabled: false,
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
