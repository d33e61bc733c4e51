import { KeycloakInvalidTokenError, TokenVerifier, type TokenVerifierOptions } from '@keycloak-ts/core';
import { startKeycloak, TestClock, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { invalidTokenError, reasonOf } from '../token/support/expect-invalid.js';
import { generateTestKey, signRaw } from '../token/support/keys.js';

// Keycloak outages played with the test server's fault injection on its certs endpoint: tokens it
// issued keep passing on cached keys, an unknown key while it is down is an upstream failure (503,
// not 401), nothing waits past the fetch timeout, and refetches stay bounded by the cooldown.

const realm: RealmRepresentation = {
  realm: 'shop',
  enabled: true,
  clients: [
    {
      clientId: 'orders-api',
      secret: 'orders-secret',
      publicClient: false,
      directAccessGrantsEnabled: true,
      enabled: true,
    },
  ],
  users: [
    {
      username: 'alice',
      enabled: true,
      email: 'alice@example.com',
      firstName: 'Alice',
      lastName: 'L',
      credentials: [{ type: 'password', value: 'alice', temporary: false }],
    },
  ],
};

let kc: KeycloakTestServer;
let issuer: string;
const foreignKey = generateTestKey('RS256', 'rotated-away');

beforeAll(async () => {
  kc = await startKeycloak({ realms: [realm], clock: new TestClock(undefined, true) });
  issuer = `${kc.url}/realms/shop`;
});
afterEach(() => kc.faults.clear());
afterAll(() => kc.close());

async function accessToken(): Promise<string> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'orders-api',
      client_secret: 'orders-secret',
      username: 'alice',
      password: 'alice',
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The same claims as `token`, signed by a key the realm never published, under `kid`. */
function withUnknownKid(token: string, kid: string): string {
  const payload = Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8');
  return signRaw(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }), payload, foreignKey);
}

function verifier(jwks: TokenVerifierOptions['jwks'] = {}): TokenVerifier {
  return new TokenVerifier({ issuer, tokenCache: false, now: () => kc.clock.now(), jwks });
}

function certsFetches(): number {
  return kc.counters.get('certs');
}

describe('verification while Keycloak is down', () => {
  it('keeps passing valid tokens on cached keys while the certs endpoint answers 503 or resets', async () => {
    const token = await accessToken();
    const v = verifier({ cacheMaxAge: 60_000, cooldownDuration: 1_000 });
    await v.verify(token);
    kc.faults.inject('certs', { kind: 'status', status: 503, body: { error: 'unavailable' } });
    kc.clock.advance(61_000); // keys past their max age: a refetch is due and fails
    const before = certsFetches();
    expect((await v.verify(token)).claims.preferred_username).toBe('alice');
    expect(certsFetches() - before).toBe(1);
    kc.faults.inject('certs', { kind: 'reset' });
    kc.clock.advance(2_000);
    expect((await v.verify(token)).claims.preferred_username).toBe('alice');
  });

  it('stops trusting the cached keys once staleIfErrorDuration has passed, as an upstream failure', async () => {
    const token = await accessToken();
    const v = verifier({ cacheMaxAge: 60_000, staleIfErrorDuration: 120_000 });
    await v.verify(token);
    kc.faults.inject('certs', { kind: 'status', status: 503 });
    kc.clock.advance(170_000);
    await v.verify(token);
    kc.clock.advance(11_000); // 181 s: past max age + stale window, while the token (300 s) is still valid
    const error = await invalidTokenError(v.verify(token));
    expect(error.reason).toBe('keycloak_error');
    expect(error.isUpstreamFailure).toBe(true);
    expect(error.status).toBe(503);
  });

  it('reports an unknown kid while the certs endpoint hangs as keycloak_unreachable once the fetch times out', async () => {
    const token = await accessToken();
    const v = verifier({ timeoutDuration: 50, cooldownDuration: 1_000 });
    await v.verify(token);
    kc.faults.inject('certs', { kind: 'hang' });
    kc.clock.advance(1_000);
    const error = await invalidTokenError(v.verify(withUnknownKid(token, 'rotated-away')));
    expect(error.reason).toBe('keycloak_unreachable');
    expect(error.isUpstreamFailure).toBe(true);
    expect(error.message).not.toContain(token.slice(0, 20));
    // The known key still verifies during the outage.
    expect((await v.verify(token)).claims.azp).toBe('orders-api');
  });

  it('reports a cold cache behind a hanging Keycloak as keycloak_unreachable after the timeout', async () => {
    const token = await accessToken();
    kc.faults.inject('certs', { kind: 'hang' });
    expect(await reasonOf(verifier({ timeoutDuration: 50 }).verify(token))).toBe('keycloak_unreachable');
  });

  it('refetches at most once per cooldown however many unknown kids arrive while Keycloak fails', async () => {
    const token = await accessToken();
    const v = verifier({ cooldownDuration: 30_000 });
    await v.verify(token);
    kc.faults.inject('certs', { kind: 'status', status: 503 });
    kc.clock.advance(30_000);
    const before = certsFetches();
    const forged = Array.from({ length: 20 }, (_, i) => withUnknownKid(token, `kid-${i}`));
    const reasons = await Promise.all(forged.map((t) => reasonOf(v.verify(t))));
    expect(new Set(reasons)).toEqual(new Set(['keycloak_error']));
    for (const t of forged) await reasonOf(v.verify(t));
    expect(certsFetches() - before).toBe(1);
    kc.clock.advance(30_000);
    await reasonOf(v.verify(forged[0] as string));
    expect(certsFetches() - before).toBe(2);
  });

  it('calls an unknown kid a bad token again once Keycloak answers', async () => {
    const token = await accessToken();
    const v = verifier({ cooldownDuration: 1_000 });
    await v.verify(token);
    kc.faults.inject('certs', { kind: 'status', status: 503 });
    kc.clock.advance(1_000);
    expect(await reasonOf(v.verify(withUnknownKid(token, 'rotated-away')))).toBe('keycloak_error');
    kc.faults.clear('certs');
    kc.clock.advance(1_000);
    const error = await invalidTokenError(v.verify(withUnknownKid(token, 'rotated-away')));
    expect(error.reason).toBe('unknown_kid');
    expect(error.isUpstreamFailure).toBe(false);
    expect(error).toBeInstanceOf(KeycloakInvalidTokenError);
  });
});

describe('the realm keys while none could ever be loaded, and their recovery', () => {
  it('fetches once per retry window, not once per call, while the first load keeps failing', async () => {
    const token = await accessToken();
    kc.faults.inject('certs', { kind: 'status', status: 503 });
    const v = verifier({ cooldownDuration: 30_000 });
    const before = certsFetches();
    for (let i = 0; i < 1_000; i++) expect(await reasonOf(v.verify(token))).toBe('keycloak_error');
    expect(certsFetches() - before).toBe(1);
    kc.clock.advance(5_000);
    kc.faults.clear();
    expect((await v.verify(token)).claims.preferred_username).toBe('alice');
    expect(certsFetches() - before).toBe(2);
  });

  it('lets callers that arrive during the recovery fetch of expired keys wait for it', async () => {
    const token = await accessToken();
    const v = verifier({ cacheMaxAge: 60_000, staleIfErrorDuration: 0, cooldownDuration: 1_000 });
    await v.verify(token);
    kc.clock.advance(61_000);
    kc.faults.inject('certs', { kind: 'status', status: 503, times: 1 });
    await invalidTokenError(v.verify(token));
    kc.clock.advance(1_000);
    const before = certsFetches();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => v.verify(token)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill('fulfilled'));
    expect(certsFetches() - before).toBe(1);
  });
});
