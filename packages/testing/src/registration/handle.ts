import type { KeycloakTestServer } from '../server.js';
import { issueInitialAccessToken, type InitialAccess, type InitialAccessOptions } from './tokens.js';

/**
 * Creates an initial access token for client registration in a realm (what an admin does with
 * `POST /admin/realms/{realm}/clients-initial-access`). `expiration` is in seconds (0 = never), `count` the
 * number of registrations it allows (0 = unlimited).
 */
export async function createInitialAccessToken(
  server: KeycloakTestServer,
  realmName: string,
  options: InitialAccessOptions = {},
): Promise<InitialAccess & { token: string }> {
  const realm = server.model.realm(realmName);
  if (!realm) throw new TypeError(`realmName: no realm ${realmName}`);
  return issueInitialAccessToken(
    server.kernel,
    realm,
    `${server.url}/realms/${encodeURIComponent(realmName)}`,
    options,
  );
}
