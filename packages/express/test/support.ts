import { Keycloak, type KeycloakExpressOptions, type ProtectSpec } from '@keycloak-ts/express';
import type { Express, Request, Response } from 'express';
import request from 'supertest';
import { describeContext, type AppFactory, type GuardApp } from '../../../test/support/guard/harness.js';

/** Mounts the harness routes on an Express app made by `createApp` (Express 4 or 5) and calls it with supertest. */
export function expressFactory(createApp: () => Express): AppFactory {
  return async (options, routes) => {
    const keycloak = new Keycloak(options as KeycloakExpressOptions);
    const app = createApp();
    for (const route of routes) {
      if (route.spec === 'public') {
        app.get(route.path, (_req: Request, res: Response) => void res.json({ ok: true }));
        continue;
      }
      const guard = keycloak.protect(route.spec as ProtectSpec<Request>);
      const answer = (req: Request, res: Response): void =>
        void res.json(describeContext(req.keycloak, req.headers.authorization));
      for (const method of route.methods ?? ['GET'])
        app[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](route.path, guard, answer);
    }
    app.use(keycloak.errorHandler());
    const send: GuardApp['send'] = async (method, path, headers = []) => {
      let call = request(app)[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path);
      for (const [name, values] of grouped(headers))
        call = values.length === 1 ? call.set(name, values[0] as string) : call.set(name, values as unknown as string);
      const response = await call;
      return {
        status: response.status,
        headers: response.headers as Record<string, string>,
        body: response.body as unknown,
      };
    };
    return {
      send,
      get: (path, headers) => send('GET', path, headers),
      close: async () => undefined,
    };
  };
}

function grouped(headers: Array<[string, string]>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, value] of headers) map.set(name, [...(map.get(name) ?? []), value]);
  return map;
}
