import { KeycloakGuard, KeycloakGuardError } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logoutRequest, revocationRealm } from '../../../../test/security/support/revocation.js';
import { bearerSource as source, type BearerRequest as Request } from '../../../../test/support/guard/bearer-source.js';
import { startShop, type ShopKeycloak } from '../../../../test/support/guard/realm.js';

// A guard whose realm is not fixed learns it per request: from a resolver, or from the token's issuer when it is
// on `allowedIssuers`. The same sources name the realm of Keycloak's revocation callbacks, of the startup check,
// and of the DPoP challenge.

let shop: ShopKeycloak;
let issuerOf: (realm: string) => string;
beforeAll(async () => {
  shop = await startShop([revocationRealm('north'), revocationRealm('south')]);
  issuerOf = (realm) => `${shop.serverUrl}/realms/${realm}`;
});
afterAll(() => shop?.close());

const login = (realm: string) => shop.tokenFor('alice', realm);
const guards: KeycloakGuard<Request>[] = [];
afterAll(() => Promise.all(guards.map((guard) => guard.close())));
const guard = (options: Record<string, unknown>): KeycloakGuard<Request> => {
  const created = new KeycloakGuard<Request>(
    {
      serverUrl: shop.serverUrl,
      clientId: 'orders-api',
      verifyTokenAudience: true,
      revocation: { logoutTokenAudiences: ['web'] },
      ...options,
    } as never,
    source,
  );
  guards.push(created);
  return created;
};
const logoutOf = (realm: string, token: string) => logoutRequest(shop.server, realm, token);
const refusal = (pending: Promise<unknown>): Promise<KeycloakGuardError> =>
  pending.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(KeycloakGuardError);
      return error as KeycloakGuardError;
    },
  );

describe('revocation callbacks of a guard without a fixed realm', () => {
  it("takes a logout from the realm the resolver names for the callback, and refuses another realm's", async () => {
    const resolved = guard({ realm: (request: Request) => request.realm });
    const token = await login('north');
    expect((await resolved.protect()({ token, realm: 'north' })).realm).toBe('north');
    const logout = await logoutOf('north', token);
    // Signed by north's key: south's keys cannot verify it.
    expect((await resolved.receiveRevocation('backchannel-logout', { realm: 'south' }, logout)).status).not.toBe(200);
    expect((await resolved.protect()({ token, realm: 'north' })).realm).toBe('north');
    expect((await resolved.receiveRevocation('backchannel-logout', { realm: 'north' }, logout)).status).toBe(200);
    expect((await refusal(resolved.protect()({ token, realm: 'north' }))).reason).toBe('token_revoked');
  });

  it('answers 400, not a 500, when the resolver cannot read the callback', async () => {
    const throwing = guard({
      realm: () => {
        throw new TypeError('no host header');
      },
    });
    const answer = await throwing.receiveRevocation(
      'backchannel-logout',
      {},
      await logoutOf('north', await login('north')),
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(String(answer.body))).toEqual({
      error: 'invalid_request',
      error_description: 'The logout token comes from no realm this API accepts',
    });
  });

  it('takes a logout from any realm of the issuer allow-list', async () => {
    const listed = guard({ allowedIssuers: [issuerOf('north'), issuerOf('south')] });
    const token = await login('south');
    expect((await listed.protect()({ token })).realm).toBe('south');
    expect((await listed.receiveRevocation('backchannel-logout', {}, await logoutOf('south', token))).status).toBe(200);
    expect((await refusal(listed.protect()({ token }))).reason).toBe('token_revoked');
    expect((await listed.protect()({ token: await login('south') })).realm).toBe('south');
  });
});

describe('a guard with an issuer allow-list', () => {
  it('checks every listed realm at startup', async () => {
    const listed = guard({ allowedIssuers: [issuerOf('north'), issuerOf('south')] });
    const { checked } = await listed.ready();
    expect(checked.join('\n')).toMatch(/"north"/);
    expect(checked.join('\n')).toMatch(/"south"/);
    expect(listed.stats.realms.map((realm) => realm.realm).sort()).toEqual(['north', 'south']);
  });

  it("keeps one entry per listed realm: a token verified once is answered from its realm's cache", async () => {
    const check = guard({ allowedIssuers: [issuerOf('north'), issuerOf('south')] }).protectInline();
    const token = await login('north');
    const first = check({ token });
    expect(first).toBeInstanceOf(Promise);
    await first;
    const second = check({ token });
    expect(second).not.toBeInstanceOf(Promise);
    expect((second as { realm: string }).realm).toBe('north');
  });

  it('refuses a token whose issuer cannot be read as malformed, and an unlisted issuer as not allowed', async () => {
    const listed = guard({ allowedIssuers: [issuerOf('north')] });
    expect((await refusal(listed.protect()({ token: 'a.b.c' }))).reason).toBe('malformed');
    expect((await refusal(listed.protect()({ token: await login('south') }))).reason).toBe('issuer_not_allowed');
  });
});

describe('ready()', () => {
  it('checks the resource server when asked, or once a UMA route is declared, and says what it could not', async () => {
    const fixed = guard({ realm: 'north' });
    const resourceServer = (found: { unchecked: readonly string[] }) =>
      found.unchecked.filter((line) => line.startsWith('resource server "orders-api"'));
    expect(resourceServer(await fixed.ready())).toEqual([]);
    expect(resourceServer(await fixed.ready({ resourceServer: true }))).toHaveLength(1);
    fixed.protect('orders:read');
    expect(resourceServer(await fixed.ready())).toHaveLength(1);
  });

  it('rejects once the guard is closed', async () => {
    const closed = guard({ realm: 'north' });
    await closed.close();
    await expect(closed.ready()).rejects.toThrow('The Keycloak guard is closed');
  });
});

describe('the DPoP challenge of a guard with a resolver', () => {
  const required = (realm: (request: Request) => string) =>
    guard({ realm, dpop: { required: true, algorithms: ['ES256'] } });

  it("names the resolver's realm", async () => {
    const error = await refusal(required((request) => request.realm ?? '').protect()({ realm: 'north' }));
    expect(error.wwwAuthenticate).toBe('DPoP algs="ES256", realm="north"');
  });

  it('names no realm when the resolver cannot read the request', async () => {
    const throwing = required(() => {
      throw new TypeError('no host header');
    });
    const error = await refusal(throwing.protect()({ token: 'a.b.c' }));
    expect(error.reason).toBe('realm_unresolved');
    expect(error.wwwAuthenticate).toMatch(/^DPoP algs="ES256", error="invalid_request"/);
  });
});
