import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { KeycloakGuardOptions, ProtectSpec } from '@keycloak-ts/core';
import { Keycloak, type KeycloakExpressOptions } from '@keycloak-ts/express';
import { keycloakPlugin, type KeycloakPluginOptions } from '@keycloak-ts/fastify';
import express, { type Express, type Request, type Response } from 'express';
import express4 from 'express4';
import Fastify, { type FastifyRequest } from 'fastify';

/** A route of a guarded app: `spec` as given to `protect()`. */
export interface SecurityRoute {
  path: string;
  spec?: ProtectSpec<never>;
  /** Methods the route answers; default GET. */
  methods?: ReadonlyArray<'GET' | 'POST'>;
}

/** One adapter's app listening on 127.0.0.1, port 0. */
export interface ListeningApp {
  adapter: 'express 5' | 'express 4' | 'fastify';
  /** `http://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
}

/** Extra settings of the apps under attack. */
export interface AppSettings {
  /**
   * Fastify's logger stream (pino); undefined keeps Fastify's logger off. Fastify's own request lines
   * are off: they log the URL, query string included, which is outside the guard's reach.
   */
  fastifyLogStream?: { write(line: string): void };
  /** Sees every error on its way to the adapter's error answer (the guard's refusals among them). */
  onError?: (error: unknown) => void;
}

export const ADAPTERS: ReadonlyArray<ListeningApp['adapter']> = ['express 5', 'express 4', 'fastify'];

/** Starts the routes behind one adapter's guard, on a real HTTP server. Protected routes answer `{ user }`. */
export async function startApp(
  adapter: ListeningApp['adapter'],
  options: KeycloakGuardOptions<never>,
  routes: SecurityRoute[],
  settings: AppSettings = {},
): Promise<ListeningApp> {
  if (adapter === 'fastify') return startFastify(options, routes, settings);
  const app = adapter === 'express 5' ? express() : (express4() as unknown as Express);
  // An app that watches errors takes them through next(err) and the error handler; the others are answered by
  // the middleware itself (the default).
  const keycloak = new Keycloak({
    ...(options as KeycloakExpressOptions),
    refusals: settings.onError === undefined ? 'respond' : 'next',
  });
  app.use(express.json());
  for (const route of routes) {
    const guard = keycloak.protect(route.spec as ProtectSpec<Request>);
    const answer = (req: Request, res: Response): void =>
      void res.json({ user: req.keycloak!.token.preferred_username ?? null });
    for (const method of route.methods ?? ['GET']) app[method === 'GET' ? 'get' : 'post'](route.path, guard, answer);
  }
  const { onError } = settings;
  if (onError !== undefined)
    app.use((error: unknown, _req: Request, _res: Response, next: (error: unknown) => void) => {
      onError(error);
      next(error);
    });
  app.use(keycloak.errorHandler());
  const server = await new Promise<Server>((resolve) => {
    const listening: Server = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    adapter,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => closeServer(server),
  };
}

async function startFastify(
  options: KeycloakGuardOptions<never>,
  routes: SecurityRoute[],
  settings: AppSettings,
): Promise<ListeningApp> {
  const app = Fastify(
    settings.fastifyLogStream === undefined
      ? {}
      : { logger: { level: 'trace', stream: settings.fastifyLogStream }, disableRequestLogging: true },
  );
  // Attacks run at request time, some against a misconfigured guard: the startup check would stop those apps.
  await app.register(keycloakPlugin, { startupCheck: 'off', ...options } as KeycloakPluginOptions);
  const { onError } = settings;
  if (onError !== undefined) app.addHook('onError', async (_request, _reply, error) => onError(error));
  for (const route of routes) {
    app.route({
      method: [...(route.methods ?? ['GET'])],
      url: route.path,
      preHandler: app.keycloak.protect(route.spec as ProtectSpec<FastifyRequest>),
      handler: async (request) => ({ user: request.keycloak!.token.preferred_username ?? null }),
    });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    adapter: 'fastify',
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: () => app.close(),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
