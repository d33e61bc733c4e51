// Throughput of one route unprotected vs protect() vs protect({ roles }), on Express and on Fastify,
// and keycloak-connect (bearer-only, protect('realm:user')) on the same Express route and token.
// Run after `pnpm build`: node bench/guards.js. One run; variants alternate in rounds so machine noise
// hits them alike; ratios are printed (no pass/fail: machines are noisy).
// Targets: Fastify protected >= 0.85x unprotected, Express >= 0.95x, ours >= 2x keycloak-connect.
// Servers and autocannon share this process: absolute numbers are low, ratios are what to read.
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import express from 'express';
import Fastify from 'fastify';
import { Keycloak } from '@keycloak-ts/express';
import { keycloakPlugin } from '@keycloak-ts/fastify';
import { startKeycloak } from '@keycloak-ts/testing';

const require = createRequire(import.meta.url);
const KeycloakConnect = require('keycloak-connect');

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const keycloak = await startKeycloak({
  realms: [{
    realm: 'bench', enabled: true, roles: { realm: [{ name: 'user' }] },
    users: [{ username: 'alice', enabled: true, credentials: [{ type: 'password', value: 'alice' }], realmRoles: ['user'] }],
    clients: [{ clientId: 'web', publicClient: true, directAccessGrantsEnabled: true }, { clientId: 'orders-api', bearerOnly: true }],
  }],
});
// A long-lived token, so no round sees it expire.
keycloak.model.realm('bench').tokens.accessTokenLifespan = 3600;
const tokenResponse = await fetch(`${keycloak.url}/realms/bench/protocol/openid-connect/token`, {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'password', client_id: 'web', username: 'alice', password: 'alice' }),
});
const token = (await tokenResponse.json()).access_token;
const options = { serverUrl: keycloak.url, realm: 'bench', clientId: 'orders-api' };
const handler = (_req, res) => res.json({ ok: true });

async function listenExpress(mount) {
  const app = express();
  mount(app);
  const server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return { url: `http://127.0.0.1:${server.address().port}/orders`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

async function listenFastify(preHandler) {
  const app = Fastify();
  await app.register(keycloakPlugin, { ...options, logger: { debug() {} } });
  app.get('/orders', preHandler === undefined ? {} : { preHandler: preHandler(app) }, async () => ({ ok: true }));
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${base}/orders`, close: () => app.close() };
}

const ours = new Keycloak(options);
const connect = new KeycloakConnect({}, { realm: 'bench', 'auth-server-url': keycloak.url, resource: 'orders-api', 'bearer-only': true, 'ssl-required': 'none' });
const targets = {
  'express unprotected': () => listenExpress((app) => app.get('/orders', handler)),
  'express protect()': () => listenExpress((app) => app.get('/orders', ours.protect(), handler)),
  'express protect({ roles })': () => listenExpress((app) => app.get('/orders', ours.protect({ roles: ['realm:user'] }), handler)),
  'express keycloak-connect': () => listenExpress((app) => {
    app.use(connect.middleware());
    app.get('/orders', connect.protect('realm:user'), handler);
  }),
  'fastify unprotected': () => listenFastify(undefined),
  'fastify protect()': () => listenFastify((app) => app.keycloak.protect()),
  'fastify protect({ roles })': () => listenFastify((app) => app.keycloak.protect({ roles: ['realm:user'] })),
};

const servers = {};
for (const [name, start] of Object.entries(targets)) {
  servers[name] = await start();
  const check = await fetch(servers[name].url, { headers: { authorization: `Bearer ${token}` } });
  if (check.status !== 200) throw new Error(`${name} answered ${check.status}`);
}

// Warm-up: JIT, key and token caches, keep-alive pools; not counted.
for (const name of Object.keys(targets)) {
  await autocannon({ url: servers[name].url, connections: 10, duration: 1, headers: { authorization: `Bearer ${token}` } });
}

const totals = Object.fromEntries(Object.keys(targets).map((name) => [name, 0]));
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? Object.keys(targets) : Object.keys(targets).reverse();
  for (const name of order) {
    const result = await autocannon({ url: servers[name].url, connections: 10, duration: ROUND_MS / 1000, headers: { authorization: `Bearer ${token}` } });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    totals[name] += result.requests.total;
  }
}

const rate = (name) => totals[name] / ((ROUNDS * ROUND_MS) / 1000);
for (const name of Object.keys(targets)) console.log(`${name.padEnd(30)} ${rate(name).toFixed(0).padStart(8)} req/s`);
const ratio = (a, b, target) => console.log(`${a} / ${b}: ${(rate(a) / rate(b)).toFixed(2)}x (target >= ${target}x)`);
console.log('');
ratio('express protect()', 'express unprotected', 0.95);
ratio('express protect({ roles })', 'express unprotected', 0.95);
ratio('fastify protect()', 'fastify unprotected', 0.85);
ratio('fastify protect({ roles })', 'fastify unprotected', 0.85);
ratio('express protect({ roles })', 'express keycloak-connect', 2);

for (const server of Object.values(servers)) await server.close();
await keycloak.close();
