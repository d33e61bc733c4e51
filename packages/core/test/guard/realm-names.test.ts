import { KeycloakGuard, type RequestSource } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface PlainRequest {
  rawHeaders: string[];
}

const source: RequestSource<PlainRequest> = { rawHeaders: (r) => r.rawHeaders, query: () => undefined };
// Names Keycloak 26.7.3 accepts, with the issuers it writes for them (measured on the real tier): accents and
// other scripts are UTF-8 percent-encoded, a space is %20, '%' is %25, while ' and ~ stay as they are.
const NAMES = ['café', '日本', 'a b', '50%', "it's~ok"];

describe('a guard for a realm whose name needs percent-encoding in the issuer', () => {
  let kc: KeycloakTestServer;
  beforeAll(async () => {
    kc = await startKeycloak({
      realms: NAMES.map((realm) => ({
        realm,
        enabled: true,
        users: [{ username: 'ann', enabled: true, credentials: [{ type: 'password', value: 'pw' }] }],
        clients: [
          {
            clientId: 'cli',
            publicClient: true,
            directAccessGrantsEnabled: true,
            protocolMappers: [
              {
                name: 'api audience',
                protocol: 'openid-connect',
                protocolMapper: 'oidc-audience-mapper',
                config: { 'included.client.audience': 'api', 'access.token.claim': 'true' },
              },
            ],
          },
          { clientId: 'api', bearerOnly: true },
        ],
      })),
    });
  });
  afterAll(() => kc?.close());

  it.each(NAMES)('accepts the tokens of realm %j (issuer percent-encoded as Keycloak does)', async (realm) => {
    const body = new URLSearchParams({ grant_type: 'password', client_id: 'cli', username: 'ann', password: 'pw' });
    const answer = await fetch(`${kc.url}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`, {
      method: 'POST',
      body,
    });
    const { access_token } = (await answer.json()) as { access_token: string };
    const guard = new KeycloakGuard<PlainRequest>({ serverUrl: kc.url, realm, clientId: 'api' }, source);
    const context = await guard.protect()({ rawHeaders: ['Authorization', `Bearer ${access_token}`] });
    expect(context.token.iss).toBe(`${kc.url}/realms/${encodeURIComponent(realm)}`);
    expect(context.token.preferred_username).toBe('ann');
    await guard.close();
  });

  it.each([':', '/', '?', '#', '@', '!', '$', '&', '(', ')', '*', '+', ',', ';', '=', '[', ']', '\\'])(
    'refuses a realm name with %j, a character Keycloak refuses, at construction',
    (char) => {
      expect(
        () => new KeycloakGuard<PlainRequest>({ serverUrl: kc.url, realm: `a${char}b`, clientId: 'cli' }, source),
      ).toThrow(
        new TypeError(
          '"realm" must be a Keycloak realm name (none of : / ? # @ ! $ & ( ) * + , ; = [ ] \\) or a function returning one',
        ),
      );
    },
  );

  it.each(['', '.', '..'])('refuses the realm name %j at construction', (realm) => {
    expect(() => new KeycloakGuard<PlainRequest>({ serverUrl: kc.url, realm, clientId: 'cli' }, source)).toThrow(
      TypeError,
    );
  });
});
