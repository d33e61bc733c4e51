import type { KeycloakAccessTokenClaims, KeycloakPermission } from '../token/claims.js';
import type { VerifiedToken } from '../token/verified-token.js';
import { holdsRole, parseRole } from './internal/roles.js';

/** Gives the context its shared admin client without holding the guard's internals. */
export interface AdminProvider<A> {
  readonly admin: A;
}

/**
 * What a protected handler gets as `req.keycloak` / `request.keycloak`: the verified claims, the raw
 * bearer string, role helpers and the app's shared admin client. Type your own claims by merging into
 * `KeycloakAccessTokenClaims` of `@keycloak-ts/core`.
 */
export class KeycloakRequestContext<C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims, A = unknown> {
  /** The verified claims (deeply frozen). */
  readonly token: Readonly<C>;
  /** The bearer token as sent, to call other APIs on the user's behalf. Never log it. */
  readonly raw: string;
  /** The realm the token was verified against. */
  readonly realm: string;
  /**
   * The UMA permissions granted for this request, on routes protected by permissions or a policy
   * enforcer: those of the needed resources and scopes, from the RPT, the decision cache or Keycloak.
   * Undefined where no UMA decision was made (other specs, enforcement DISABLED, unmatched PERMISSIVE path).
   */
  readonly permissions: readonly KeycloakPermission[] | undefined;
  readonly #verified: VerifiedToken<C>;
  readonly #clientId: string;
  readonly #admin: AdminProvider<A>;

  /** @internal Built by the guard for each allowed request. */
  constructor(
    verified: VerifiedToken<C>,
    raw: string,
    realm: string,
    clientId: string,
    admin: AdminProvider<A>,
    permissions?: readonly KeycloakPermission[],
  ) {
    this.token = verified.claims;
    this.raw = raw;
    this.realm = realm;
    this.permissions = permissions;
    this.#verified = verified;
    this.#clientId = clientId;
    this.#admin = admin;
  }

  /** The verified token object (scopes, expiry, header). */
  get verified(): VerifiedToken<C> {
    return this.#verified;
  }

  /** True when the token has the realm role. */
  hasRealmRole(role: string): boolean {
    return this.#verified.hasRealmRole(role);
  }

  /** True when the token has the role of `clientId`. */
  hasClientRole(clientId: string, role: string): boolean {
    return this.#verified.hasClientRole(clientId, role);
  }

  /** keycloak-connect's grammar: `realm:NAME`, `CLIENT:NAME`, or a bare NAME of the configured client. */
  hasRole(role: string): boolean {
    return holdsRole(this.token, parseRole(role, this.#clientId));
  }

  /** True when the token's `scope` claim lists `scope` exactly (Keycloak lists the client scopes granted). */
  hasScope(scope: string): boolean {
    return this.#verified.hasScope(scope);
  }

  /** The admin client shared by all requests of the app, created on first use. */
  get admin(): A {
    return this.#admin.admin;
  }

  /** Safe to log: no token. */
  toJSON(): Record<string, unknown> {
    return {
      realm: this.realm,
      token: this.#verified.toJSON(),
      ...(this.permissions === undefined ? {} : { permissions: this.permissions }),
    };
  }
}
