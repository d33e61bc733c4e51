// The processes of bench/guards.js, each started in its own child by ../lib/child.js: the Keycloak test
// server (which also mints the one token all rounds send) and the same GET /orders route served
// unprotected, behind our guards, and behind keycloak-connect. All listen on 127.0.0.1, port 0.
import { createRequire } from 'node:module';
import express from 'express';
import Fastify from 'fastify';
import { Keycloak, keycloakErrorHandler } from '@keycloak-ts/express';
import { keycloakPlugin } from '@keycloak-ts/fastify';
import { startKeycloak } from '@keycloak-ts/testing';

const require = createRequire(import.meta.url);

const REALM = {
  realm: 'bench',
  enabled: true,
  roles: { realm: [{ name: 'user' }] },
  users: [
    { username: 'alice', enabled: true, credentials: [{ type: 'password', value: 'alice' }], realmRoles: ['user'] },
  ],
  clients: [
    {
      clientId: 'web',
      publicClient: true,
      directAccessGrantsEnabled: true,
      // The guards check aud by default: web's tokens name the API, as a Keycloak admin's Audience mapper does.
      protocolMappers: [
        {
          name: 'orders-api audience',
          protocol: 'openid-connect',
          protocolMapper: 'oidc-audience-mapper',
          config: {
            'included.client.audience': 'orders-api',
            'access.token.claim': 'true',
            'introspection.token.claim': 'true',
          },
        },
      ],
    },
    { clientId: 'orders-api', bearerOnly: true },
  ],
};

async function keycloak() {
  const server = await startKeycloak({ realms: [REALM] });
  // Long-lived, so no round sees it expire; fetched once, every request of the run sends it.
  server.model.realm('bench').tokens.accessTokenLifespan = 3600;
  const response = await fetch(`${server.url}/realms/bench/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'web', username: 'alice', password: 'alice' }),
    signal: AbortSignal.timeout(5000),
  });
  if (response.status !== 200) throw new Error(`token request answered ${response.status}`);
  return { url: server.url, token: (await response.json()).access_token };
}

const handler = (_req, res) => res.json({ ok: true });

/** Serves GET /orders on Express as `mount` sets it up; shared with ../uma/servers.js. */
export async function listenExpress(mount) {
  const app = express();
  mount(app);
  // Answers refusals (the sanity check's anonymous request) without Express logging a stack.
  app.use(keycloakErrorHandler());
  const server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error) => (error ? reject(error) : resolve(listening)));
  });
  return { url: `http://127.0.0.1:${server.address().port}/orders` };
}

/** Serves GET /orders on Fastify behind keycloakPlugin(options); shared with ../uma/servers.js. */
export async function listenFastify(options, route) {
  const app = Fastify();
  await app.register(keycloakPlugin, options);
  app.get('/orders', route?.(app) ?? {}, async () => ({ ok: true }));
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${base}/orders` };
}

function keycloakConnect(keycloakUrl) {
  const KeycloakConnect = require('keycloak-connect');
  return new KeycloakConnect(
    {},
    {
      realm: 'bench',
      'auth-server-url': keycloakUrl,
      resource: 'orders-api',
      'bearer-only': true,
      'ssl-required': 'none',
    },
  );
}

/** The servers this module can start, by name; `config.keycloakUrl` comes from the `keycloak` one. */
const SERVERS = {
  keycloak,
  'express unprotected': () => listenExpress((app) => app.get('/orders', handler)),
  // The framework's own price of one more middleware / hook, to tell it from the guard's.
  'express no-op middleware': () => listenExpress((app) => app.get('/orders', (_req, _res, next) => next(), handler)),
  'express protect()': (ours) => listenExpress((app) => app.get('/orders', new Keycloak(ours).protect(), handler)),
  'express protect({ roles })': (ours) =>
    listenExpress((app) => app.get('/orders', new Keycloak(ours).protect({ roles: ['realm:user'] }), handler)),
  'express keycloak-connect': (ours) =>
    listenExpress((app) => {
      const connect = keycloakConnect(ours.serverUrl);
      app.use(connect.middleware());
      app.get('/orders', connect.protect('realm:user'), handler);
    }),
  'fastify unprotected': (ours) => listenFastify(ours, undefined),
  'fastify no-op preHandler': (ours) => listenFastify(ours, () => ({ preHandler: (_request, _reply, done) => done() })),
  'fastify protect()': (ours) => listenFastify(ours, (app) => ({ preHandler: app.keycloak.protect() })),
  'fastify protect({ roles })': (ours) =>
    listenFastify(ours, (app) => ({ preHandler: app.keycloak.protect({ roles: ['realm:user'] }) })),
};

/** Called by the child entry: starts server `name`. */
export function start(name, config) {
  const server = SERVERS[name];
  if (server === undefined) throw new Error(`unknown bench server ${name}`);
  return server({ serverUrl: config.keycloakUrl, realm: 'bench', clientId: 'orders-api' });
}
