import { KeycloakGuard, KeycloakGuardError, type RequestSource } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken } from '../../../../test/support/guard/realm.js';
import { umaShopRealm } from '../../../../test/support/guard/uma-realm.js';

interface PlainRequest {
  rawHeaders: string[];
  method: string;
  path: string;
}

const source: RequestSource<PlainRequest> = {
  rawHeaders: (r) => r.rawHeaders,
  query: () => undefined,
  enforcerRequest: (r) => ({ method: r.method, path: r.path }),
};
const unnamed = { paths: [{ path: '/api/documents/{id}', methods: [{ method: 'GET', scopes: ['read'] }] }] };

describe('policy-enforcer lookups through the guard', () => {
  let kc: KeycloakTestServer;
  let bob: string;
  const guard = (extra: { clientSecret?: string; timeoutDuration?: number } = {}): KeycloakGuard<PlainRequest> =>
    new KeycloakGuard<PlainRequest>({ serverUrl: kc.url, realm: 'uma-shop', clientId: 'orders-api', ...extra }, source);
  const request = (path: string, token = bob): PlainRequest => ({
    rawHeaders: ['Authorization', `Bearer ${token}`],
    method: 'GET',
    path,
  });

  beforeAll(async () => {
    kc = await startKeycloak({ realms: [umaShopRealm] });
    bob = await passwordToken(kc.url, 'uma-shop', 'bob', 'bob-password');
  });
  afterAll(async () => kc?.close());

  it('refuses at protect() a config with an unnamed path when no client secret is known, naming the path', () => {
    expect(() => guard().protect({ config: unnamed })).toThrowError(
      expect.objectContaining({
        code: 'ERR_AUTHORIZATION_CONFIG',
        message:
          'paths[0] ("/api/documents/{id}") has no "name": finding its resource through the Protection API needs the resource server\'s client secret (credentials.secret in the config, or the guard\'s clientSecret)',
      }),
    );
    expect(() => guard().protect({ config: { 'lazy-load-paths': true } })).toThrowError(
      expect.objectContaining({ message: expect.stringMatching(/^lazy-load-paths is on: /) }),
    );
    expect(() => guard().protect({ config: {} })).toThrowError(
      expect.objectContaining({
        message: expect.stringMatching(/^no path is enforced, so paths come from the server: /),
      }),
    );
  });

  it('needs no secret when every unnamed path is DISABLED besides named ones, or the enforcer is DISABLED', () => {
    expect(() =>
      guard().protect({
        config: {
          paths: [
            { path: '/a', name: 'orders' },
            { path: '/health', 'enforcement-mode': 'DISABLED' },
          ],
        },
      }),
    ).not.toThrow();
    expect(() => guard().protect({ config: { ...unnamed, 'enforcement-mode': 'DISABLED' } })).not.toThrow();
  });

  it("uses the guard's clientId and clientSecret for the PAT when the config has no credentials", async () => {
    const context = await guard({ clientSecret: 'orders-secret' }).protect({ config: unnamed })(
      request('/api/documents/4'),
    );
    expect(context?.permissions).toEqual([expect.objectContaining({ rsname: 'documents', scopes: ['read'] })]);
  });

  it('answers 503 client_rejected when the PAT cannot be obtained with the configured secret, without echoing it', async () => {
    const check = guard({ clientSecret: 'wrong-secret-value' }).protect({ config: unnamed });
    const error = await check(request('/api/documents/4')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KeycloakGuardError);
    expect(error).toMatchObject({
      status: 503,
      code: 'ERR_KEYCLOAK_UNAVAILABLE',
      reason: 'client_rejected',
      headers: { 'retry-after': '10' },
    });
    expect(JSON.stringify(error)).not.toContain('wrong-secret-value');
  });

  it('user-managed-access: refuses with a ticket for the looked-up resource, named by its name in the description', async () => {
    const carol = await passwordToken(kc.url, 'uma-shop', 'carol', 'carol-password');
    const check = guard({ clientSecret: 'orders-secret' }).protect({
      config: { ...unnamed, 'user-managed-access': {} },
    });
    const error = await check(request('/api/documents/4', carol)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KeycloakGuardError);
    expect(error).toMatchObject({
      status: 401,
      reason: 'uma_ticket',
      errorDescription: 'Missing permissions: documents#read',
    });
    expect((error as KeycloakGuardError).wwwAuthenticate).toMatch(
      new RegExp(`^UMA realm="uma-shop",as_uri="${kc.url}/realms/uma-shop",ticket="[^"]+"$`),
    );
  });

  it('answers 503 keycloak_unreachable when the Protection API connection is reset', async () => {
    const check = guard({ clientSecret: 'orders-secret' }).protect({ config: unnamed });
    kc.faults.inject('uma-protection', { kind: 'reset' });
    try {
      await expect(check(request('/api/documents/5'))).rejects.toMatchObject({
        status: 503,
        reason: 'keycloak_unreachable',
      });
    } finally {
      kc.faults.clear();
    }
    // the failure was not kept: the next request finds the resource
    expect((await check(request('/api/documents/5')))?.permissions).toHaveLength(1);
  });
});
