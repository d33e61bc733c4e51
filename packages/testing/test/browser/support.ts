import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm } from '../support.js';

/** The redirect URI of the demo realm's public `web` client. */
export const redirectUri = 'http://localhost:3000/callback';

/** A test server with the demo realm and `spa`, a public client that requires S256 PKCE. */
export function startBrowserServer(): Promise<KeycloakTestServer> {
  return startKeycloak({
    realms: [
      {
        ...demoRealm,
        clients: [
          ...(demoRealm.clients ?? []),
          {
            clientId: 'spa',
            publicClient: true,
            redirectUris: ['https://spa.example/*'],
            attributes: { 'pkce.code.challenge.method': 'S256' },
          },
        ],
      },
    ],
  });
}

/** An authorization URL of the demo realm for `web` (state `st-1`), with `params` added or replaced. */
export function demoAuthUrl(kc: KeycloakTestServer, params: Record<string, string> = {}): string {
  return `${kc.url}/realms/demo/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'web', redirect_uri: redirectUri, response_type: 'code', scope: 'openid', state: 'st-1', ...params })}`;
}
