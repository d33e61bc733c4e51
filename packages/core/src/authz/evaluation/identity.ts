/** The identity a local policy evaluation runs against, built from verified access-token claims. */
import { isObject, toStrings } from '../internal/json.js';

/** The claims the evaluator reads; any other claim is available to regex policies. */
export interface AuthzClaims {
  sub?: string;
  preferred_username?: string;
  azp?: string;
  scope?: string;
  groups?: unknown;
  realm_access?: { roles?: string[] };
  resource_access?: Record<string, { roles?: string[] }>;
  [claim: string]: unknown;
}

/** What policies can see of the caller. Build it with {@link createAuthzIdentity}. */
export interface AuthzIdentity {
  /** `sub`. */
  readonly id: string | undefined;
  readonly username: string | undefined;
  /** The requesting client (`azp`). */
  readonly clientId: string | undefined;
  readonly realmRoles: ReadonlySet<string>;
  /** Client roles keyed by clientId. */
  readonly clientRoles: ReadonlyMap<string, ReadonlySet<string>>;
  /** Granted client scopes (`scope` claim). */
  readonly scopes: ReadonlySet<string>;
  /** Every claim of the token, for regex and group-claim lookups. */
  readonly claims: Readonly<Record<string, unknown>>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function roleSet(value: unknown): Set<string> {
  return new Set(
    isObject(value) && Array.isArray(value.roles)
      ? value.roles.filter((role): role is string => typeof role === 'string')
      : [],
  );
}

/**
 * Builds the evaluation identity from an access token's claims. The claims must come from a
 * verified token: nothing here checks signatures or expiry.
 */
export function createAuthzIdentity(claims: AuthzClaims): AuthzIdentity {
  const clientRoles = new Map<string, ReadonlySet<string>>();
  if (isObject(claims.resource_access)) {
    for (const [clientId, access] of Object.entries(claims.resource_access)) clientRoles.set(clientId, roleSet(access));
  }
  return {
    id: text(claims.sub),
    username: text(claims.preferred_username),
    clientId: text(claims.azp),
    realmRoles: roleSet(claims.realm_access),
    clientRoles,
    scopes: new Set(typeof claims.scope === 'string' ? claims.scope.split(' ').filter((scope) => scope !== '') : []),
    claims: { ...claims },
  };
}

/** The values of a claim as Keycloak's identity attributes hold them (strings). */
export function claimValues(identity: AuthzIdentity, claim: string): string[] {
  return toStrings(identity.claims[claim]);
}
