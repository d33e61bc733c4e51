// One instance of an API protected by keycloak-ts, sharing decisions on Redis: what a user runs N times behind a
// load balancer. Plain JavaScript over the built packages, started as its own process by the scale-out suite.
// argv: express|fastify, Keycloak's URL, Redis's URL, `local` to share nothing (the benchmark's baseline), and
// `introspect` to validate tokens by introspection (answers then shared too) rather than locally.
// Prints {"url": ...} once listening; GET /cpu answers process.cpuUsage(); SIGTERM closes it. Revocation receivers
// (POST /backchannel-logout, /k_logout, /k_push_not_before) accept demo-web's back-channel logouts; GET /me is a
// route any valid, unrevoked token passes (also with DPoP, proofs naming https://api.example.test, the public URL).
import { TieredStore } from '@keycloak-ts/core';
import { Keycloak } from '@keycloak-ts/express';
import { keycloakPlugin } from '@keycloak-ts/fastify';
import { RedisStore } from '@keycloak-ts/redis';
import express from 'express';
import Fastify from 'fastify';
import { createClient } from 'redis';

const [kind, serverUrl, redisUrl, sharing = 'shared', validation = 'local'] = process.argv.slice(2);
const PUBLIC_URL = 'https://api.example.test';
const client = createClient({ url: redisUrl, socket: { reconnectStrategy: () => 100, connectTimeout: 500 } });
client.on('error', () => {});
await client.connect();
const log = (level) => (fields, msg) => process.stderr.write(`${JSON.stringify({ level, msg, ...fields })}\n`);
const store = new TieredStore({
  shared: new RedisStore({ client, prefix: 'scale-out:' }),
  operationTimeout: 250,
  retryDuration: 200,
  logger: { warn: log('warn'), info: log('info') },
});
const options = {
  serverUrl,
  realm: 'demo',
  clientId: 'demo-api',
  ...(validation === 'introspect' ? { validation, clientSecret: 'demo-api-secret' } : {}),
  store: sharing === 'local' ? undefined : store,
  admin: false,
  revocation: { logoutTokenAudiences: ['demo-web'] },
  // Behind a load balancer every instance answers at one public URL: DPoP proofs name it in `htu`.
  publicUrl: PUBLIC_URL,
};

let url;
let close;
if (kind === 'express') {
  const keycloak = new Keycloak(options);
  const app = express();
  app.use(keycloak.middleware());
  app.get('/me', keycloak.protect(), (req, res) => res.json({ instance: process.pid, sub: req.keycloak.token.sub }));
  app.get('/documents', keycloak.protect('documents:read'), (req, res) =>
    res.json({ instance: process.pid, granted: req.keycloak.permissions.length }),
  );
  app.get('/stats', (_req, res) => res.json(keycloak.stats.realms[0]?.decisions ?? {}));
  app.get('/cpu', (_req, res) => res.json(process.cpuUsage()));
  app.use(keycloak.errorHandler());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
  close = async () => {
    server.close();
    await keycloak.close();
  };
} else {
  const app = Fastify();
  await app.register(keycloakPlugin, options);
  app.get('/documents', { preHandler: app.keycloak.protect('documents:read') }, async (request) => ({
    instance: process.pid,
    granted: request.keycloak.permissions.length,
  }));
  app.get('/me', { preHandler: app.keycloak.protect() }, async (request) => ({
    instance: process.pid,
    sub: request.keycloak.token.sub,
  }));
  app.get('/stats', async () => app.keycloak.stats.realms[0]?.decisions ?? {});
  app.get('/cpu', async () => process.cpuUsage());
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  close = () => app.close();
}
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', async () => {
  await close();
  await store.close();
  await client.close();
  process.exit(0);
});
