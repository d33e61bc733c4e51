import type { KeycloakGuardOptions } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppFactory, GuardApp, GuardRoute } from './harness.js';
import { passwordToken } from './realm.js';
import { lazyEnforcer, ordersEnforcer, umaShopRealm, unnamedPathsEnforcer, vaultEnforcer } from './uma-realm.js';

const REALM = 'uma-shop';
const denied = (description: string): string =>
  `Bearer realm="${REALM}", error="insufficient_scope", error_description="${description}"`;
const FORBIDDEN = denied('The access token does not grant access to this resource');
const INVALID = `Bearer realm="${REALM}", error="invalid_token", error_description="The access token is invalid"`;
const UNAVAILABLE = {
  error: 'temporarily_unavailable',
  error_description: 'The access token cannot be checked now; retry later',
};

const ROUTES: GuardRoute[] = [
  { path: '/orders', spec: 'orders:read' },
  { path: '/orders-hash', spec: 'orders#read,write' },
  { path: '/orders-both', spec: ['orders:read', 'orders:write'] },
  { path: '/reports', spec: 'reports' },
  { path: '/ghost', spec: 'ghost:read' },
  { path: '/invoices', spec: 'urn:shop:invoices#invoice:view' },
  { path: '/invoices-colon', spec: 'urn:shop:invoices:invoice:view' },
  { path: '/api/orders', spec: { config: ordersEnforcer }, methods: ['GET', 'POST'] },
  { path: '/api/orders/:id', spec: { config: ordersEnforcer }, methods: ['DELETE'] },
  { path: '/api/reports', spec: { config: ordersEnforcer } },
  { path: '/api/health', spec: { config: ordersEnforcer } },
  { path: '/api/audit', spec: { config: ordersEnforcer } },
  { path: '/api/unknown', spec: { config: ordersEnforcer } },
  { path: '/permissive/unknown', spec: { config: { ...ordersEnforcer, 'enforcement-mode': 'PERMISSIVE' } } },
  { path: '/disabled/reports', spec: { config: { ...ordersEnforcer, 'enforcement-mode': 'DISABLED' } } },
  { path: '/api/documents/:id', spec: { config: unnamedPathsEnforcer } },
  { path: '/api/archive', spec: { config: unnamedPathsEnforcer } },
  { path: '/api/drafts/:id', spec: { config: unnamedPathsEnforcer } },
  { path: '/lazy/documents/:id', spec: { config: lazyEnforcer } },
  { path: '/lazy/nothing', spec: { config: lazyEnforcer } },
  { path: '/vault', spec: { config: vaultEnforcer }, methods: ['POST'] },
  {
    path: '/broken-claims',
    spec: {
      config: {
        paths: [
          {
            path: '/broken-claims',
            name: 'orders',
            'claim-information-point': { http: { url: 'http://127.0.0.1:1/claims' } },
          },
        ],
      },
      claimProviders: { http: async () => Promise.reject(new Error('the claims service is down')) },
    },
  },
];

/** Asks the UMA grant for an RPT carrying `permission` for the user of `token`. */
async function rptFor(serverUrl: string, token: string, permission: string): Promise<string> {
  const response = await fetch(`${serverUrl}/realms/${REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket',
      audience: 'orders-api',
      permission,
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || typeof body.access_token !== 'string') throw new Error(`no RPT: ${response.status}`);
  return body.access_token;
}

/**
 * UMA permissions and policy-enforcer configs through an adapter, against the test server's
 * Authorization Services: the same statuses, headers and bodies in every adapter.
 */
export function describeUmaGuardBehaviour(adapter: string, factory: AppFactory): void {
  describe(`${adapter}: UMA permissions behind the adapter`, () => {
    let kc: KeycloakTestServer;
    let app: GuardApp;
    const tokens: Record<'alice' | 'bob' | 'carol', string> = { alice: '', bob: '', carol: '' };
    const base = (): KeycloakGuardOptions<never> => ({ serverUrl: kc.url, realm: REALM, clientId: 'orders-api' });
    const bearer = (token: string): Array<[string, string]> => [['authorization', `Bearer ${token}`]];
    const as = (user: keyof typeof tokens): Array<[string, string]> => bearer(tokens[user]);
    const umaCalls = (): number => kc.counters.get('uma-grant');

    beforeAll(async () => {
      kc = await startKeycloak({ realms: [umaShopRealm] });
      for (const user of ['alice', 'bob', 'carol'] as const)
        tokens[user] = await passwordToken(kc.url, REALM, user, `${user}-password`);
      app = await factory(base(), ROUTES);
    });
    afterEach(() => kc.faults.clear());
    afterAll(async () => {
      await app?.close();
      await kc?.close();
    });

    describe('permission specs', () => {
      it('lets a granted resource:scope through and exposes the grant as req.keycloak.permissions', async () => {
        const reply = await app.get('/orders', as('bob'));
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({ user: 'bob', realm: REALM, rawMatches: true });
        expect((reply.body as { permissions: unknown }).permissions).toEqual([
          expect.objectContaining({ rsname: 'orders', scopes: ['read'] }),
        ]);
      });

      it('refuses an ungranted permission with 403 insufficient_scope naming what is missing', async () => {
        const reply = await app.get('/orders', as('carol'));
        expect(reply.status).toBe(403);
        expect(reply.headers['www-authenticate']).toBe(denied('Missing permissions: orders#read'));
        expect(reply.body).toEqual({
          error: 'insufficient_scope',
          error_description: 'Missing permissions: orders#read',
        });
      });

      it('refuses a partial grant and names only the scopes that were not granted', async () => {
        for (const path of ['/orders-both', '/orders-hash']) {
          const reply = await app.get(path, as('bob'));
          expect(reply.status).toBe(403);
          expect(reply.headers['www-authenticate']).toBe(denied('Missing permissions: orders#write'));
        }
        expect((await app.get('/orders-both', as('alice'))).status).toBe(200);
      });

      it('refuses a resource Keycloak does not know as a denial, not an outage', async () => {
        const reply = await app.get('/ghost', as('alice'));
        expect(reply.status).toBe(403);
        expect(reply.headers['www-authenticate']).toBe(denied('Missing permissions: ghost#read'));
      });

      it('decides a resource without scopes by its resource permission and user policy', async () => {
        expect((await app.get('/reports', as('alice'))).status).toBe(200);
        const reply = await app.get('/reports', as('bob'));
        expect(reply.status).toBe(403);
        expect(reply.headers['www-authenticate']).toBe(denied('Missing permissions: reports'));
      });

      it('reads resource names with colons in the # notation, and splits the : notation on the first colon', async () => {
        expect((await app.get('/invoices', as('bob'))).status).toBe(200);
        const colon = await app.get('/invoices-colon', as('bob'));
        expect(colon.status).toBe(403);
        expect(colon.headers['www-authenticate']).toBe(denied('Missing permissions: urn#shop:invoices:invoice:view'));
      });

      it('answers a repeated decision from the cache without asking Keycloak again', async () => {
        const fresh = await passwordToken(kc.url, REALM, 'alice', 'alice-password');
        const before = umaCalls();
        expect((await app.get('/orders-hash', bearer(fresh))).status).toBe(200);
        expect((await app.get('/orders-hash', bearer(fresh))).status).toBe(200);
        expect(umaCalls() - before).toBe(1);
      });

      it('uses the permissions of an RPT bearer without calling Keycloak', async () => {
        const rpt = await rptFor(kc.url, tokens.bob, 'orders#read');
        const before = umaCalls();
        const reply = await app.get('/orders', bearer(rpt));
        expect(reply.status).toBe(200);
        expect((reply.body as { permissions: unknown }).permissions).toEqual([
          expect.objectContaining({ rsname: 'orders', scopes: ['read'] }),
        ]);
        expect(umaCalls() - before).toBe(0);
      });
    });

    describe('Keycloak unavailable', () => {
      it('answers 503 with Retry-After when the UMA grant fails with a server error', async () => {
        const guarded = await factory({ ...base(), retryAfterSeconds: 3 }, [{ path: '/orders', spec: 'orders:read' }]);
        kc.faults.inject('uma-grant', { kind: 'status', status: 500 });
        try {
          const reply = await guarded.get('/orders', as('bob'));
          expect(reply.status).toBe(503);
          expect(reply.headers['retry-after']).toBe('3');
          expect(reply.headers['www-authenticate']).toBeUndefined();
          expect(reply.body).toEqual(UNAVAILABLE);
        } finally {
          await guarded.close();
        }
      });

      it('answers 503 when the connection to the UMA grant is reset', async () => {
        const guarded = await factory(base(), [{ path: '/orders', spec: 'orders:read' }]);
        kc.faults.inject('uma-grant', { kind: 'reset' });
        try {
          const reply = await guarded.get('/orders', as('bob'));
          expect(reply.status).toBe(503);
          expect(reply.headers['retry-after']).toBe('10');
        } finally {
          await guarded.close();
        }
      });

      it('answers 401 invalid_token when Keycloak refuses the bearer token because its session ended', async () => {
        const token = await passwordToken(kc.url, REALM, 'carol', 'carol-password');
        const guarded = await factory(base(), [{ path: '/orders', spec: 'orders:read' }]);
        kc.model.logoutAll(REALM);
        try {
          const reply = await guarded.get('/orders', bearer(token));
          expect(reply.status).toBe(401);
          expect(reply.headers['www-authenticate']).toBe(INVALID);
        } finally {
          await guarded.close();
          for (const user of ['alice', 'bob', 'carol'] as const)
            tokens[user] = await passwordToken(kc.url, REALM, user, `${user}-password`);
        }
      });
    });

    describe('policy-enforcer config', () => {
      it('requires the scope configured for each method of a path', async () => {
        expect((await app.get('/api/orders', as('bob'))).status).toBe(200);
        const post = await app.send('POST', '/api/orders', as('bob'));
        expect(post.status).toBe(403);
        expect(post.headers['www-authenticate']).toBe(denied('Missing permissions: orders#write'));
        expect((await app.send('POST', '/api/orders', as('alice'))).status).toBe(200);
      });

      it('needs one of the scopes in mode ANY on a path with a parameter', async () => {
        expect((await app.send('DELETE', '/api/orders/42', as('bob'))).status).toBe(200);
        const reply = await app.send('DELETE', '/api/orders/42', as('carol'));
        expect(reply.status).toBe(403);
        expect(reply.headers['www-authenticate']).toBe(denied('Missing permissions: orders#read|write'));
      });

      it('decides a path without methods by its resource', async () => {
        expect((await app.get('/api/reports', as('alice'))).status).toBe(200);
        expect((await app.get('/api/reports', as('bob'))).headers['www-authenticate']).toBe(
          denied('Missing permissions: reports'),
        );
      });

      it('lets a DISABLED path or scopes-enforcement-mode through without asking, with a valid token only', async () => {
        const before = umaCalls();
        const health = await app.get('/api/health', as('carol'));
        expect(health.status).toBe(200);
        expect(health.body).not.toHaveProperty('permissions');
        expect((await app.get('/api/audit', as('carol'))).status).toBe(200);
        expect(umaCalls() - before).toBe(0);
        // a DISABLED scopes-enforcement-mode still needs a token; a DISABLED path does not
        expect((await app.get('/api/audit')).status).toBe(401);
      });

      it('lets an anonymous request through a DISABLED path, as PolicyEnforcer.authorize does, but not a bad token', async () => {
        const anonymous = await app.get('/api/health');
        expect(anonymous.status).toBe(200);
        expect(anonymous.body).toEqual({ anonymous: true });
        const forged = await app.get('/api/health', [['authorization', 'Bearer not.a.token']]);
        expect(forged.status).toBe(401);
        expect(forged.headers['www-authenticate']).toBe(
          'Bearer realm="uma-shop", error="invalid_token", error_description="The access token is invalid"',
        );
        // a globally DISABLED enforcer still wants a token (PolicyEnforcer: "Invalid bearer")
        expect((await app.get('/disabled/reports')).status).toBe(401);
      });

      it('refuses a path the config does not know under ENFORCING and lets it through under PERMISSIVE', async () => {
        const reply = await app.get('/api/unknown', as('alice'));
        expect(reply.status).toBe(403);
        expect(reply.headers['www-authenticate']).toBe(FORBIDDEN);
        expect((await app.get('/permissive/unknown', as('carol'))).status).toBe(200);
      });

      it('lets everything with a valid token through when the enforcer is DISABLED', async () => {
        expect((await app.get('/disabled/reports', as('carol'))).status).toBe(200);
      });
    });

    describe('policy-enforcer paths without a name', () => {
      const protectionCalls = (): number => kc.counters.get('uma-protection');

      it('finds the resource of a {id} path through the Protection API and names it when refusing', async () => {
        const reply = await app.get('/api/documents/7', as('bob'));
        expect(reply.status).toBe(200);
        expect((reply.body as { permissions: unknown }).permissions).toEqual([
          expect.objectContaining({ rsname: 'documents', scopes: ['read'] }),
        ]);
        const refused = await app.get('/api/documents/7', as('carol'));
        expect(refused.status).toBe(403);
        expect(refused.headers['www-authenticate']).toBe(denied('Missing permissions: documents#read'));
        expect(refused.body).toEqual({
          error: 'insufficient_scope',
          error_description: 'Missing permissions: documents#read',
        });
      });

      it('finds the resource of an exact path by its uri', async () => {
        expect((await app.get('/api/archive', as('alice'))).status).toBe(200);
        const refused = await app.get('/api/archive', as('bob'));
        expect(refused.status).toBe(403);
        expect(refused.headers['www-authenticate']).toBe(denied('Missing permissions: archive'));
      });

      it('refuses a request path that matches no resource of the server with 403 and asks no permission', async () => {
        const before = umaCalls();
        const reply = await app.get('/api/drafts/1', as('alice'));
        expect(reply.status).toBe(403);
        expect(reply.headers['www-authenticate']).toBe(
          denied('No resource of the resource server matches the request path'),
        );
        expect(reply.body).toEqual({
          error: 'insufficient_scope',
          error_description: 'No resource of the resource server matches the request path',
        });
        expect(umaCalls() - before).toBe(0);
      });

      it('keeps what the Protection API answered, "no resource" included, in the path cache', async () => {
        await app.get('/api/documents/8', as('alice'));
        await app.get('/api/drafts/2', as('alice'));
        const before = protectionCalls();
        expect((await app.get('/api/documents/8', as('bob'))).status).toBe(200);
        expect((await app.get('/api/drafts/2', as('bob'))).status).toBe(403);
        expect(protectionCalls() - before).toBe(0);
      });

      it('loads a path from the server with lazy-load-paths, requiring any scope of its resource', async () => {
        const reply = await app.get('/lazy/documents/3', as('bob'));
        expect(reply.status).toBe(200);
        expect((reply.body as { permissions: unknown }).permissions).toEqual([
          expect.objectContaining({ rsname: 'documents', scopes: ['read'] }),
        ]);
        expect((await app.get('/lazy/documents/3', as('carol'))).headers['www-authenticate']).toBe(
          denied('Missing permissions: documents#read'),
        );
        const unknown = await app.get('/lazy/nothing', as('alice'));
        expect(unknown.status).toBe(403);
        expect(unknown.headers['www-authenticate']).toBe(FORBIDDEN);
      });

      it('answers 503, not 500, when a claim provider fails at request time', async () => {
        const reply = await app.get('/broken-claims', as('alice'));
        expect(reply.status).toBe(503);
        expect(reply.headers['www-authenticate']).toBeUndefined();
        expect(reply.headers['retry-after']).toBe('10');
        expect(reply.body).toEqual(UNAVAILABLE);
      });
    });

    describe('a claim-information-point reading a request header', () => {
      const VAULT_DENIED = denied('Missing permissions: vault#open');
      let backend: Array<[string, string]>;
      const region = (value: string): Array<[string, string]> => [...backend, ['x-region', value]];

      beforeAll(async () => {
        // A confidential client's token: Keycloak refuses claims pushed with a public client's token.
        backend = bearer(
          await passwordToken(kc.url, REALM, 'carol', 'carol-password', 'shop-backend', 'backend-secret'),
        );
      });

      it('opens the vault when the header pushes a region the policy accepts', async () => {
        const reply = await app.send('POST', '/vault', region('eu-west'));
        expect(reply.status).toBe(200);
        expect((reply.body as { permissions: unknown }).permissions).toEqual([
          expect.objectContaining({ rsname: 'vault', scopes: ['open'] }),
        ]);
      });

      it('refuses the same token with 403 when the header names another region, or is absent', async () => {
        const other = await app.send('POST', '/vault', region('us-east'));
        expect(other.status).toBe(403);
        expect(other.headers['www-authenticate']).toBe(VAULT_DENIED);
        expect(other.body).toEqual({
          error: 'insufficient_scope',
          error_description: 'Missing permissions: vault#open',
        });
        const none = await app.send('POST', '/vault', backend);
        expect(none.status).toBe(403);
        expect(none.headers['www-authenticate']).toBe(VAULT_DENIED);
      });

      it('keeps one decision per pushed value, so a repeated header asks Keycloak once', async () => {
        const before = umaCalls();
        expect((await app.send('POST', '/vault', region('eu-north'))).status).toBe(200);
        expect((await app.send('POST', '/vault', region('eu-north'))).status).toBe(200);
        expect((await app.send('POST', '/vault', region('ap-south'))).status).toBe(403);
        expect(umaCalls() - before).toBe(2);
      });

      it("refuses with 403, not 503, when the claims come with a public client's token", async () => {
        const reply = await app.send('POST', '/vault', [...as('carol'), ['x-region', 'eu-west']]);
        expect(reply.status).toBe(403);
        expect(reply.headers['www-authenticate']).toBe(VAULT_DENIED);
      });
    });
  });
}
