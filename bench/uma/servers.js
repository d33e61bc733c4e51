// The processes of bench/uma.js, each started in its own child by ../lib/child.js: the Keycloak test
// server with a resource server (which also mints the tokens every round sends), and the same
// GET /orders route served unprotected, behind protect('orders:read') and behind a policy enforcer that
// asks the same permission, on Express and on Fastify.
// All listen on 127.0.0.1, port 0.
import { Keycloak } from '@keycloak-ts/express';
import { startKeycloak } from '@keycloak-ts/testing';
import { listenExpress, listenFastify } from '../guards/servers.js';
import { ENFORCER, REALM } from './realm.js';

async function keycloak() {
  const server = await startKeycloak({ realms: [REALM] });
  // Long-lived, so no round sees it expire; fetched once, every request of the run sends it.
  server.model.realm('bench').tokens.accessTokenLifespan = 3600;
  const token = async (user) => {
    const response = await fetch(`${server.url}/realms/bench/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'web', username: user, password: user }),
      signal: AbortSignal.timeout(5000),
    });
    if (response.status !== 200) throw new Error(`token request answered ${response.status}`);
    return (await response.json()).access_token;
  };
  return { url: server.url, token: await token('alice'), deniedToken: await token('bob') };
}

const handler = (_req, res) => res.json({ ok: true });

/** The servers this module can start, by name; `config.keycloakUrl` comes from the `keycloak` one. */
const SERVERS = {
  keycloak,
  'express unprotected': () => listenExpress((app) => app.get('/orders', handler)),
  "express protect('orders:read')": (ours) =>
    listenExpress((app) => app.get('/orders', new Keycloak(ours).protect('orders:read'), handler)),
  'express protect({ config })': (ours) =>
    listenExpress((app) => app.get('/orders', new Keycloak(ours).protect({ config: ENFORCER }), handler)),
  'fastify unprotected': (ours) => listenFastify(ours, undefined),
  "fastify protect('orders:read')": (ours) =>
    listenFastify(ours, (app) => ({ preHandler: app.keycloak.protect('orders:read') })),
  'fastify protect({ config })': (ours) =>
    listenFastify(ours, (app) => ({ preHandler: app.keycloak.protect({ config: ENFORCER }) })),
};

/** Called by the child entry: starts server `name`. */
export function start(name, config) {
  const server = SERVERS[name];
  if (server === undefined) throw new Error(`unknown bench server ${name}`);
  // The decision cache outlives the run (the token does too), so every measured request is a warm hit.
  return server({
    serverUrl: config.keycloakUrl,
    realm: 'bench',
    clientId: 'orders-api',
    authorization: { cacheMaxAge: 3_600_000 },
  });
}
