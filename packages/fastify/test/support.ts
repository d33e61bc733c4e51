import { keycloakPlugin, type KeycloakPluginOptions, type ProtectSpec } from '@keycloak-ts/fastify';
import Fastify, { type FastifyRequest } from 'fastify';
import { describeContext, type AppFactory, type GuardApp } from '../../../test/support/guard/harness.js';

/** Mounts the harness routes on a Fastify app and calls it with inject(). */
export const fastifyFactory: AppFactory = async (options, routes) => {
  const app = Fastify();
  // The harness checks requests, outages included: the startup check has its own tests (guards-startup).
  await app.register(keycloakPlugin, { startupCheck: 'off', ...options } as KeycloakPluginOptions);
  for (const route of routes) {
    if (route.spec === 'public') {
      app.get(route.path, async () => ({ ok: true }));
      continue;
    }
    app.route({
      method: [...(route.methods ?? ['GET'])],
      url: route.path,
      preHandler: app.keycloak.protect(route.spec as ProtectSpec<FastifyRequest>),
      handler: async (request) => describeContext(request.keycloak ?? undefined, request.headers.authorization),
    });
  }
  await app.ready();
  const send: GuardApp['send'] = async (method, path, headers = []) => {
    const grouped: Record<string, string | string[]> = {};
    for (const [name, value] of headers) {
      const existing = grouped[name];
      grouped[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    const response = await app.inject({ method, url: path, headers: grouped });
    return {
      status: response.statusCode,
      headers: response.headers as Record<string, string>,
      body: response.json() as unknown,
    };
  };
  return { send, get: (path, headers) => send('GET', path, headers), close: () => app.close() };
};
