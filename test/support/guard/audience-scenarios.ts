import type { GuardDeniedEvent, KeycloakGuardOptions } from '@keycloak-ts/core';
import type { RealmRepresentation, UserRepresentation } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppFactory, GuardApp } from './harness.js';
import { audienceMapper, startShop, type ShopKeycloak } from './realm.js';

const CUSTOM_AUDIENCE = 'https://api.shop.example';

/**
 * The realm of the audience rows: `web` has an Audience mapper for orders-api, `mobile` one for a custom
 * audience (a URL, as RFC 8707 resource indicators look), `partner` none. bob holds the account roles a
 * realm's default roles give, so "audience resolve" puts only `account` in his partner tokens; carol holds
 * no client role, so her partner tokens have no `aud` at all; alice holds orders-api's viewer role.
 */
const audienceRealm: RealmRepresentation = {
  realm: 'aud-shop',
  enabled: true,
  roles: { client: { 'orders-api': [{ name: 'viewer' }] } },
  users: (
    [
      { username: 'alice', clientRoles: { 'orders-api': ['viewer'] } },
      { username: 'bob', clientRoles: { account: ['view-profile', 'manage-account'] } },
      { username: 'carol' },
    ] as UserRepresentation[]
  ).map((user) => ({
    ...user,
    enabled: true,
    credentials: [{ type: 'password', value: `${user.username}-password` }],
  })),
  clients: [
    {
      clientId: 'web',
      publicClient: true,
      directAccessGrantsEnabled: true,
      protocolMappers: [audienceMapper('orders-api')],
    },
    {
      clientId: 'mobile',
      publicClient: true,
      directAccessGrantsEnabled: true,
      protocolMappers: [
        {
          name: 'api url audience',
          protocol: 'openid-connect',
          protocolMapper: 'oidc-audience-mapper',
          config: {
            'included.custom.audience': CUSTOM_AUDIENCE,
            'access.token.claim': 'true',
            'introspection.token.claim': 'true',
          },
        },
      ],
    },
    { clientId: 'partner', publicClient: true, directAccessGrantsEnabled: true },
    { clientId: 'orders-api', secret: 'orders-secret', directAccessGrantsEnabled: true },
  ],
};

const refusal = (audiences: string, first = audiences): string =>
  `Bearer realm="aud-shop", error="invalid_token", error_description="The access token audience (aud) does not contain ${audiences}; ` +
  `add an Audience mapper for ${first} to a client scope of the calling client, or set the guard's tokenAudience option"`;

const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;

/** The audience check of the guard (on by default), identical in every adapter. */
export function describeAudience(adapter: string, factory: AppFactory): void {
  describe(`${adapter}: the token audience`, () => {
    let shop: ShopKeycloak;
    const tokens: Record<string, string> = {};
    const apps: GuardApp[] = [];
    const base = (): KeycloakGuardOptions<never> => ({
      serverUrl: shop.serverUrl,
      realm: 'aud-shop',
      clientId: 'orders-api',
    });
    const app = async (options: Partial<KeycloakGuardOptions<never>> = {}): Promise<GuardApp> => {
      const made = await factory({ ...base(), ...options }, [
        { path: '/me' },
        { path: '/viewer', spec: { roles: ['viewer'] } },
      ]);
      apps.push(made);
      return made;
    };
    const call = (made: GuardApp, token: string, path = '/me') =>
      made.get(path, [['authorization', `Bearer ${token}`]]);

    beforeAll(async () => {
      shop = await startShop([audienceRealm]);
      const pairs: Array<[string, string, string]> = [
        ['webBob', 'web', 'bob'],
        ['partnerAlice', 'partner', 'alice'],
        ['partnerBob', 'partner', 'bob'],
        ['partnerCarol', 'partner', 'carol'],
        ['mobileCarol', 'mobile', 'carol'],
      ];
      for (const [name, client, user] of pairs) tokens[name] = await shop.tokenFor(user as 'bob', 'aud-shop', client);
    });
    afterAll(async () => {
      await Promise.all(apps.map((made) => made.close()));
      await shop?.close();
    });

    it('gets the audiences the fixtures promise from Keycloak', () => {
      // Audience mappers run before "audience resolve" (its priority is 30), as in Keycloak.
      expect(claimsOf(tokens['webBob'] as string)['aud']).toEqual(['orders-api', 'account']);
      expect(claimsOf(tokens['partnerAlice'] as string)['aud']).toBe('orders-api');
      expect(claimsOf(tokens['partnerBob'] as string)['aud']).toBe('account');
      expect(claimsOf(tokens['partnerCarol'] as string)).not.toHaveProperty('aud');
      expect(claimsOf(tokens['mobileCarol'] as string)['aud']).toBe(CUSTOM_AUDIENCE);
    });

    it('accepts by default a token whose aud names the clientId (an Audience mapper)', async () => {
      expect((await call(await app(), tokens['webBob'] as string)).body).toMatchObject({ user: 'bob' });
    });

    it('accepts a token of another client that carries the API client roles ("audience resolve")', async () => {
      expect((await call(await app(), tokens['partnerAlice'] as string, '/viewer')).body).toMatchObject({
        user: 'alice',
        canView: true,
      });
    });

    it('refuses by default a token whose aud is only account with 401 invalid_token that tells the fix', async () => {
      const events: GuardDeniedEvent<never>[] = [];
      const reply = await call(await app({ onDenied: (event) => events.push(event) }), tokens['partnerBob'] as string);
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toBe(refusal('orders-api'));
      expect(reply.body).toEqual({
        error: 'invalid_token',
        error_description:
          "The access token audience (aud) does not contain orders-api; add an Audience mapper for orders-api to a client scope of the calling client, or set the guard's tokenAudience option",
      });
      expect(events.map(({ status, code, reason }) => ({ status, code, reason }))).toEqual([
        { status: 401, code: 'ERR_TOKEN_REJECTED', reason: 'audience_mismatch' },
      ]);
    });

    it('refuses a token with no aud, and one with another audience, the same way', async () => {
      const guarded = await app();
      for (const name of ['partnerCarol', 'mobileCarol']) {
        const reply = await call(guarded, tokens[name] as string);
        expect(reply.status).toBe(401);
        expect(reply.headers['www-authenticate']).toBe(refusal('orders-api'));
      }
    });

    it('accepts any audience of a tokenAudience list, and only those', async () => {
      const listed = await app({ tokenAudience: ['orders-api', CUSTOM_AUDIENCE] });
      expect((await call(listed, tokens['mobileCarol'] as string)).body).toMatchObject({ user: 'carol' });
      expect((await call(listed, tokens['webBob'] as string)).body).toMatchObject({ user: 'bob' });
      expect((await call(listed, tokens['partnerBob'] as string)).headers['www-authenticate']).toBe(
        refusal(`orders-api or ${CUSTOM_AUDIENCE}`, 'orders-api'),
      );
      const urlOnly = await app({ tokenAudience: CUSTOM_AUDIENCE });
      expect((await call(urlOnly, tokens['mobileCarol'] as string)).status).toBe(200);
      expect((await call(urlOnly, tokens['webBob'] as string)).headers['www-authenticate']).toBe(
        refusal(CUSTOM_AUDIENCE),
      );
    });

    it('refuses in introspection mode a token whose aud lacks the API, which Keycloak answers inactive, with the audience description', async () => {
      const introspecting = await app({ clientSecret: 'orders-secret', validation: 'introspect' });
      expect((await call(introspecting, tokens['webBob'] as string)).status).toBe(200);
      const reply = await call(introspecting, tokens['partnerBob'] as string);
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toBe(refusal('orders-api'));
    });

    it('accepts every audience after verifyTokenAudience: false, with exactly one warn line', async () => {
      const lines: Array<{ level: string; obj: Record<string, unknown>; msg: string }> = [];
      const logger = {
        debug: (obj: Record<string, unknown>, msg: string) => void lines.push({ level: 'debug', obj, msg }),
        warn: (obj: Record<string, unknown>, msg: string) => void lines.push({ level: 'warn', obj, msg }),
        error: (obj: Record<string, unknown>, msg: string) => void lines.push({ level: 'error', obj, msg }),
      };
      const open = await app({ verifyTokenAudience: false, logger });
      for (const name of ['partnerBob', 'partnerCarol', 'mobileCarol', 'webBob', 'partnerBob'])
        expect((await call(open, tokens[name] as string)).status).toBe(200);
      expect((await call(open, tokens['partnerAlice'] as string, '/viewer')).status).toBe(200);
      expect(lines).toEqual([
        {
          level: 'warn',
          obj: { clientId: 'orders-api', verifyTokenAudience: false },
          msg: 'keycloak guard does not check the token audience: tokens issued to any client of the realm are accepted',
        },
      ]);
    });

    it.each([
      [{ tokenAudience: [] }, /"tokenAudience" must be a non-empty/],
      [{ tokenAudience: [''] }, /"tokenAudience"/],
      [{ tokenAudience: 42 }, /"tokenAudience"/],
      [{ tokenAudience: 'orders-api', verifyTokenAudience: false }, /"tokenAudience" cannot be used with/],
      [{ verifyTokenAudience: 'false' }, /"verifyTokenAudience" must be a boolean/],
    ])('refuses %j at construction with a TypeError naming the option', async (options, message) => {
      await expect(factory({ ...base(), ...(options as object) }, [])).rejects.toThrow(message);
    });
  });
}
