import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { basic, demoRealm, demoRealmNamed, postForm } from '../support.js';

let kc: KeycloakTestServer;
let base: string;

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [demoRealm, demoRealmNamed('strict', { revokeRefreshToken: true, refreshTokenMaxReuse: 0 })],
  });
  base = `${kc.url}/realms/demo/protocol/openid-connect`;
});
afterAll(() => kc.close());

async function login(realm = 'demo', scope?: string) {
  const url = `${kc.url}/realms/${realm}/protocol/openid-connect/token`;
  const { body } = await postForm(url, {
    grant_type: 'password',
    client_id: 'web',
    username: 'alice',
    password: 'wonder',
    ...(scope ? { scope } : {}),
  });
  return body as { access_token: string; refresh_token: string; session_state: string };
}

const refresh = (token: string, realm = 'demo') =>
  postForm(`${kc.url}/realms/${realm}/protocol/openid-connect/token`, {
    grant_type: 'refresh_token',
    client_id: 'web',
    refresh_token: token,
  });

describe('refresh_token grant', () => {
  it('issues new tokens for the same session', async () => {
    const tokens = await login();
    const { status, body } = await refresh(tokens.refresh_token);
    expect(status).toBe(200);
    expect(body['session_state']).toBe(tokens.session_state);
    expect(String(decodeJwt(String(body['access_token'])).jti)).toMatch(/^onrtrt:/);
  });

  it('fails with "Session not active" after logout', async () => {
    const tokens = await login();
    const out = await postForm(`${base}/logout`, { client_id: 'web', refresh_token: tokens.refresh_token });
    expect(out.status).toBe(204);
    const { status, body } = await refresh(tokens.refresh_token);
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
  });

  it('fails once the session has been idle past ssoSessionIdleTimeout', async () => {
    const tokens = await login();
    kc.clock.advance((1800 + 121) * 1000);
    try {
      const { status, body } = await refresh(tokens.refresh_token);
      expect(status).toBe(400);
      expect(body).toEqual({ error: 'invalid_grant', error_description: 'Token is not active' });
    } finally {
      kc.clock.advance(-(1800 + 121) * 1000);
    }
  });

  it('fails with "Session not active" when the session outlived its max lifespan while the token did not expire', async () => {
    const realm = kc.model.realm('demo');
    if (!realm) throw new Error('no realm');
    const tokens = await login();
    realm.tokens.ssoSessionIdleTimeout = 100_000;
    realm.tokens.ssoSessionMaxLifespan = 60;
    try {
      kc.clock.advance(61_000);
      const { body } = await refresh(tokens.refresh_token);
      expect(body).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
    } finally {
      kc.clock.advance(-61_000);
      realm.tokens.ssoSessionIdleTimeout = 1800;
      realm.tokens.ssoSessionMaxLifespan = 36000;
    }
  });

  it('fails with "User disabled" once the user is disabled', async () => {
    const tokens = await login();
    const alice = [...(kc.model.realm('demo')?.users.values() ?? [])].find((u) => u.username === 'alice');
    if (!alice) throw new Error('no alice');
    alice.enabled = false;
    try {
      const { body } = await refresh(tokens.refresh_token);
      expect(body).toEqual({ error: 'invalid_grant', error_description: 'User disabled' });
    } finally {
      alice.enabled = true;
    }
  });

  it('rejects tokens issued before the realm notBefore as stale', async () => {
    const tokens = await login();
    const realm = kc.model.realm('demo');
    if (!realm) throw new Error('no realm');
    realm.notBefore = Math.floor(kc.clock.now() / 1000) + 1;
    try {
      const { body } = await refresh(tokens.refresh_token);
      expect(body).toEqual({ error: 'invalid_grant', error_description: 'Stale token' });
    } finally {
      realm.notBefore = 0;
    }
  });

  it('rejects a refresh token presented by another client', async () => {
    const tokens = await login();
    const { body } = await postForm(
      `${base}/token`,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      { authorization: basic('app', 'app-secret') },
    );
    expect(body).toEqual({
      error: 'invalid_grant',
      error_description: "Invalid refresh token. Token client and authorized client don't match",
    });
  });

  it('rejects garbage as an invalid refresh token', async () => {
    const { status, body } = await refresh('not-a-jwt');
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
  });

  it('honours revokeRefreshToken: a used refresh token cannot be reused', async () => {
    const tokens = await login('strict');
    expect((await refresh(tokens.refresh_token, 'strict')).status).toBe(200);
    const { status, body } = await refresh(tokens.refresh_token, 'strict');
    expect(status).toBe(400);
    // TokenManager.validateTokenReuse: the token is still the session's current one, used once too often.
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Maximum allowed refresh token reuse exceeded' });
  });

  it('honours revokeRefreshToken: a token older than the one refreshed after it is stale', async () => {
    const first = await login('strict');
    kc.clock.advance(2_000);
    const second = await refresh(first.refresh_token, 'strict');
    kc.clock.advance(2_000);
    expect((await refresh(String(second.body['refresh_token']), 'strict')).status).toBe(200);
    const { status, body } = await refresh(first.refresh_token, 'strict');
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Stale token' });
  });

  it('refreshes an offline token after the online session ended', async () => {
    const tokens = await login('demo', 'offline_access');
    kc.model.logoutAll('demo');
    const offline = await refresh(tokens.refresh_token);
    expect(offline.body['error_description']).toBe('Offline user session not found');
    const again = await login('demo', 'offline_access');
    await postForm(`${base}/logout`, { client_id: 'web', refresh_token: (await login()).refresh_token });
    expect((await refresh(again.refresh_token)).status).toBe(200);
  });
});
