import { KeycloakInvalidTokenError, TokenVerifier } from '@keycloak-ts/core';

const verifier = new TokenVerifier({ issuer: 'https://sso.example.com/realms/acme', audience: 'orders-api' });

export async function authorize(bearer: string): Promise<boolean> {
  try {
    const token = await verifier.verify(bearer); // a warm cache hit costs no signature check
    return token.hasRealmRole('admin') || token.hasClientRole('orders-api', 'editor');
  } catch (error) {
    if (error instanceof KeycloakInvalidTokenError && error.isUpstreamFailure) throw error; // Keycloak down: 503
    return false; // a bad token: 401, with error.reason saying why
  }
}
