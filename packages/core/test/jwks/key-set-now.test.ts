import { RemoteKeySet } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// keyNow / advertisesNow answer in the same tick what getKey / advertises would, or undefined / false when only
// the asynchronous calls can tell: against the in-memory Keycloak's real JWKS over HTTP.
describe('RemoteKeySet answers without waiting', () => {
  let kc: KeycloakTestServer;
  let jwksUri: string;
  let kid: string;

  beforeAll(async () => {
    kc = await startKeycloak({ realms: [{ realm: 'now', enabled: true }] });
    jwksUri = `${kc.url}/realms/now/protocol/openid-connect/certs`;
    const jwks = (await (await fetch(jwksUri)).json()) as { keys: Array<{ kid: string; alg: string; use: string }> };
    kid = jwks.keys.find((key) => key.alg === 'RS256' && key.use === 'sig')?.kid as string;
  });
  afterAll(() => kc?.close());

  it('knows nothing before the keys are loaded, and fetches nothing to say so', async () => {
    const keys = new RemoteKeySet({ jwksUri });
    const before = kc.counters.get('certs');
    expect(keys.keyNow({ alg: 'RS256', kid })).toBeUndefined();
    expect(keys.advertisesNow('RS256')).toBe(false);
    expect(kc.counters.get('certs')).toBe(before);
    await keys.getKey({ alg: 'RS256', kid });
    expect(kc.counters.get('certs')).toBe(before + 1);
  });

  it('gives the key getKey gives once loaded, and undefined for a kid or alg the realm does not hold', async () => {
    const keys = new RemoteKeySet({ jwksUri });
    const fetched = await keys.getKey({ alg: 'RS256', kid });
    const now = keys.keyNow({ alg: 'RS256', kid });
    expect(now?.export({ format: 'jwk' })).toEqual(fetched.export({ format: 'jwk' }));
    expect(keys.advertisesNow('RS256')).toBe(true);
    expect(keys.advertisesNow('ES512')).toBe(false);
    expect(keys.keyNow({ alg: 'RS256', kid: 'no-such-kid' })).toBeUndefined();
  });
});
