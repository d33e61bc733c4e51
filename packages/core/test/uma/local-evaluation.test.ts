import { KeycloakError, KeycloakOpenID } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { useUmaServer } from './support/server.js';
import { rulesSettings, umaRealm } from './support/realm.js';

// evaluateAuthorization introspects api's own tokens, which Keycloak 26.6.2+ answers only to a client in their
// aud: here api names itself with an Audience mapper, as an admin sets it up for this use.
const server = useUmaServer({
  ...umaRealm,
  clients: umaRealm.clients?.map((client) =>
    client.clientId === 'api'
      ? {
          ...client,
          protocolMappers: [
            {
              name: 'api-audience',
              protocol: 'openid-connect',
              protocolMapper: 'oidc-audience-mapper',
              config: { 'included.client.audience': 'api', 'access.token.claim': 'true' },
            },
          ],
        }
      : client,
  ),
});
const names = (permissions: ReadonlyArray<{ rsname?: string; scopes?: readonly string[] }>): string[] =>
  permissions.map((p) => `${p.rsname ?? ''}#${[...(p.scopes ?? [])].sort().join(',')}`).sort();

/** What the server's UMA grant entitles the user to on `rules`; a 403 denial is nothing. */
async function fromKeycloak(token: string): Promise<string[]> {
  try {
    return names(await server.openid.umaPermissions(token, '', { audience: 'rules' }));
  } catch (error) {
    if (error instanceof KeycloakError && error.status === 403) return [];
    throw error;
  }
}

describe('KeycloakOpenID.evaluateAuthorization', () => {
  it('refuses to run before settings are loaded', async () => {
    const { token } = await server.login('alice');
    const fresh = new KeycloakOpenID({
      serverUrl: server.kc.url,
      realmName: 'uma',
      clientId: 'api',
      clientSecretKey: 'api-secret',
    });
    await expect(fresh.evaluateAuthorization(token)).rejects.toMatchObject({ code: 'ERR_AUTHORIZATION_CONFIG' });
    await fresh.close();
  });

  it.each([
    ['alice', ['archive#', 'ledger#view']],
    ['bob', ['ledger#edit,view']],
    ['carol', []],
  ] as const)(
    'grants %s locally what the UMA grant grants, with NEGATIVE logic, AFFIRMATIVE and an aggregate',
    async (user, expected) => {
      const { token } = await server.login(user);
      await server.openid.loadAuthorizationConfig(rulesSettings);
      const local = await server.openid.evaluateAuthorization(token, {}, { methodTokenInfo: 'decode' });
      expect(names(local.permissions)).toEqual(expected);
      expect(await fromKeycloak(token)).toEqual(expected);
      const introspected = await server.openid.evaluateAuthorization(token, {
        permissions: [{ resource: 'ledger', scopes: ['edit'] }],
      });
      expect(names(introspected.permissions)).toEqual(
        expected.filter((p) => p.includes('edit')).map(() => 'ledger#edit'),
      );
    },
  );
});
