/**
 * An independent certified OpenID Provider (panva's oidc-provider) mounted under /realms/{realm} with
 * Keycloak's route names, so KeycloakOpenID's fixed Keycloak paths reach it unchanged.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata } from 'oidc-provider';

export interface MountedProvider {
  /** Server base URL, e.g. `http://127.0.0.1:1234`. */
  url: string;
  issuer: string;
  provider: Provider;
  /** Requests per path (without the realm prefix), for counting fetches. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export const PROVIDER_ROUTES = {
  authorization: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  jwks: '/protocol/openid-connect/certs',
  userinfo: '/protocol/openid-connect/userinfo',
  introspection: '/protocol/openid-connect/token/introspect',
  revocation: '/protocol/openid-connect/revoke',
  end_session: '/protocol/openid-connect/logout',
  device_authorization: '/protocol/openid-connect/auth/device',
  code_verification: '/device',
  registration: '/clients-registrations/default',
};

/** Starts oidc-provider on 127.0.0.1, port 0, issuer `http://127.0.0.1:PORT/realms/{realm}`. */
export async function startOidcProvider(
  clients: ClientMetadata[],
  realm = 'demo',
  initialAccessToken = 'initial-token',
): Promise<MountedProvider> {
  const prefix = `/realms/${realm}`;
  const hits = new Map<string, number>();
  let callback: ((req: IncomingMessage, res: import('node:http').ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith(`${prefix}/`) || callback === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Realm does not exist"}');
      return;
    }
    const path = url.slice(prefix.length);
    hits.set(path.split('?')[0] as string, (hits.get(path.split('?')[0] as string) ?? 0) + 1);
    // oidc-provider derives its mount path from originalUrl, as when mounted by Express.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = path;
    callback(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${url}${prefix}`;
  const provider = new Provider(issuer, {
    clients,
    routes: PROVIDER_ROUTES,
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      deviceFlow: { enabled: true },
      registration: { enabled: true, initialAccessToken },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:demo:api',
        useGrantedResource: () => true,
        // `urn:demo:opaque` gets opaque tokens, which oidc-provider introspects (it refuses JWTs there).
        getResourceServerInfo: (_ctx, resource) =>
          resource === 'urn:demo:opaque'
            ? { scope: 'read', audience: 'demo-opaque', accessTokenFormat: 'opaque' }
            : { scope: 'read', audience: 'demo-api', accessTokenFormat: 'jwt' },
      },
    },
    // Keycloak's access-token profile: the payload says it is a Bearer token.
    extraTokenClaims: () => ({ typ: 'Bearer' }),
    scopes: ['openid', 'read'],
  });
  callback = provider.callback();
  return {
    url,
    issuer,
    provider,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
