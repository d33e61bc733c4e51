import { KeycloakGuard, KeycloakGuardError, type RequestSource } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundToken } from '../../../../test/security/support/dpop-tokens.js';
import { startShop, type ShopKeycloak } from '../../../../test/support/guard/realm.js';
import { dpopTestKey } from '../../../../test/support/dpop.js';

// How the guard's refusals name DPoP (RFC 9449 §7.1) on the paths the adapters' suites reach less: a refusal that
// comes after the realm's keys were fetched, a DPoP request refused under `required`, a realm the guard could not
// tell, and errors that are no refusal at all, which pass unchanged.

interface Request {
  authorization?: string;
  proof?: string;
}
const TARGET = { method: 'GET', origin: 'https://api.example.com', path: '/orders' };
const HTU = 'https://api.example.com/orders';
const source: RequestSource<Request> = {
  rawHeaders: (request) => [
    ...(request.authorization === undefined ? [] : ['Authorization', request.authorization]),
    ...(request.proof === undefined ? [] : ['DPoP', request.proof]),
  ],
  query: () => undefined,
  requestTarget: () => TARGET,
};

let shop: ShopKeycloak;
let alice: string;
beforeAll(async () => {
  shop = await startShop();
  alice = await shop.tokenFor('alice');
});
afterAll(() => shop?.close());

const guards: KeycloakGuard<Request>[] = [];
afterAll(() => Promise.all(guards.map((guard) => guard.close())));
const guard = (options: Record<string, unknown>): KeycloakGuard<Request> => {
  const made = new KeycloakGuard<Request>({ serverUrl: shop.serverUrl, clientId: 'orders-api', ...options }, source);
  guards.push(made);
  return made;
};
const required = { realm: 'shop', dpop: { required: true, algorithms: ['ES256'] } };

async function rejection(pending: unknown): Promise<unknown> {
  return Promise.resolve(pending).then(
    () => {
      throw new Error('expected a refusal');
    },
    (caught: unknown) => caught,
  );
}
async function refusal(pending: unknown): Promise<KeycloakGuardError> {
  const error = await rejection(pending);
  expect(error).toBeInstanceOf(KeycloakGuardError);
  return error as KeycloakGuardError;
}

describe('dpop.required', () => {
  it('names DPoP alone for a Bearer token refused once the keys are fetched', async () => {
    const [head, payload] = alice.split('.');
    const forged = `${head}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const check = guard(required).protectInline();
    const pending = check({ authorization: `Bearer ${forged}` });
    expect(pending).toBeInstanceOf(Promise);
    expect((await refusal(pending)).wwwAuthenticate).toMatch(
      /^DPoP algs="ES256", realm="shop", error="invalid_token", error_description="[^"]+"$/,
    );
  });

  it('names DPoP alone for a DPoP request without its proof', async () => {
    const error = await refusal(guard(required).protect()({ authorization: `DPoP ${alice}` }));
    expect(error.wwwAuthenticate).toBe(
      'DPoP algs="ES256", realm="shop", error="invalid_dpop_proof", error_description="A DPoP proof header is required"',
    );
  });

  it("forwards an error of the app's predicate untouched, even one that looks like a refusal", async () => {
    const key = dpopTestKey('ES256');
    const token = await boundToken(shop.serverUrl, 'shop', key);
    const thrown = Object.assign(new Error('app failure'), { wwwAuthenticate: 'Bearer realm="app"' });
    const check = guard(required).protect(() => {
      throw thrown;
    });
    const request = () => ({ authorization: `DPoP ${token}`, proof: key.proof('GET', HTU, { accessToken: token }) });
    expect(await rejection(check(request()))).toBe(thrown);
    const passing = guard(required).protect(() => true);
    expect((await passing(request())).token.preferred_username).toBe('alice');
  });
});

describe('a DPoP request to a guard with an issuer allow-list', () => {
  it('answers a token whose issuer cannot be read with a bare Bearer challenge naming no realm, then DPoP', async () => {
    const listed = guard({ allowedIssuers: [`${shop.serverUrl}/realms/shop`], dpop: { algorithms: ['ES256'] } });
    const error = await refusal(listed.protect()({ authorization: 'DPoP a.b.c' }));
    expect(error.reason).toBe('malformed');
    expect(error.wwwAuthenticate).toMatch(/^Bearer, DPoP algs="ES256", error="invalid_token", error_description="/);
  });
});

describe('the request source', () => {
  it("forwards an error of the source's requestTarget untouched: a bug of the adapter is no refusal", async () => {
    const boom = new TypeError('cannot read the host');
    const failing = new KeycloakGuard<Request>(
      { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' },
      {
        ...source,
        requestTarget: () => {
          throw boom;
        },
      },
    );
    guards.push(failing);
    const key = dpopTestKey('ES256');
    const token = await boundToken(shop.serverUrl, 'shop', key);
    const proof = key.proof('GET', HTU, { accessToken: token });
    expect(await rejection(failing.protect()({ authorization: `DPoP ${token}`, proof }))).toBe(boom);
  });
});
