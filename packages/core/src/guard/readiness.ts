/**
 * The shapes of `KeycloakGuard.ready()`, the startup check of a guard's options against Keycloak (see
 * ./internal/startup-check.ts for what it asks).
 */

/** Options of {@link KeycloakGuard.ready}. */
export interface GuardReadyOptions {
  /**
   * Also check the UMA resource server (`authorization.audience`, default `clientId`) when no permission or
   * policy-enforcer route was declared yet: routes declared with `protect()` before `ready()` are known to the
   * guard; give this when yours are declared later. Default false.
   */
  resourceServer?: boolean;
  /** Aborts the check (each call to Keycloak also has the guard's `timeoutDuration`). */
  signal?: AbortSignal;
}

/** What {@link KeycloakGuard.ready} found: what works, and what it could not check (and why). */
export interface GuardReadiness {
  /** What was checked and works, one sentence each, e.g. `realm "acme": discovery and JWKS (2 keys)`. */
  readonly checked: readonly string[];
  /**
   * What could not be checked before the first request, and why, e.g. realms a resolver picks per request, or a
   * resource server when no `clientSecret` is given. Empty when everything was checked.
   */
  readonly unchecked: readonly string[];
}
