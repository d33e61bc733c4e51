/**
 * The UMA half of the guard: after the token is verified, decides a permission or policy-enforcer
 * route with the realm's PermissionChecker, and says what to answer. Framework-free; the adapters
 * describe their request through {@link RequestSource.enforcerRequest}.
 */
import { LRUCache } from 'lru-cache';
import { KeycloakError, KeycloakInvalidTokenError, type GuardDenialReason } from '../../errors.js';
import type { PolicyEnforcer, RequiredPermission } from '../../authz/enforcer/policy-enforcer.js';
import type { KeycloakPermission } from '../../token/claims.js';
import type { VerifiedToken } from '../../token/verified-token.js';
import { PermissionSet } from '../../uma/permission-set.js';
import { missingDescription } from '../answers.js';
import type { RequestSource } from '../credentials.js';
import type { EnforcerSpec, PermissionsSpec } from '../spec.js';
import type { RealmEntry } from './realms.js';

/** The request may go on; `permissions` is what was granted (undefined when nothing was asked). */
export interface Granted {
  readonly allowed: true;
  readonly permissions: readonly KeycloakPermission[] | undefined;
}

/** The request is refused for `reason`; `description` names what was missing. */
export interface Refused {
  readonly allowed: false;
  readonly reason: GuardDenialReason;
  readonly description?: string;
  readonly cause?: unknown;
}

const PASS: Granted = { allowed: true, permissions: undefined };
const NO_OPTIONS = {};

/**
 * Decides an UMA route of one compiled spec. Holds the PermissionSets of a policy enforcer's
 * requirements, built once per distinct requirement (bounded: with `http-method-as-scope` the method
 * names come from requests).
 */
export class UmaAuthorizer<R> {
  readonly #spec: PermissionsSpec | EnforcerSpec;
  readonly #source: RequestSource<R>;
  readonly #sets = new LRUCache<string, PermissionSet>({ max: 500 });

  constructor(spec: PermissionsSpec | EnforcerSpec, source: RequestSource<R>) {
    this.#spec = spec;
    this.#source = source;
  }

  /** Decides `request` for the verified token; never throws for Keycloak's answers or outages. */
  async authorize(realm: RealmEntry, verified: VerifiedToken, raw: string, request: R): Promise<Granted | Refused> {
    if (this.#spec.kind === 'permissions') return decide(realm, verified, raw, this.#spec.permissions, undefined);
    return this.#enforce(this.#spec.enforcer, realm, verified, raw, request);
  }

  async #enforce(enforcer: PolicyEnforcer, realm: RealmEntry, verified: VerifiedToken, raw: string, request: R): Promise<Granted | Refused> {
    const described = (this.#source.enforcerRequest as NonNullable<RequestSource<R>['enforcerRequest']>)(request);
    const resolution = await enforcer.resolve(described, { accessToken: raw, accessTokenClaims: verified.claims });
    // AbstractPolicyEnforcer.authorize: an unknown path is denied only when enforcing.
    if (resolution === null) return enforcer.config.enforcementMode === 'ENFORCING' ? { allowed: false, reason: 'path_not_configured' } : PASS;
    if (resolution.enforcementMode === 'DISABLED') return PASS;
    // Keycloak lets a method whose scopes-enforcement-mode is DISABLED through whatever the server says.
    if (resolution.permission.scopesEnforcementMode === 'DISABLED') return PASS;
    const claims = Object.keys(resolution.claims).length === 0 ? undefined : resolution.claims;
    return decide(realm, verified, raw, this.#setOf(resolution.permission), claims);
  }

  #setOf(permission: RequiredPermission): PermissionSet {
    const key = JSON.stringify([permission.resource, permission.scopesEnforcementMode, permission.scopes]);
    let set = this.#sets.get(key);
    if (set === undefined) {
      set = PermissionSet.from(permission);
      this.#sets.set(key, set);
    }
    return set;
  }
}

/** Asks the realm's checker and maps its answer or failure to the guard's verdict. */
async function decide(
  realm: RealmEntry,
  verified: VerifiedToken,
  raw: string,
  needs: PermissionSet,
  claims: Readonly<Record<string, string[]>> | undefined,
): Promise<Granted | Refused> {
  try {
    const decision = await realm.permissions().check(verified, raw, needs, claims === undefined ? NO_OPTIONS : { claims });
    if (decision.allowed) return { allowed: true, permissions: decision.granted };
    return { allowed: false, reason: 'permission_denied', description: missingDescription(decision.missing) };
  } catch (error) {
    if (error instanceof KeycloakInvalidTokenError) return { allowed: false, reason: error.reason, cause: error };
    if (error instanceof KeycloakError) {
      // Keycloak answered, but with an error that is not a decision (5xx, misconfigured resource server).
      return { allowed: false, reason: error.status === undefined ? 'keycloak_unreachable' : 'keycloak_error', cause: error };
    }
    throw error;
  }
}
