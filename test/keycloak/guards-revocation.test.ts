import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Keycloak } from '@keycloak-ts/express';
import { keycloakPlugin } from '@keycloak-ts/fastify';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

// Sessions ended in Keycloak reach our guards end to end: Keycloak posts the back-channel logout to the API (the
// front-end client's backchannel.logout.url) and the admin actions to its admin URL, and the guard refuses the
// tokens they revoke. Each adapter serves on a real socket that Keycloak calls.

const ADAPTERS = ['express', 'fastify'] as const;
type Adapter = (typeof ADAPTERS)[number];
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let target: KeycloakTarget;
let realm: string;
const servers = new Map<Adapter, { server: Server; url: string; handler?: Handler; close?: () => Promise<void> }>();

async function listen(): Promise<{ server: Server; url: string }> {
  const entry: { handler?: Handler } = {};
  const server = createServer((req, res) => entry.handler?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(entry, { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

const audience = (api: string) => ({
  name: `${api} audience`,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-audience-mapper',
  config: { 'included.client.audience': api, 'access.token.claim': 'true' },
});

beforeAll(async () => {
  for (const adapter of ADAPTERS) servers.set(adapter, await listen());
  target = await openTarget();
  realm = await target.createRealm('guards-revocation', {
    users: [
      {
        username: 'alice',
        enabled: true,
        email: 'alice@example.com',
        firstName: 'Alice',
        lastName: 'Liddell',
        credentials: [{ type: 'password', value: 'alice' }],
      },
    ],
    clients: ADAPTERS.flatMap((adapter) => [
      {
        clientId: `web-${adapter}`,
        publicClient: true,
        directAccessGrantsEnabled: true,
        attributes: {
          'backchannel.logout.url': `${servers.get(adapter)?.url}/backchannel-logout`,
          'backchannel.logout.session.required': 'true',
        },
        protocolMappers: [audience(`api-${adapter}`)],
      },
      { clientId: `api-${adapter}`, secret: 's3cret', adminUrl: servers.get(adapter)?.url },
    ]),
  });
  for (const adapter of ADAPTERS) {
    const entry = servers.get(adapter) as { handler?: Handler; close?: () => Promise<void> };
    const options = {
      serverUrl: target.url,
      realm,
      clientId: `api-${adapter}`,
      verifyTokenAudience: true,
      revocation: { logoutTokenAudiences: [`web-${adapter}`] },
    };
    if (adapter === 'express') {
      const keycloak = new Keycloak(options);
      const app = express();
      app.use(keycloak.middleware());
      app.get('/me', keycloak.protect(), (req, res) => void res.json({ sub: req.keycloak?.token.sub }));
      entry.handler = app;
      entry.close = () => keycloak.close();
    } else {
      let handler: Handler | undefined;
      const app: FastifyInstance = Fastify({
        serverFactory: (fastifyHandler) => {
          handler = fastifyHandler;
          return createServer();
        },
      });
      await app.register(keycloakPlugin, options);
      app.get('/me', { preHandler: app.keycloak.protect() }, async (req) => ({ sub: req.keycloak?.token.sub }));
      await app.ready();
      entry.handler = handler;
      entry.close = () => app.close();
    }
  }
});
afterAll(async () => {
  try {
    await target?.close();
  } finally {
    for (const { server, close } of servers.values()) {
      await close?.();
      await new Promise((resolve) => server.close(resolve));
    }
  }
});

async function login(adapter: Adapter): Promise<{ access: string; refresh: string }> {
  const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
    form: { grant_type: 'password', client_id: `web-${adapter}`, username: 'alice', password: 'alice' },
  });
  const body = answer.json as { access_token: string; refresh_token: string };
  return { access: body.access_token, refresh: body.refresh_token };
}

async function me(adapter: Adapter, token: string): Promise<{ status: number; challenge: string | null }> {
  const answer = await fetch(`${servers.get(adapter)?.url}/me`, { headers: { authorization: `Bearer ${token}` } });
  await answer.arrayBuffer();
  return { status: answer.status, challenge: answer.headers.get('www-authenticate') };
}

const iatOf = (token: string): number =>
  (JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as { iat: number }).iat;

describe.each(ADAPTERS)(`%s: sessions ended in Keycloak (${targetKind})`, (adapter) => {
  it('refuses the token of a session ended with a refresh-token logout: Keycloak told the API over the back channel', async () => {
    const ending = await login(adapter);
    const staying = await login(adapter);
    expect(await me(adapter, ending.access)).toEqual({ status: 200, challenge: null });
    const logout = await target.request('POST', `/realms/${realm}/protocol/openid-connect/logout`, {
      form: { client_id: `web-${adapter}`, refresh_token: ending.refresh },
    });
    expect(logout.status).toBe(204);
    expect(await me(adapter, ending.access)).toEqual({
      status: 401,
      challenge: `Bearer realm="${realm}", error="invalid_token", error_description="The session of the access token has ended"`,
    });
    expect((await me(adapter, staying.access)).status).toBe(200);
  });
});

describe(`the realm's not-before reaches every API at its admin URL (${targetKind})`, () => {
  it('push-revocation sends k_push_not_before, after which older tokens are refused', async () => {
    const tokens = { express: await login('express'), fastify: await login('fastify') };
    const notBefore = Math.max(iatOf(tokens.express.access), iatOf(tokens.fastify.access)) + 1;
    const updated = await target.request('PUT', `/admin/realms/${realm}`, { token: 'admin', json: { notBefore } });
    expect(updated.status).toBe(204);
    const pushed = await target.request('POST', `/admin/realms/${realm}/push-revocation`, { token: 'admin' });
    expect(pushed.status).toBe(200);
    expect((pushed.json as { successRequests: string[] }).successRequests.sort()).toEqual(
      ADAPTERS.map((adapter) => servers.get(adapter)?.url).sort(),
    );
    for (const adapter of ADAPTERS)
      expect(await me(adapter, tokens[adapter].access)).toEqual({
        status: 401,
        challenge: `Bearer realm="${realm}", error="invalid_token", error_description="The session of the access token has ended"`,
      });
  });

  it('logout-all sends k_logout with the new not-before, after which older tokens are refused', async () => {
    await new Promise((wake) => setTimeout(wake, 1_100)); // past the not-before of the previous scenario
    const tokens = { express: await login('express'), fastify: await login('fastify') };
    for (const adapter of ADAPTERS) expect((await me(adapter, tokens[adapter].access)).status).toBe(200);
    await new Promise((wake) => setTimeout(wake, 1_100)); // logout-all's not-before (now) passes the tokens' iat
    const answer = await target.request('POST', `/admin/realms/${realm}/logout-all`, { token: 'admin' });
    expect(answer.status).toBe(200);
    for (const adapter of ADAPTERS) expect((await me(adapter, tokens[adapter].access)).status).toBe(401);
  });
});
