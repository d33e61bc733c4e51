import { Keycloak } from '@keycloak-ts/express';
import { KeycloakGuardError } from '@keycloak-ts/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import express4 from 'express4';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../test/support/guard/realm.js';

const versions: Array<[string, () => Express]> = [
  ['Express 5', () => express()],
  ['Express 4', () => express4() as unknown as Express],
];

describe.each(versions)('%s without keycloak.errorHandler()', (_name, createApp) => {
  let shop: ShopKeycloak;
  let bob: string;
  beforeAll(async () => {
    shop = await startShop();
    bob = await shop.tokenFor('bob');
  });
  afterAll(() => shop?.close());

  const appWith = (refusals?: 'respond' | 'next'): { app: Express; seen: unknown[] } => {
    const keycloak = new Keycloak({
      serverUrl: shop.serverUrl,
      realm: 'shop',
      clientId: 'orders-api',
      ...(refusals ? { refusals } : {}),
    });
    const app = createApp();
    const seen: unknown[] = [];
    app.get('/admin', keycloak.protect({ roles: ['realm:admin'] }), (_req, res) => void res.json({ ok: true }));
    app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
      seen.push(error);
      if (error instanceof KeycloakGuardError)
        return void res.status(error.status).set(error.headers).json({ shaped: error.reason });
      next(error);
    });
    return { app, seen };
  };

  it('answers a missing token 401 with its Bearer challenge as JSON, never an HTML page with a stack trace', async () => {
    const { app, seen } = appWith();
    const reply = await request(app).get('/admin');
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer realm="shop"');
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.text).not.toMatch(/<html|at \S+ \(|node_modules/i);
    expect(seen).toEqual([]);
  });

  it('answers a missing role 403 insufficient_scope naming the error, itself', async () => {
    const { app, seen } = appWith('respond');
    const reply = await request(app).get('/admin').set('authorization', `Bearer ${bob}`);
    expect(reply.status).toBe(403);
    expect(reply.headers['www-authenticate']).toMatch(
      /^Bearer realm="shop", error="insufficient_scope", error_description="[^"]+"$/,
    );
    expect(reply.body).toMatchObject({ error: 'insufficient_scope' });
    expect(seen).toEqual([]);
  });

  it("passes the KeycloakGuardError to the app's error middleware under refusals: 'next'", async () => {
    const { app, seen } = appWith('next');
    const reply = await request(app).get('/admin').set('authorization', `Bearer ${bob}`);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ shaped: 'role_missing' });
    expect(seen).toEqual([expect.any(KeycloakGuardError)]);
  });

  it('refuses an unknown refusals option at construction, naming it', () => {
    expect(
      () =>
        new Keycloak({ serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api', refusals: 'throw' as never }),
    ).toThrow(new TypeError('"refusals" must be "respond" or "next"'));
  });
});
