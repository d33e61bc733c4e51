import type { KeycloakAccessTokenClaims, VerifiedTokenHeader } from './claims.js';
import { own } from './internal/validate-claims.js';

/**
 * A token that passed verification (or introspection). Claims are deeply frozen because one instance is
 * shared by every request that presents the same token while it is cached. The raw token is not kept,
 * so logging this object never leaks it.
 */
export class VerifiedToken<C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims> {
  readonly #claims: Readonly<C>;
  readonly #header: Readonly<VerifiedTokenHeader> | undefined;
  #scopes: readonly string[] | undefined;

  /** @internal Built by the verifier and the introspector after their checks. */
  constructor(claims: C, header?: VerifiedTokenHeader) {
    this.#claims = deepFreeze(claims);
    this.#header = deepFreeze(header);
  }

  /** The verified claims. */
  get claims(): Readonly<C> {
    return this.#claims;
  }

  /** The protected header; undefined for introspected tokens. */
  get header(): Readonly<VerifiedTokenHeader> | undefined {
    return this.#header;
  }

  /** `sub`, absent from lightweight and some service tokens. */
  get subject(): string | undefined {
    return own(this.#claims, 'sub') as string | undefined;
  }

  /** Expiry in epoch milliseconds. */
  get expiresAt(): number {
    return this.#claims.exp * 1000;
  }

  /** The `scope` claim split on spaces; empty when absent. */
  get scopes(): readonly string[] {
    this.#scopes ??= scopes(this.#claims);
    return this.#scopes;
  }

  /** True when `scope` lists `scope` exactly. */
  hasScope(scope: string): boolean {
    return this.scopes.includes(scope);
  }

  /** True when `realm_access.roles` contains `role` exactly (case-sensitive, no composites expanded). */
  hasRealmRole(role: string): boolean {
    return hasRealmRole(this.#claims, role);
  }

  /** True when `resource_access[clientId].roles` contains `role` exactly. */
  hasClientRole(clientId: string, role: string): boolean {
    return hasClientRole(this.#claims, clientId, role);
  }

  /** Only what is safe to log: subject, client and expiry. */
  toJSON(): Record<string, unknown> {
    return { sub: this.subject, azp: own(this.#claims, 'azp'), exp: this.#claims.exp };
  }
}

/** True when the claims' `realm_access.roles` contains `role`; own properties only. */
export function hasRealmRole(claims: KeycloakAccessTokenClaims, role: string): boolean {
  return rolesOf(own(claims, 'realm_access')).includes(role);
}

/** True when the claims' `resource_access[clientId].roles` contains `role`; own properties only. */
export function hasClientRole(claims: KeycloakAccessTokenClaims, clientId: string, role: string): boolean {
  const access = own(claims, 'resource_access');
  // Object.hasOwn reads a primitive as an object with no own keys; only null and undefined throw.
  if (access === null || access === undefined) return false;
  return rolesOf(own(access as Record<string, unknown>, clientId)).includes(role);
}

/** The claims' `scope` split on spaces, empty entries dropped. */
export function scopes(claims: KeycloakAccessTokenClaims): readonly string[] {
  const scope = own(claims, 'scope');
  return Object.freeze(typeof scope === 'string' ? scope.split(' ').filter((item) => item !== '') : []);
}

function rolesOf(access: unknown): readonly unknown[] {
  // As above: only null and undefined cannot be read.
  if (access === null || access === undefined) return [];
  const roles = own(access as Record<string, unknown>, 'roles');
  return Array.isArray(roles) ? roles : [];
}

/**
 * Freezes `value` and everything it holds (already frozen objects are left as they are). Runs on every token not
 * seen before: primitives, most of a token's values, are skipped without a call, and own keys are walked without
 * building an array of values.
 */
export function deepFreeze<T>(value: T): T {
  // A primitive, null and undefined count as frozen.
  if (Object.isFrozen(value)) return value;
  Object.freeze(value);
  // Stryker disable ConditionalExpression,LogicalOperator,EqualityOperator,BlockStatement,StringLiteral: shortcuts
  // (arrays walked without a key list, primitives skipped without a call); deepFreeze handles what they skip alike.
  if (Array.isArray(value)) {
    for (const item of value) if (item !== null && typeof item === 'object') deepFreeze(item);
    return value;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const item = object[key];
    if (item !== null && typeof item === 'object') deepFreeze(item);
  }
  // Stryker restore ConditionalExpression,LogicalOperator,EqualityOperator,BlockStatement,StringLiteral
  return value;
}
