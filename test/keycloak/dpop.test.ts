import { generateKeyPairSync } from 'node:crypto';
import { KeycloakGuard, KeycloakGuardError, KeycloakOpenID, type RequestSource } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpopTestKey, jwtClaims, type DpopTestKey } from '../support/dpop.js';
import { openTarget, type KeycloakTarget, type RawResponse } from './support/target.js';

// DPoP (RFC 9449) as Keycloak 26.7 issues and checks it (DPoPUtil.java): the same answers from both targets.
let target: KeycloakTarget;
let realm: string;
let tokenUrl: string;
let userinfoUrl: string;
const ALGS = ['PS384', 'RS384', 'EdDSA', 'ES384', 'ES256', 'RS256', 'ES512', 'PS256', 'PS512', 'RS512'];
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

const apiAudience = {
  name: 'api-audience',
  protocol: 'openid-connect',
  protocolMapper: 'oidc-audience-mapper',
  config: { 'included.client.audience': 'api', 'access.token.claim': 'true', 'id.token.claim': 'false' },
};

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('dpop', {
    enabled: true,
    users: [
      {
        username: 'alice',
        enabled: true,
        email: 'alice@example.com',
        emailVerified: true,
        firstName: 'Alice',
        lastName: 'Liddell',
        credentials: [{ type: 'password', value: 'alice-password' }],
      },
    ],
    clients: [
      {
        clientId: 'web',
        publicClient: true,
        directAccessGrantsEnabled: true,
        protocolMappers: [
          apiAudience,
          {
            ...apiAudience,
            name: 'conf-audience',
            config: { ...apiAudience.config, 'included.client.audience': 'conf', 'introspection.token.claim': 'true' },
          },
        ],
      },
      {
        clientId: 'bound',
        publicClient: true,
        directAccessGrantsEnabled: true,
        attributes: { 'dpop.bound.access.tokens': 'true' },
      },
      { clientId: 'conf', secret: 'conf-secret', directAccessGrantsEnabled: true, serviceAccountsEnabled: true },
      { clientId: 'api', bearerOnly: true },
    ],
  });
  tokenUrl = `${target.url}/realms/${realm}/protocol/openid-connect/token`;
  userinfoUrl = `${target.url}/realms/${realm}/protocol/openid-connect/userinfo`;
});
afterAll(() => target.close());

const kind = process.env['KEYCLOAK_TARGET'] ?? 'memory';

function passwordGrant(client: string, proof?: string, extra: Record<string, string> = {}): Promise<RawResponse> {
  return target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
    form: {
      grant_type: 'password',
      client_id: client,
      username: 'alice',
      password: 'alice-password',
      scope: 'openid',
      ...extra,
    },
    headers: proof === undefined ? {} : { dpop: proof },
  });
}

function refresh(refreshToken: string, proof?: string): Promise<RawResponse> {
  return target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
    form: { grant_type: 'refresh_token', client_id: 'web', refresh_token: refreshToken },
    headers: proof === undefined ? {} : { dpop: proof },
  });
}

async function boundTokens(
  key: DpopTestKey,
): Promise<{ access_token: string; refresh_token: string; token_type: string }> {
  const answer = await passwordGrant('web', key.proof('POST', tokenUrl));
  expect(answer.status).toBe(200);
  return answer.json as { access_token: string; refresh_token: string; token_type: string };
}

describe(`DPoP at the token endpoint (${kind})`, () => {
  it('advertises the asymmetric proof algorithms in discovery', async () => {
    const discovery = await target.request('GET', `/realms/${realm}/.well-known/openid-configuration`);
    expect((discovery.json as Record<string, unknown>)['dpop_signing_alg_values_supported']).toEqual(ALGS);
  });

  it('binds the tokens of a request with a proof: cnf.jkt, typ DPoP and token_type DPoP; a public client refresh token too', async () => {
    const key = dpopTestKey();
    const tokens = await boundTokens(key);
    expect(tokens.token_type).toBe('DPoP');
    const access = jwtClaims(tokens.access_token);
    expect(access['cnf']).toEqual({ jkt: key.jkt, 'kc-jkt-type': 'DPoP' });
    expect(access['typ']).toBe('DPoP');
    expect(
      Object.keys(access).slice(Object.keys(access).indexOf('cnf') - 1, Object.keys(access).indexOf('cnf') + 2),
    ).toEqual(['acr', 'cnf', 'scope']);
    expect(jwtClaims(tokens.refresh_token)['cnf']).toEqual({ jkt: key.jkt, 'kc-jkt-type': 'DPoP' });
  });

  it('binds the access token of a confidential client but not its refresh token', async () => {
    const key = dpopTestKey('RS256');
    const answer = await passwordGrant('conf', key.proof('POST', tokenUrl), { client_secret: 'conf-secret' });
    expect(answer.status).toBe(200);
    const body = answer.json as { access_token: string; refresh_token: string; token_type: string };
    expect(body.token_type).toBe('DPoP');
    expect(jwtClaims(body.access_token)['cnf']).toEqual({ jkt: key.jkt, 'kc-jkt-type': 'DPoP' });
    expect(jwtClaims(body.refresh_token)['cnf']).toBeUndefined();
  });

  it('issues Bearer tokens without cnf to a request without a proof', async () => {
    const answer = await passwordGrant('web');
    const body = answer.json as { access_token: string; token_type: string };
    expect(body.token_type).toBe('Bearer');
    expect(jwtClaims(body.access_token)['cnf']).toBeUndefined();
    expect(jwtClaims(body.access_token)['typ']).toBe('Bearer');
  });

  it('refuses a token request without a proof when the client requires DPoP-bound tokens', async () => {
    const answer = await passwordGrant('bound');
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: 'invalid_request', error_description: 'DPoP proof is missing' });
    expect(answer.headers.get('cache-control')).toBe(NO_STORE['cache-control']);
    const key = dpopTestKey('EdDSA');
    const bound = await passwordGrant('bound', key.proof('POST', tokenUrl));
    expect(bound.status).toBe(200);
    expect(jwtClaims((bound.json as { access_token: string }).access_token)['cnf']).toEqual({
      jkt: key.jkt,
      'kc-jkt-type': 'DPoP',
    });
  });

  it("refuses each bad proof with 400 invalid_request and DPoPUtil's message", async () => {
    const key = dpopTestKey();
    const other = dpopTestKey();
    const now = Math.floor(Date.now() / 1000);
    const used = key.proof('POST', tokenUrl);
    expect((await passwordGrant('web', used)).status).toBe(200);
    const rows: Array<[string, string]> = [
      ['garbage', 'DPoP header verification failure'],
      [key.proof('POST', tokenUrl, { header: { typ: 'JWT' } }), 'Invalid or missing type in DPoP header: JWT'],
      [key.proof('POST', tokenUrl, { header: { jwk: undefined } }), 'No JWK in DPoP header'],
      [
        key.proof('POST', tokenUrl, { header: { jwk: key.privateJwk } }),
        'Private key material must not be present in DPoP JWK',
      ],
      [key.proof('POST', tokenUrl, { claims: { jti: undefined } }), 'DPoP mandatory claims are missing'],
      [key.proof('GET', tokenUrl), 'DPoP HTTP method mismatch'],
      [key.proof('POST', `${tokenUrl}/other`), 'DPoP HTTP URL mismatch'],
      [key.proof('POST', tokenUrl, { iat: now - 60 }), 'DPoP proof is not active'],
      [key.proof('POST', tokenUrl, { iat: now + 60 }), 'DPoP proof is not active'],
      [used, 'DPoP proof has already been used'],
    ];
    for (const [proof, description] of rows) {
      const answer = await passwordGrant('web', proof);
      expect({ status: answer.status, body: answer.json }).toEqual({
        status: 400,
        body: { error: 'invalid_request', error_description: description },
      });
    }
    // A proof signed by another key than the one it carries.
    const forged = await passwordGrant('web', key.proof('POST', tokenUrl, { signWith: other }));
    expect(forged.status).toBe(400);
    expect((forged.json as { error: string }).error).toBe('invalid_request');
    // The query is not part of htu.
    expect((await passwordGrant('web', key.proof('POST', `${tokenUrl}?x=1`))).status).toBe(200);
  });

  it('checks the client before the proof: an unknown client with a bad proof is invalid_client', async () => {
    const answer = await passwordGrant('nobody', 'x.y.z');
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({
      error: 'invalid_client',
      error_description: 'Invalid client or Invalid client credentials',
    });
  });

  it('refreshes a bound refresh token only with a proof by its key', async () => {
    const key = dpopTestKey();
    const tokens = await boundTokens(key);
    const none = await refresh(tokens.refresh_token);
    expect({ status: none.status, body: none.json }).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'DPoP proof is missing' },
    });
    const wrong = await refresh(tokens.refresh_token, dpopTestKey().proof('POST', tokenUrl));
    expect({ status: wrong.status, body: wrong.json }).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: "DPoP confirmation doesn't match DPoP proof" },
    });
    const right = await refresh(tokens.refresh_token, key.proof('POST', tokenUrl));
    expect(right.status).toBe(200);
    const body = right.json as { access_token: string; token_type: string };
    expect(body.token_type).toBe('DPoP');
    expect(jwtClaims(body.access_token)['cnf']).toEqual({ jkt: key.jkt, 'kc-jkt-type': 'DPoP' });
  });
});

describe(`DPoP at the introspection endpoint (${kind})`, () => {
  it('introspects a DPoP-bound token as active, with its cnf, typ and token_type DPoP', async () => {
    const key = dpopTestKey();
    const { access_token: token } = await boundTokens(key);
    const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token/introspect`, {
      form: { token, client_id: 'conf', client_secret: 'conf-secret' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      active: true,
      typ: 'DPoP',
      token_type: 'DPoP',
      client_id: 'web',
      cnf: { jkt: key.jkt, 'kc-jkt-type': 'DPoP' },
    });
  });
});

describe(`DPoP at the userinfo endpoint (${kind})`, () => {
  const dpopChallenge = (r: string) =>
    `DPoP algs="${ALGS.join(' ')}", realm="${r}", error="invalid_token", error_description="Token verification failed"`;

  it('answers a DPoP token sent with its proof, and refuses it as Bearer, without ath or with another key', async () => {
    const key = dpopTestKey();
    const { access_token: token } = await boundTokens(key);
    const ok = await target.request('GET', `/realms/${realm}/protocol/openid-connect/userinfo`, {
      headers: { authorization: `DPoP ${token}`, dpop: key.proof('GET', userinfoUrl, { accessToken: token }) },
    });
    expect(ok.status).toBe(200);
    expect((ok.json as Record<string, unknown>)['preferred_username']).toBe('alice');
    const asBearer = await target.request('GET', `/realms/${realm}/protocol/openid-connect/userinfo`, { token });
    expect(asBearer.status).toBe(401);
    expect(asBearer.headers.get('www-authenticate')).toBe(
      `Bearer realm="${realm}", error="invalid_token", error_description="Token verification failed"`,
    );
    for (const proof of [
      undefined,
      key.proof('GET', userinfoUrl),
      dpopTestKey().proof('GET', userinfoUrl, { accessToken: token }),
      key.proof('POST', userinfoUrl, { accessToken: token }),
    ]) {
      const refused = await target.request('GET', `/realms/${realm}/protocol/openid-connect/userinfo`, {
        headers: { authorization: `DPoP ${token}`, ...(proof === undefined ? {} : { dpop: proof }) },
      });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe(dpopChallenge(realm));
    }
  });
});

describe(`our guard and Keycloak's DPoP tokens (${kind})`, () => {
  interface FakeRequest {
    rawHeaders: string[];
    method: string;
    path: string;
  }
  const source: RequestSource<FakeRequest> = {
    rawHeaders: (request) => request.rawHeaders,
    query: () => undefined,
    requestTarget: (request) => ({ method: request.method, origin: 'https://api.example.com', path: request.path }),
  };

  it('accepts a DPoP-bound token with its proof and refuses it as Bearer', async () => {
    const guard = new KeycloakGuard<FakeRequest>(
      { serverUrl: target.url, realm, clientId: 'api', verifyTokenAudience: true },
      source,
    );
    try {
      const key = dpopTestKey();
      const { access_token: token } = await boundTokens(key);
      const check = guard.protect();
      const proof = key.proof('GET', 'https://api.example.com/orders', { accessToken: token });
      const context = await check({
        rawHeaders: ['Authorization', `DPoP ${token}`, 'DPoP', proof],
        method: 'GET',
        path: '/orders?page=2',
      });
      expect(context.token.preferred_username).toBe('alice');
      const asBearer = await check({
        rawHeaders: ['Authorization', `Bearer ${token}`],
        method: 'GET',
        path: '/orders',
      }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(asBearer).toBeInstanceOf(KeycloakGuardError);
      expect((asBearer as KeycloakGuardError).reason).toBe('dpop_bound_as_bearer');
      expect((asBearer as KeycloakGuardError).headers['www-authenticate']).toBe(
        `Bearer realm="${realm}", error="invalid_token", error_description="The access token is DPoP-bound: send it as Authorization: DPoP with a DPoP proof", DPoP algs="${ALGS.join(' ')}", realm="${realm}"`,
      );
    } finally {
      await guard.close();
    }
  });
});

describe(`KeycloakOpenID sends DPoP proofs (${kind})`, () => {
  it('gets DPoP-bound tokens with a generated key, refreshes them and reads userinfo with the bound token', async () => {
    const openid = new KeycloakOpenID({ serverUrl: target.url, realmName: realm, clientId: 'web', dpop: true });
    const signer = await openid.dpopSigner();
    const jkt = await signer?.thumbprint();
    const tokens = await openid.token('alice', 'alice-password');
    expect(tokens.token_type).toBe('DPoP');
    expect(jwtClaims(tokens.access_token)['cnf']).toEqual({ jkt, 'kc-jkt-type': 'DPoP' });
    const refreshed = await openid.refreshToken(tokens.refresh_token as string);
    expect(refreshed.token_type).toBe('DPoP');
    expect(jwtClaims(refreshed.access_token)['cnf']).toEqual({ jkt, 'kc-jkt-type': 'DPoP' });
    const info = (await openid.userinfo(refreshed.access_token)) as Record<string, unknown>;
    expect(info['preferred_username']).toBe('alice');
  });

  it('uses a given key pair, which a client requiring DPoP-bound tokens accepts', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const openid = new KeycloakOpenID({
      serverUrl: target.url,
      realmName: realm,
      clientId: 'bound',
      dpop: { privateKey, publicJwk: publicKey.export({ format: 'jwk' }) as never },
    });
    const tokens = await openid.token('alice', 'alice-password');
    expect(jwtClaims(tokens.access_token)['cnf']).toEqual({
      jkt: await (await openid.dpopSigner())?.thumbprint(),
      'kc-jkt-type': 'DPoP',
    });
    const plain = new KeycloakOpenID({ serverUrl: target.url, realmName: realm, clientId: 'bound' });
    await expect(plain.token('alice', 'alice-password')).rejects.toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'DPoP proof is missing' },
    });
  });

  it('refuses a key pair option holding private members, at construction', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(
      () =>
        new KeycloakOpenID({
          serverUrl: target.url,
          realmName: realm,
          clientId: 'web',
          dpop: { privateKey, publicJwk: privateKey.export({ format: 'jwk' }) as never },
        }),
    ).toThrow(new TypeError('"dpop.publicJwk" must be a public key: it holds private members'));
  });
});
