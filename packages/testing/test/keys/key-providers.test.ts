import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRemoteJWKSet, decodeProtectedHeader, importX509, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startKeycloak,
  type ComponentRepresentation,
  type KeycloakTestServer,
  type RealmRepresentation,
} from '@keycloak-ts/testing';
import { postForm } from '../support.js';

// The rsa-generated key of a real Keycloak 26.5.5 export (fixtures/README.md), re-imported as an `rsa` provider in PEM.
const master = JSON.parse(
  readFileSync(new URL('../fixtures/realm-export-master-kc26.5.5.json', import.meta.url), 'utf8'),
) as RealmRepresentation;
const exported =
  master.components?.['org.keycloak.keys.KeyProvider']?.find((c) => c.providerId === 'rsa-generated')?.config ?? {};
const pem = (label: string, base64: string) =>
  `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)?.join('\n')}\n-----END ${label}-----\n`;
const privatePem = pem('RSA PRIVATE KEY', exported['privateKey']?.[0] ?? '');
const certificatePem = pem('CERTIFICATE', exported['certificate']?.[0] ?? '');

const keyProviders = (...components: ComponentRepresentation[]) => ({ 'org.keycloak.keys.KeyProvider': components });
const realm = (name: string, extra: Partial<RealmRepresentation>): RealmRepresentation => ({
  realm: name,
  enabled: true,
  users: [{ username: 'ann', enabled: true, credentials: [{ type: 'password', value: 'pw' }] }],
  clients: [{ clientId: 'web', publicClient: true, directAccessGrantsEnabled: true }],
  ...extra,
});

let kc: KeycloakTestServer;

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      realm('ec', {
        defaultSignatureAlgorithm: 'ES256',
        components: keyProviders({ name: 'ec', providerId: 'ecdsa-generated', config: { priority: ['100'] } }),
      }),
      realm('ed', { defaultSignatureAlgorithm: 'EdDSA' }),
      realm('imported', {
        components: keyProviders({
          name: 'mine',
          providerId: 'rsa',
          config: { priority: ['200'], privateKey: [privatePem], certificate: [certificatePem] },
        }),
      }),
      realm('flags', {
        components: keyProviders(
          { name: 'passive', providerId: 'rsa-generated', config: { priority: ['300'], active: ['false'] } },
          { name: 'disabled', providerId: 'rsa-generated', config: { priority: ['400'], enabled: ['false'] } },
          { name: 'signer', providerId: 'rsa-generated', config: { priority: ['100'] } },
          {
            name: 'hmac',
            providerId: 'hmac-generated',
            config: {
              priority: ['100'],
              algorithm: ['HS512'],
              kid: ['hmac-kid'],
              secret: ['c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0'],
            },
          },
        ),
      }),
    ],
  });
});
afterAll(() => kc.close());

async function login(realmName: string) {
  const { status, body } = await postForm(`${kc.url}/realms/${realmName}/protocol/openid-connect/token`, {
    grant_type: 'password',
    client_id: 'web',
    username: 'ann',
    password: 'pw',
  });
  expect(status).toBe(200);
  return body as { access_token: string; refresh_token: string };
}

async function certs(realmName: string) {
  return (
    (await (await fetch(`${kc.url}/realms/${realmName}/protocol/openid-connect/certs`)).json()) as {
      keys: Record<string, unknown>[];
    }
  ).keys;
}

const verifyWithJwks = (realmName: string, token: string) =>
  jwtVerify(token, createRemoteJWKSet(new URL(`${kc.url}/realms/${realmName}/protocol/openid-connect/certs`)), {
    issuer: `${kc.url}/realms/${realmName}`,
  });

describe('key providers', () => {
  it('signs with an ecdsa-generated key when the realm default algorithm is ES256, and publishes it as an EC JWK', async () => {
    const { access_token, refresh_token } = await login('ec');
    const { protectedHeader } = await verifyWithJwks('ec', access_token);
    expect(protectedHeader.alg).toBe('ES256');
    const ec = (await certs('ec')).find((k) => k['kid'] === protectedHeader.kid);
    expect(Object.keys(ec ?? {})).toEqual(['kid', 'kty', 'alg', 'use', 'crv', 'x', 'y']);
    expect(ec).toMatchObject({ kty: 'EC', alg: 'ES256', use: 'sig', crv: 'P-256' });
    // The export lists no HMAC provider: refresh tokens still get one, as Keycloak's fallback keys do.
    expect(decodeProtectedHeader(refresh_token).alg).toBe('HS512');
  });

  it('creates an EdDSA fallback key when no provider makes one and signs with it', async () => {
    const { access_token } = await login('ed');
    const { protectedHeader } = await verifyWithJwks('ed', access_token);
    expect(protectedHeader.alg).toBe('EdDSA');
    expect((await certs('ed')).find((k) => k['kid'] === protectedHeader.kid)).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      alg: 'EdDSA',
      use: 'sig',
    });
    const [entry] = ((await kc.model.realm('ed')?.keys.all()) ?? []).filter((k) => k.alg === 'EdDSA');
    expect(entry).toMatchObject({ componentName: 'fallback-EdDSA', priority: -100, providerId: 'eddsa-generated' });
    // Asking again reuses that key instead of adding another.
    await login('ed');
    expect(((await kc.model.realm('ed')?.keys.all()) ?? []).filter((k) => k.alg === 'EdDSA')).toHaveLength(1);
  });

  it('signs with an imported rsa provider whose PEM certificate the JWKS carries', async () => {
    const { access_token } = await login('imported');
    const spki = createPublicKey(privatePem).export({ format: 'der', type: 'spki' });
    const kid = createHash('sha256').update(spki).digest('base64url');
    expect(decodeProtectedHeader(access_token).kid).toBe(kid);
    // Verified with the imported certificate alone, not the server's JWKS.
    await expect(jwtVerify(access_token, await importX509(certificatePem, 'RS256'))).resolves.toBeTruthy();
    expect((await certs('imported')).find((k) => k['kid'] === kid)?.['x5c']).toEqual([exported['certificate']?.[0]]);
  });

  it('signs with the highest-priority active key, lists passive keys and hides disabled ones', async () => {
    const keys = (await kc.model.realm('flags')?.keys.all()) ?? [];
    const kidOf = (name: string) => keys.find((k) => k.componentName === name)?.kid;
    const { access_token, refresh_token } = await login('flags');
    expect(decodeProtectedHeader(access_token).kid).toBe(kidOf('signer'));
    expect(decodeProtectedHeader(refresh_token).kid).toBe('hmac-kid');
    const listed = (await certs('flags')).map((k) => k['kid']);
    expect(listed).toContain(kidOf('passive'));
    expect(listed).toContain(kidOf('signer'));
    expect(listed).not.toContain(kidOf('disabled'));
  });
});
