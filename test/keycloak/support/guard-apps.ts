import { Keycloak, type KeycloakExpressOptions } from '@keycloak-ts/express';
import { keycloakPlugin, type KeycloakPluginOptions } from '@keycloak-ts/fastify';
import type { ProtectSpec } from '@keycloak-ts/core';
import express, { type Request, type Response } from 'express';
import Fastify, { type FastifyRequest } from 'fastify';
import request from 'supertest';

/** One answer of an app under test. */
export interface AppReply {
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/** An app of one adapter whose every path is protected by one spec. */
export interface GuardedApp {
  send(method: string, path: string, token?: string): Promise<AppReply>;
  close(): Promise<void>;
}

export type AdapterName = 'express' | 'fastify';
export const ADAPTERS: readonly AdapterName[] = ['express', 'fastify'];

/** What a let-through request answers: who it was (or anonymous), and the permissions the guard granted. */
function body(context: { token: { preferred_username?: unknown }; permissions?: unknown } | null | undefined): unknown {
  if (context === undefined || context === null) return { anonymous: true };
  return {
    user: context.token.preferred_username,
    ...(context.permissions === undefined ? {} : { permissions: context.permissions }),
  };
}

function header(value: unknown): string | undefined {
  return value === undefined ? undefined : String(value);
}

/**
 * Builds an Express (supertest) or Fastify (inject) app protecting every path with `spec`, through the
 * adapter's default refusal answer.
 */
export async function guardedApp(
  adapter: AdapterName,
  options: KeycloakExpressOptions,
  spec: ProtectSpec<never>,
): Promise<GuardedApp> {
  if (adapter === 'express') {
    const keycloak = new Keycloak(options);
    const app = express();
    app.use(
      keycloak.protect(spec as ProtectSpec<Request>),
      (req: Request, res: Response) => void res.json(body(req.keycloak)),
    );
    app.use(keycloak.errorHandler());
    return {
      async send(method, path, token) {
        let call = request(app)[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch'](path).redirects(0);
        if (token !== undefined) call = call.set('authorization', `Bearer ${token}`);
        const response = await call;
        const headers = {
          location: header(response.headers['location']),
          'www-authenticate': header(response.headers['www-authenticate']),
          'retry-after': header(response.headers['retry-after']),
        };
        return { status: response.status, headers, body: response.body as unknown };
      },
      close: () => keycloak.close(),
    };
  }
  const app = Fastify();
  await app.register(keycloakPlugin, { ...options, logger: undefined } as KeycloakPluginOptions);
  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
    url: '/*',
    preHandler: app.keycloak.protect(spec as ProtectSpec<FastifyRequest>),
    handler: async (req) => body(req.keycloak),
  });
  await app.ready();
  return {
    async send(method, path, token) {
      const response = await app.inject({
        method: method as 'GET',
        url: path,
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      });
      const headers = {
        location: header(response.headers['location']),
        'www-authenticate': header(response.headers['www-authenticate']),
        'retry-after': header(response.headers['retry-after']),
      };
      return {
        status: response.statusCode,
        headers,
        body: response.body === '' ? undefined : (response.json() as unknown),
      };
    },
    close: () => app.close(),
  };
}
