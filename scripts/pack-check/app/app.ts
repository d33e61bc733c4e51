// A user's app on the packed tarballs: Express and Fastify guards, the clients, the testing server.
import {
  KeycloakAdmin,
  KeycloakConfigError,
  KeycloakInvalidTokenError,
  KeycloakOpenID,
  TokenVerifier,
} from '@keycloak-ts/core';
import { Keycloak } from '@keycloak-ts/express';
import { keycloakPlugin } from '@keycloak-ts/fastify';
import { demoRealm, startKeycloak } from '@keycloak-ts/testing';
import express from 'express';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';

const kc = await startKeycloak({ realms: [demoRealm()] });
try {
  const openid = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'demo-web' });
  const tokens = await openid.token('alice', 'alice');
  const claims = await openid.decodeToken(tokens.access_token, { tokenType: 'Bearer' });
  if (claims.preferred_username !== 'alice') throw new Error('decodeToken did not give alice');

  const verifier = new TokenVerifier({ issuer: `${kc.url}/realms/demo` });
  await verifier.verify('not-a-token').then(
    () => {
      throw new Error('a bad token verified');
    },
    (error: unknown) => {
      if (!(error instanceof KeycloakInvalidTokenError)) throw error;
    },
  );

  const admin = new KeycloakAdmin({
    serverUrl: kc.url,
    username: 'admin',
    password: 'admin',
    realmName: 'demo',
    userRealmName: 'master',
  });
  const users = await admin.getUsers({ search: 'bob' });
  if (users[0]?.username !== 'bob') throw new Error('getUsers did not find bob');
  await admin.close();

  // Required options are required in the types: this never runs, it only has to fail to compile.
  const _missingClientId = () =>
    // @ts-expect-error clientId is required
    new Keycloak({ serverUrl: kc.url, realm: 'demo' });
  void _missingClientId;

  const misspelled = new Keycloak({ serverUrl: kc.url, realm: 'dmeo', clientId: 'demo-api' });
  await misspelled.ready().then(
    () => {
      throw new Error('ready() accepted a misspelled realm');
    },
    (error: unknown) => {
      if (!(error instanceof KeycloakConfigError) || error.code !== 'ERR_KEYCLOAK_CONFIG') throw error;
    },
  );
  await misspelled.close();

  const keycloak = new Keycloak({ serverUrl: kc.url, realm: 'demo', clientId: 'demo-api' });
  await keycloak.ready();
  const app = express();
  // protected(): req.keycloak is typed as set, no `!`.
  app.get(
    '/me',
    keycloak.protected((req, res) => {
      res.json({ user: req.keycloak.token.preferred_username });
    }),
  );
  app.get('/audit', keycloak.protect({ roles: ['realm:auditor'] }), (_req, res) => {
    res.json({});
  });
  app.use(keycloak.errorHandler());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const expressUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ok = await fetch(`${expressUrl}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  const anonymous = await fetch(`${expressUrl}/me`);
  if (ok.status !== 200 || anonymous.status !== 401)
    throw new Error(`express answered ${ok.status}/${anonymous.status}`);
  const audit = await fetch(`${expressUrl}/audit`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  if (audit.status !== 403 || !(audit.headers.get('www-authenticate') ?? '').includes('Missing roles: realm:auditor'))
    throw new Error(`a role refusal did not name the role: ${audit.status} ${audit.headers.get('www-authenticate')}`);
  server.close();
  await keycloak.close();

  const fastify = Fastify();
  await fastify.register(keycloakPlugin, { serverUrl: kc.url, realm: 'demo', clientId: 'demo-api' });
  fastify.get('/me', { preHandler: fastify.keycloak.protect({ roles: ['realm:admin'] }) }, async (request) => ({
    sub: request.keycloak!.token.sub,
  }));
  const viaFastify = await fastify.inject({ url: '/me', headers: { authorization: `Bearer ${tokens.access_token}` } });
  if (viaFastify.statusCode !== 200) throw new Error(`fastify answered ${viaFastify.statusCode}`);
  await fastify.close();
  console.log('esm: ok');
} finally {
  await kc.close();
}
