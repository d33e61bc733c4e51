import {
  KeycloakGuardError,
  type GuardDeniedEvent,
  type GuardDenialReason,
  type KeycloakGuardOptions,
} from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken, startShop, type ShopKeycloak } from '../support/guard/realm.js';
import { ordersEnforcer, umaShopRealm } from '../support/guard/uma-realm.js';
import { ADAPTERS, startApp, type ListeningApp, type SecurityRoute } from './support/apps.js';
import { decode, hs256, realmForger, signRs256, strangerKey } from './support/forge.js';
import { rawRequest, type RawReply } from './support/raw-http.js';
import { CapturingLogger, errorText, expectNoSecret, tokenSecrets } from './support/secrets.js';

// Every refusal reason of the guard, provoked over real HTTP through each adapter, then everything
// the refusals left behind (answers, log lines, onDenied events, the errors themselves) is scanned
// for the tokens sent, their signatures, the client secret and the users' passwords.

const CLIENT_SECRET = 'orders-secret';
const PASSWORDS = ['alice-password', 'bob-password', 'carol-password'];

const ROUTES: SecurityRoute[] = [
  { path: '/me' },
  { path: '/super', spec: { roles: ['realm:superuser'] } },
  { path: '/scoped', spec: { scopes: ['orders:admin'] } },
  { path: '/never', spec: () => false },
  { path: '/write', spec: 'orders:write' },
  { path: '/api/unknown', spec: { config: ordersEnforcer } as never },
  {
    path: '/api/nowhere',
    spec: { config: { 'enforcement-mode': 'ENFORCING', paths: [{ path: '/api/nowhere' }] } } as never,
  },
  {
    path: '/api/claims',
    spec: {
      config: {
        'enforcement-mode': 'ENFORCING',
        paths: [
          {
            path: '/api/claims',
            name: 'orders',
            'claim-information-point': { http: { url: 'http://127.0.0.1:9/claims' } },
          },
        ],
      },
      claimProviders: { http: async () => Promise.reject(new Error('the claims service is down')) },
    } as never,
  },
];

interface Attack {
  reason: GuardDenialReason;
  status: number;
  app:
    | 'local'
    | 'introspect'
    | 'resolver'
    | 'issuers'
    | 'uma'
    | 'fresh'
    | 'headerOnly'
    | 'misspelled'
    | 'not-a-server'
    | 'wrong-secret';
  path?: string;
  headers?: string[];
  token?: () => string;
  before?: () => void;
}

/**
 * Every denial reason, so that a reason added to the guard fails type-checking here until it is
 * provoked below. `azp_mismatch` cannot happen through a guard: it never sets `authorizedParty`;
 * nor can the ID-token reasons (`nonce_mismatch`, `at_hash_mismatch`, `auth_too_old`): guards accept
 * access tokens only.
 * `guard_closed` needs a closed guard, which a Fastify app only has once it stopped listening: the
 * lifecycle suites (packages/{core,express,fastify}/test/lifecycle.test.ts) provoke it. `uma_ticket` needs a
 * `user-managed-access` enforcer and a resource server's secret: test/keycloak/guards-enforcer.test.ts provokes it.
 * The DPoP reasons need a key pair and a proof per request: test/security/dpop-guard.test.ts provokes each.
 * `token_revoked` and `revocation_unavailable` need a revocation received first (or a store that is down):
 * test/security/revocation-receivers.test.ts provokes both.
 */
const ALL_REASONS: Record<GuardDenialReason, boolean> = {
  no_credentials: true,
  empty_bearer: true,
  multiple_authorization_headers: true,
  multiple_token_sources: true,
  realm_unresolved: true,
  issuer_not_allowed: true,
  role_missing: true,
  predicate_denied: true,
  permission_denied: true,
  path_not_configured: true,
  malformed: true,
  unsupported_alg: true,
  forbidden_header: true,
  unknown_kid: true,
  bad_signature: true,
  expired: true,
  not_yet_valid: true,
  missing_claim: true,
  issuer_mismatch: true,
  audience_mismatch: true,
  azp_mismatch: false,
  wrong_token_type: true,
  revoked: true,
  keycloak_unreachable: true,
  keycloak_error: true,
  path_resource_not_found: true,
  enforcer_failed: true,
  guard_closed: false,
  scope_missing: true,
  uma_ticket: false,
  nonce_mismatch: false,
  at_hash_mismatch: false,
  auth_too_old: false,
  dpop_proof_invalid: false,
  dpop_proof_replayed: false,
  dpop_replay_full: false,
  dpop_binding_mismatch: false,
  dpop_bound_as_bearer: false,
  dpop_required: false,
  dpop_replay_unavailable: false,
  token_in_url: true,
  token_revoked: false,
  revocation_unavailable: false,
  realm_not_found: true,
  resource_server_not_found: true,
  client_rejected: true,
};

describe.each(ADAPTERS)('%s: secrets never leave a refusal', (adapter) => {
  let shop: ShopKeycloak;
  const logger = new CapturingLogger();
  const events: GuardDeniedEvent<unknown>[] = [];
  const errors: unknown[] = [];
  const replies: RawReply[] = [];
  const sent: string[] = [];
  const apps = new Map<Attack['app'], ListeningApp>();
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    shop = await startShop([umaShopRealm]);
    const server = shop.server;
    const [alice, bob, umaBob, foreign] = await Promise.all([
      shop.tokenFor('alice'),
      shop.tokenFor('bob'),
      shop.tokenFor('bob', 'uma-shop'),
      shop.tokenFor('alice', 'uma-shop'),
    ]);
    const forge = await realmForger(server, 'shop');
    const { header, claims } = decode(alice);
    const now = Math.floor(Date.now() / 1000);
    const jwks = (await (await fetch(`${shop.serverUrl}/realms/shop/protocol/openid-connect/certs`)).json()) as {
      keys: unknown[];
    };
    // A token orders-api obtained for itself: Keycloak leaves a client out of its own tokens' aud.
    const ownToken = await passwordToken(shop.serverUrl, 'shop', 'bob', 'bob-password', 'orders-api', CLIENT_SECRET);
    const revoked = await shop.tokenFor('bob');
    await fetch(`${shop.serverUrl}/realms/shop/protocol/openid-connect/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: revoked, client_id: 'web' }),
    });
    const refresh = (await (
      await fetch(`${shop.serverUrl}/realms/shop/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'web',
          username: 'alice',
          password: 'alice-password',
          scope: 'openid',
        }),
      })
    ).json()) as { refresh_token: string };
    Object.assign(tokens, {
      alice,
      bob,
      ownToken,
      umaBob,
      foreign,
      revoked,
      refresh: forge(alice, { typ: 'Refresh' }),
      realRefresh: refresh.refresh_token,
      otherIssuer: forge(alice, { iss: `${shop.serverUrl}/realms/uma-shop` }),
      // A token the misspelled realm would have issued: its issuer passes, so the realm's keys are fetched.
      misspelled: forge(alice, { iss: `${shop.serverUrl}/realms/shopp` }),
      hs256: hs256(header, claims, JSON.stringify(jwks.keys[0])),
      jku: forge(alice, {}, { jku: 'https://evil.example.com/jwks' }),
      unknownKid: signRs256({ ...header, kid: 'not-a-realm-kid' }, claims, strangerKey()),
      tampered: `${alice.split('.')[0]}.${Buffer.from(JSON.stringify({ ...claims, realm_access: { roles: ['superuser'] } })).toString('base64url')}.${alice.split('.')[2]}`,
      expired: forge(alice, { exp: now - 60 }),
      future: forge(alice, { nbf: now + 600 }),
      noExp: forge(alice, { exp: undefined }),
      malformed: `${alice.split('.').slice(0, 2).join('.')}.!!${alice.split('.')[2]}`,
    });

    const observe = { logger, onDenied: (event: GuardDeniedEvent<unknown>) => void events.push(event) };
    const base: KeycloakGuardOptions<never> = {
      serverUrl: shop.serverUrl,
      realm: 'shop',
      clientId: 'orders-api',
      clientSecret: CLIENT_SECRET,
      queryParameter: 'access_token',
      verifyTokenAudience: true,
      ...observe,
    };
    // Fastify logs through its own pino logger by default: capture that stream rather than ours.
    const settings =
      adapter === 'fastify'
        ? { fastifyLogStream: logger, onError: (error: unknown) => void errors.push(error) }
        : { onError: (error: unknown) => void errors.push(error) };
    const start = (options: KeycloakGuardOptions<never>): Promise<ListeningApp> => {
      const { logger: _unused, ...withoutLogger } = options;
      return startApp(
        adapter,
        adapter === 'fastify' ? (withoutLogger as KeycloakGuardOptions<never>) : options,
        ROUTES,
        settings,
      );
    };
    const configs: Array<[Attack['app'], KeycloakGuardOptions<never>]> = [
      ['local', base],
      ['fresh', base],
      ['introspect', { ...base, validation: 'introspect' }],
      ['resolver', { ...base, realm: () => undefined }],
      ['issuers', { ...base, realm: undefined, allowedIssuers: [`${shop.serverUrl}/realms/uma-shop`] }],
      ['uma', { ...base, realm: 'uma-shop', verifyTokenAudience: false }],
      ['headerOnly', { ...base, queryParameter: undefined }],
      ['misspelled', { ...base, realm: 'shopp' }],
      ['not-a-server', { ...base, realm: 'uma-shop', verifyTokenAudience: false, authorization: { audience: 'web' } }],
      ['wrong-secret', { ...base, validation: 'introspect', clientSecret: 'not-the-secret' }],
    ];
    for (const [name, options] of configs) apps.set(name, await start(options));
  });
  afterAll(async () => {
    await Promise.all([...apps.values()].map((app) => app.close()));
    await shop?.close();
  });

  const attacks: Attack[] = [
    { reason: 'no_credentials', status: 401, app: 'local' },
    { reason: 'empty_bearer', status: 400, app: 'local', headers: ['Authorization: Bearer   '] },
    {
      reason: 'multiple_authorization_headers',
      status: 400,
      app: 'local',
      headers: ['Authorization: Bearer {alice}', 'Authorization: Bearer {bob}'],
    },
    {
      reason: 'multiple_token_sources',
      status: 400,
      app: 'local',
      path: '/me?access_token={bob}',
      headers: ['Authorization: Bearer {alice}'],
    },
    { reason: 'malformed', status: 401, app: 'local', headers: ['Authorization: Bearer {malformed}'] },
    { reason: 'unsupported_alg', status: 401, app: 'local', headers: ['Authorization: Bearer {hs256}'] },
    { reason: 'forbidden_header', status: 401, app: 'local', headers: ['Authorization: Bearer {jku}'] },
    { reason: 'unknown_kid', status: 401, app: 'local', headers: ['Authorization: Bearer {unknownKid}'] },
    { reason: 'bad_signature', status: 401, app: 'local', headers: ['Authorization: Bearer {tampered}'] },
    { reason: 'expired', status: 401, app: 'local', headers: ['Authorization: Bearer {expired}'] },
    { reason: 'not_yet_valid', status: 401, app: 'local', headers: ['Authorization: Bearer {future}'] },
    { reason: 'missing_claim', status: 401, app: 'local', headers: ['Authorization: Bearer {noExp}'] },
    { reason: 'issuer_mismatch', status: 401, app: 'local', headers: ['Authorization: Bearer {otherIssuer}'] },
    // Another realm's real token: refused by its issuer before any key of this realm is looked up.
    { reason: 'issuer_mismatch', status: 401, app: 'local', headers: ['Authorization: Bearer {foreign}'] },
    // Keycloak signs refresh tokens HS512: the refusal names the token type, not the algorithm.
    { reason: 'wrong_token_type', status: 401, app: 'local', headers: ['Authorization: Bearer {realRefresh}'] },
    { reason: 'audience_mismatch', status: 401, app: 'local', headers: ['Authorization: Bearer {ownToken}'] },
    { reason: 'token_in_url', status: 400, app: 'headerOnly', path: '/me?access_token={bob}' },
    { reason: 'wrong_token_type', status: 401, app: 'local', headers: ['Authorization: Bearer {refresh}'] },
    { reason: 'role_missing', status: 403, app: 'local', path: '/super', headers: ['Authorization: Bearer {alice}'] },
    { reason: 'scope_missing', status: 403, app: 'local', path: '/scoped', headers: ['Authorization: Bearer {alice}'] },
    {
      reason: 'predicate_denied',
      status: 403,
      app: 'local',
      path: '/never',
      headers: ['Authorization: Bearer {alice}'],
    },
    { reason: 'revoked', status: 401, app: 'introspect', headers: ['Authorization: Bearer {revoked}'] },
    {
      reason: 'keycloak_error',
      status: 503,
      app: 'introspect',
      headers: ['Authorization: Bearer {alice}'],
      before: () => shop.server.faults.inject('introspect', { kind: 'status', status: 500, times: 1 }),
    },
    {
      reason: 'keycloak_unreachable',
      status: 503,
      app: 'fresh',
      headers: ['Authorization: Bearer {alice}'],
      before: () => shop.server.faults.inject('certs', { kind: 'reset', times: 1 }),
    },
    { reason: 'realm_unresolved', status: 400, app: 'resolver', headers: ['Authorization: Bearer {alice}'] },
    { reason: 'issuer_not_allowed', status: 401, app: 'issuers', headers: ['Authorization: Bearer {alice}'] },
    {
      reason: 'permission_denied',
      status: 403,
      app: 'uma',
      path: '/write',
      headers: ['Authorization: Bearer {umaBob}'],
    },
    {
      reason: 'path_not_configured',
      status: 403,
      app: 'uma',
      path: '/api/unknown',
      headers: ['Authorization: Bearer {umaBob}'],
    },
    {
      reason: 'path_resource_not_found',
      status: 403,
      app: 'uma',
      path: '/api/nowhere',
      headers: ['Authorization: Bearer {umaBob}'],
    },
    // Misconfigurations Keycloak reports: 503 as an outage, but their own reason (and an error log naming them).
    { reason: 'realm_not_found', status: 503, app: 'misspelled', headers: ['Authorization: Bearer {misspelled}'] },
    {
      reason: 'resource_server_not_found',
      status: 503,
      app: 'not-a-server',
      path: '/write',
      headers: ['Authorization: Bearer {umaBob}'],
    },
    { reason: 'client_rejected', status: 503, app: 'wrong-secret', headers: ['Authorization: Bearer {alice}'] },
    {
      reason: 'enforcer_failed',
      status: 503,
      app: 'uma',
      path: '/api/claims',
      headers: ['Authorization: Bearer {umaBob}'],
    },
  ];
  const fill = (text: string): string =>
    text.replace(/\{(\w+)\}/g, (_all, name: string) => {
      const token = tokens[name] as string;
      sent.push(token);
      return token;
    });

  it.each(attacks)('refuses $reason with $status and reports exactly that reason', async (attack) => {
    attack.before?.();
    const app = apps.get(attack.app)!;
    const eventsBefore = events.length;
    const reply = await rawRequest(
      app.url,
      [`GET ${fill(attack.path ?? '/me')} HTTP/1.1`, ...(attack.headers ?? []).map(fill)].join('\r\n'),
    );
    shop.server.faults.clear();
    replies.push(reply);
    expect(reply.status).toBe(attack.status);
    expect(events.slice(eventsBefore).map((event) => event.reason)).toEqual([attack.reason]);
    const last = errors.at(-1);
    expect(last).toBeInstanceOf(KeycloakGuardError);
    expect((last as KeycloakGuardError).reason).toBe(attack.reason);
    expect(logger.text()).toContain(`"reason":"${attack.reason}"`);
  });

  it('provokes every reason a guard can give', () => {
    const reachable = Object.entries(ALL_REASONS)
      .filter(([, yes]) => yes)
      .map(([reason]) => reason)
      .sort();
    expect([...new Set(attacks.map((attack) => attack.reason))].sort()).toEqual(reachable);
  });

  it('leaves no token, signature, client secret or password in answers, logs, events or errors', () => {
    expect(replies).toHaveLength(attacks.length);
    const secrets = [...new Set(sent.flatMap(tokenSecrets)), CLIENT_SECRET, ...PASSWORDS];
    replies.forEach((reply, i) =>
      expectNoSecret(JSON.stringify(reply), secrets, `the answer to ${attacks[i]?.reason}`),
    );
    expectNoSecret(logger.text(), secrets, 'the log');
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(['cause', 'code', 'realm', 'reason', 'request', 'status', 'subject']);
      const { request: _request, ...rest } = event;
      expectNoSecret(JSON.stringify(rest), secrets, `the onDenied event of ${event.reason}`);
    }
    errors.forEach((error) =>
      expectNoSecret(errorText(error), secrets, `the error of ${(error as KeycloakGuardError).reason}`),
    );
  });
});
