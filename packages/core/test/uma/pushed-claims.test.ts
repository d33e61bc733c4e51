import {
  KeycloakGuard,
  KeycloakGuardError,
  KeycloakOpenID,
  PermissionChecker,
  type RequestSource,
} from '@keycloak-ts/core';
import { startKeycloak, TestClock, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `vault` (scope open) is granted by a regex policy on the context attribute `region`: only pushed claims give it. */
const realm: RealmRepresentation = {
  realm: 'cip',
  enabled: true,
  users: [{ username: 'dan', enabled: true, credentials: [{ type: 'password', value: 'dan-pw' }] }],
  clients: [
    { clientId: 'browser', publicClient: true, directAccessGrantsEnabled: true },
    {
      clientId: 'bank',
      secret: 'bank-secret',
      directAccessGrantsEnabled: true,
      // dan logs in through bank itself: Keycloak leaves a client out of its own tokens' aud unless a mapper names it.
      protocolMappers: [
        {
          name: 'bank audience',
          protocol: 'openid-connect',
          protocolMapper: 'oidc-audience-mapper',
          config: { 'included.client.audience': 'bank', 'access.token.claim': 'true' },
        },
      ],
      authorizationServicesEnabled: true,
      authorizationSettings: {
        scopes: [{ name: 'open' }],
        resources: [{ name: 'vault', scopes: [{ name: 'open' }] }],
        policies: [
          {
            name: 'In the EU',
            type: 'regex',
            config: { targetClaim: 'region', pattern: 'eu-.*', targetContextAttributes: 'true' },
          },
          {
            name: 'Open vault',
            type: 'scope',
            config: { resources: '["vault"]', scopes: '["open"]', applyPolicies: '["In the EU"]' },
          },
        ],
      },
    },
  ],
};

let kc: KeycloakTestServer;
let openid: KeycloakOpenID;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [realm], clock: new TestClock(undefined, true) });
  openid = new KeycloakOpenID({
    serverUrl: kc.url,
    realmName: 'cip',
    clientId: 'bank',
    clientSecretKey: 'bank-secret',
    now: () => kc.clock.now(),
  });
});
afterAll(async () => {
  await openid.close();
  await kc.close();
});

describe('PermissionChecker with pushed claims', () => {
  it('sends them as a claim token that Keycloak policies decide on, one decision per claim value', async () => {
    const token = (await openid.token('dan', 'dan-pw')).access_token;
    const claims = await openid.decodeToken(token);
    const checker = new PermissionChecker({ openid, now: () => kc.clock.now() });
    const before = kc.counters.get('uma-grant');

    expect(await checker.check(claims, token, 'vault#open', { claims: { region: 'eu-west' } })).toMatchObject({
      allowed: true,
      source: 'keycloak',
      granted: [expect.objectContaining({ rsname: 'vault', scopes: ['open'] })],
    });
    expect(await checker.check(claims, token, 'vault#open', { claims: { region: ['us-east'] } })).toMatchObject({
      allowed: false,
      refusal: 'access_denied',
      missing: ['vault#open'],
    });
    expect(await checker.check(claims, token, 'vault#open')).toMatchObject({
      allowed: false,
      refusal: 'access_denied',
    });
    expect((await checker.check(claims, token, 'vault#open', { claims: { region: ['eu-west'] } })).source).toBe(
      'cache',
    );
    expect(kc.counters.get('uma-grant') - before).toBe(3);
  });

  it("denies, as Keycloak's enforcer does, when claims come with a public client's token", async () => {
    const browser = new KeycloakOpenID({
      serverUrl: kc.url,
      realmName: 'cip',
      clientId: 'browser',
      now: () => kc.clock.now(),
    });
    const token = (await browser.token('dan', 'dan-pw')).access_token;
    await browser.close();
    const claims = await openid.decodeToken(token, { audience: undefined });
    const checker = new PermissionChecker({ openid, audience: 'bank', now: () => kc.clock.now() });
    expect(await checker.check(claims, token, 'vault#open', { claims: { region: 'eu-west' } })).toMatchObject({
      allowed: false,
      refusal: 'invalid_grant',
      missing: ['vault#open'],
    });
  });
});

describe('a policy-enforcer route with a claim-information-point', () => {
  interface Plain {
    token: string;
    region?: string;
  }
  const source: RequestSource<Plain> = {
    rawHeaders: (r) => ['Authorization', `Bearer ${r.token}`],
    query: () => undefined,
    enforcerRequest: (r) => ({
      method: 'POST',
      path: '/vault',
      headers: r.region === undefined ? {} : { 'x-region': r.region },
    }),
  };
  const config = {
    paths: [
      {
        path: '/vault',
        name: 'vault',
        methods: [{ method: 'POST', scopes: ['open'] }],
        'claim-information-point': { claims: { region: "{request.header['x-region']}" } },
      },
    ],
  };

  it('pushes the claims it reads from the request, and Keycloak decides on them', async () => {
    const guard = new KeycloakGuard<Plain>(
      { serverUrl: kc.url, realm: 'cip', clientId: 'bank', now: () => kc.clock.now() },
      source,
    );
    const check = guard.protect({ config });
    const token = (await openid.token('dan', 'dan-pw')).access_token;
    expect((await check({ token, region: 'eu-north' }))?.permissions).toEqual([
      expect.objectContaining({ rsname: 'vault', scopes: ['open'] }),
    ]);
    const denied = await check({ token, region: 'ap-south' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(denied).toBeInstanceOf(KeycloakGuardError);
    expect(denied).toMatchObject({ status: 403, code: 'ERR_INSUFFICIENT_SCOPE', error: 'insufficient_scope' });
  });
});
