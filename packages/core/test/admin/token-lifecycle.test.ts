import { KeycloakAuthenticationError } from '@keycloak-ts/core';
import { TestClock } from '@keycloak-ts/testing';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer();
// master's access tokens live 60 s and its sessions idle out after 30 min (Keycloak's defaults).
const ACCESS_TOKEN_MS = 60_000;
const SESSION_IDLE_MS = 1_800_000;

function counts(): { token: number; admin: number } {
  return { token: kc.server.counters.get('token'), admin: kc.server.counters.get('admin') };
}

function since(before: { token: number; admin: number }): { token: number; admin: number } {
  const now = counts();
  return { token: now.token - before.token, admin: now.admin - before.admin };
}

describe('KeycloakAdmin token lifecycle', () => {
  it('asks for no token until the first call, then reuses it', async () => {
    const before = counts();
    const admin = kc.admin();
    expect(since(before).token).toBe(0);
    await admin.getRealms();
    await admin.getRealms();
    expect(since(before)).toEqual({ token: 1, admin: 2 });
  });

  it('shares one token request among 50 concurrent calls across an expiry', async () => {
    const admin = kc.admin();
    await admin.getRealms();
    kc.server.clock.advance(ACCESS_TOKEN_MS + 1_000);
    const before = counts();
    const results = await Promise.all(Array.from({ length: 50 }, () => admin.getRealms()));
    expect(results.every((realms) => realms.length > 0)).toBe(true);
    expect(since(before)).toEqual({ token: 1, admin: 50 });
  });

  it('shares one login among 50 concurrent first calls', async () => {
    const admin = kc.admin();
    const before = counts();
    await Promise.all(Array.from({ length: 50 }, () => admin.getRealms()));
    expect(since(before)).toEqual({ token: 1, admin: 50 });
  });

  it('renews the token a margin before it expires, not after a failed call', async () => {
    const admin = kc.admin({ refreshMarginMs: 10_000 });
    await admin.getRealms();
    const first = admin.connection.token?.access_token;
    kc.server.clock.advance(ACCESS_TOKEN_MS - 5_000);
    const before = counts();
    await admin.getRealms();
    expect(since(before)).toEqual({ token: 1, admin: 1 });
    expect(admin.connection.token?.access_token).not.toBe(first);
  });

  it('logs in again when the refresh token has expired (known from refresh_expires_in)', async () => {
    const admin = kc.admin();
    await admin.getRealms();
    const refresh = admin.connection.token?.refresh_token;
    kc.server.clock.advance(SESSION_IDLE_MS + 1_000);
    const before = counts();
    await admin.getRealms();
    expect(since(before)).toEqual({ token: 1, admin: 1 });
    expect(admin.connection.token?.refresh_token).not.toBe(refresh);
  });

  it('falls back to a login when Keycloak refuses the refresh token as not active', async () => {
    // The admin's own clock moves less than the server's: locally the refresh token still looks valid.
    const local = new TestClock({ now: () => kc.server.clock.now() }, true);
    const admin = kc.admin({ now: () => local.now() });
    await admin.getRealms();
    kc.server.clock.advance(SESSION_IDLE_MS + 1_000);
    local.advance(ACCESS_TOKEN_MS + 1_000);
    const before = counts();
    await expect(admin.getRealms()).resolves.toEqual(expect.any(Array));
    // One refused refresh, one login, then the call itself.
    expect(since(before)).toEqual({ token: 2, admin: 1 });
  });

  it('renews once and repeats the call once when Keycloak answers 401 to a revoked token', async () => {
    const admin = kc.admin();
    await admin.getRealms();
    kc.server.model.logoutAll('master');
    const before = counts();
    await expect(admin.getRealms()).resolves.toEqual(expect.any(Array));
    // The refresh is refused (its session is gone), so the renewal is a refresh attempt plus a login.
    expect(since(before)).toEqual({ token: 2, admin: 2 });
    const after = counts();
    await admin.getRealms();
    expect(since(after)).toEqual({ token: 0, admin: 1 });
  });

  it('shares one renewal among 50 concurrent calls that all get a 401', async () => {
    const admin = kc.admin();
    await admin.getRealms();
    kc.server.model.logoutAll('master');
    const before = counts();
    await Promise.all(Array.from({ length: 50 }, () => admin.getRealms()));
    expect(since(before)).toEqual({ token: 2, admin: 100 });
  });

  it('repeats a POST after a 401 without creating twice', async () => {
    const admin = kc.admin({ realmName: 'demo', userRealmName: 'master' });
    await admin.getRealms();
    kc.server.model.logoutAll('master');
    const id = await admin.createUser({ username: 'after-401' });
    await expect(admin.getUserId('after-401')).resolves.toBe(id);
  });

  it('uses a given token as is and never asks for another without credentials', async () => {
    const login = kc.admin();
    const token = await login.connection.getToken();
    const before = counts();
    const admin = kc.admin({ username: undefined, password: undefined, token: token.access_token });
    await admin.getRealms();
    expect(since(before)).toEqual({ token: 0, admin: 1 });
    kc.server.model.logoutAll('master');
    const error = await rejectionOf(admin.getRealms());
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error).toMatchObject({ code: 'ERR_AUTHENTICATION', status: 401 });
  });

  it('refreshes a given token response with its refresh token', async () => {
    const login = kc.admin();
    const token = await login.connection.getToken();
    const admin = kc.admin({ username: undefined, password: undefined, token });
    kc.server.clock.advance(ACCESS_TOKEN_MS + 1_000);
    const before = counts();
    await admin.getRealms();
    expect(since(before)).toEqual({ token: 1, admin: 1 });
    expect(admin.connection.token?.access_token).not.toBe(token.access_token);
  });

  it('gets a service account token with client credentials when only a secret is given', async () => {
    const admin = kc.admin({
      username: undefined,
      password: undefined,
      realmName: 'demo',
      clientId: 'app',
      clientSecretKey: 'app-secret',
    });
    const token = await admin.connection.getToken();
    const claims = JSON.parse(Buffer.from(String(token.access_token.split('.')[1]), 'base64url').toString('utf8')) as {
      azp?: string;
      preferred_username?: string;
    };
    expect(claims).toMatchObject({ azp: 'app', preferred_username: 'service-account-app' });
  });

  it('lets a caller stop waiting for a shared renewal with its own signal', async () => {
    const admin = kc.admin();
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(admin.getRealms({ signal: controller.signal }));
    expect(error).toMatchObject({ code: 'ERR_ABORTED' });
    // The renewal others may wait for was not cancelled.
    await expect(admin.getRealms()).resolves.toEqual(expect.any(Array));
  });
});

describe('KeycloakAdmin given a token it did not fetch', () => {
  it('renews a token object by its own exp, not by expires_in counted from construction', async () => {
    const issuing = kc.admin();
    await issuing.getRealms();
    const held = issuing.connection.token!; // expires_in: 60, issued now
    kc.server.clock.advance(ACCESS_TOKEN_MS - 5_000); // 55 s later the held token has 5 s left
    const late = kc.admin({ token: held });
    expect(late.connection.expiresAt).toBe(
      JSON.parse(Buffer.from(held.access_token.split('.')[1]!, 'base64url').toString()).exp * 1000,
    );
    kc.server.clock.advance(10_000); // past its exp, but only 10 s after construction
    const before = counts();
    await late.getRealms();
    expect(since(before)).toEqual({ token: 1, admin: 1 });
  });
});
