/**
 * The UMA half of the guard: after the token is verified, decides a permission or policy-enforcer
 * route with the realm's PermissionChecker, and says what to answer. Framework-free; the adapters
 * describe their request through {@link RequestSource.enforcerRequest}.
 */
import { LRUCache } from 'lru-cache';
import {
  KeycloakAuthorizationConfigError,
  KeycloakError,
  KeycloakInvalidTokenError,
  type GuardDenialReason,
} from '../../errors.js';
import type { EnforcerRequest } from '../../authz/enforcer/claims.js';
import type { ServerResource } from '../../authz/enforcer/path-resources.js';
import { normalizePath } from '../../authz/enforcer/path-matcher.js';
import type { EnforcerResolution, PolicyEnforcer, RequiredPermission } from '../../authz/enforcer/policy-enforcer.js';
import type { KeycloakPermission } from '../../token/claims.js';
import type { VerifiedToken } from '../../token/verified-token.js';
import type { PermissionDecision } from '../../uma/permission-checker.js';
import { PermissionSet } from '../../permissions/permission-set.js';
import { cacheLookups, publishCacheLookup } from '../../shared/diagnostics.js';
import { missingDescription } from '../answers.js';
import type { RequestSource } from '../credentials.js';
import type { EnforcerSpec, PermissionsSpec } from '../spec.js';
import { EnforcerRoutes } from './enforcer-routes.js';
import {
  loadsPathsFromServer,
  protectionCredentials,
  ProtectionLookups,
  type ProtectionContext,
} from './protection.js';
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
  /** The `WWW-Authenticate: UMA ...` challenge of a `user-managed-access` enforcer (reason `uma_ticket`). */
  readonly umaChallenge?: string;
}

/** The guard's verdict on a request. */
export type Verdict = Granted | Refused;

const PASS: Granted = { allowed: true, permissions: undefined };
const NO_OPTIONS = {};
const NO_CLAIMS: Readonly<Record<string, string[]>> = {};
const NOT_CONFIGURED: Refused = { allowed: false, reason: 'path_not_configured' };

/** What an enforcer route asks Keycloak for, once its path and resource are known. */
interface Need {
  readonly permission: RequiredPermission;
  readonly claims: Readonly<Record<string, string[]>>;
  /** The resource found for an unnamed path, so refusals name it rather than its id. */
  readonly resource?: ServerResource;
}

/**
 * Decides an UMA route of one compiled spec. Holds the PermissionSets of a policy enforcer's
 * requirements, built once per distinct requirement (bounded: with `http-method-as-scope` the method
 * names come from requests), and the Protection API lookups of its unnamed paths.
 */
export class UmaAuthorizer<R> {
  readonly #spec: PermissionsSpec | EnforcerSpec;
  readonly #source: RequestSource<R>;
  readonly #sets = new LRUCache<string, PermissionSet>({ max: 500 });
  readonly #routes: EnforcerRoutes | undefined;
  readonly #lookups: ProtectionLookups | undefined;

  /** @throws KeycloakAuthorizationConfigError when an unnamed path needs a lookup and no client secret is known. */
  constructor(spec: PermissionsSpec | EnforcerSpec, source: RequestSource<R>, context: ProtectionContext) {
    this.#spec = spec;
    this.#source = source;
    this.#routes = spec.kind === 'enforcer' ? new EnforcerRoutes(spec.enforcer) : undefined;
    const config = spec.kind === 'enforcer' ? spec.enforcer.config : undefined;
    const credentials = config === undefined ? undefined : protectionCredentials(config, context);
    this.#lookups =
      config === undefined || credentials === undefined
        ? undefined
        : new ProtectionLookups(config, credentials, context);
  }

  /** True when the spec's unnamed paths need Protection API connections, closed by {@link close}. */
  get opensConnections(): boolean {
    return this.#lookups !== undefined;
  }

  /** Closes the Protection API connections of the spec's unnamed paths, if any were opened. */
  close(): Promise<void> {
    return this.#lookups?.close() ?? Promise.resolve();
  }

  /**
   * The enforcer's `on-deny-redirect-to`, where its denials send the client (302), if set. A DISABLED enforcer
   * sends nobody there: it refuses only a request without a token, with a 401 (PolicyEnforcer.authorize).
   */
  get redirectTo(): string | undefined {
    if (this.#spec.kind !== 'enforcer') return undefined;
    const { config } = this.#spec.enforcer;
    return config.enforcementMode === 'DISABLED' ? undefined : config.onDenyRedirectTo;
  }

  /**
   * Whether a request without a token may pass (keycloak-client PolicyEnforcer.authorize, anonymous
   * branch): on a path whose own mode is DISABLED, or the `on-deny-redirect-to` path itself (exactly
   * it, not any URI containing it). A globally DISABLED enforcer still wants a token (401), as Keycloak's.
   */
  passesAnonymous(request: R): boolean {
    if (this.#spec.kind !== 'enforcer') return false;
    const { config } = this.#spec.enforcer;
    if (config.enforcementMode === 'DISABLED') return false;
    const described = (this.#source.enforcerRequest as NonNullable<RequestSource<R>['enforcerRequest']>)(request);
    if (isDenyPath(config.onDenyRedirectTo, described.path)) return true;
    return (this.#routes as EnforcerRoutes).of(described).resolution?.path.enforcementMode === 'DISABLED';
  }

  /**
   * Decides `request` for the verified token; never throws: every failure becomes a refusal. A warm
   * request (a cached decision or an RPT that covers the need, on a route that pushes no claims and
   * looks up no resource) is answered synchronously; otherwise the verdict comes as a promise.
   */
  authorize(realm: RealmEntry, verified: VerifiedToken, raw: string, request: R): Verdict | Promise<Verdict> {
    let verdict;
    try {
      verdict =
        this.#spec.kind === 'permissions'
          ? decide(realm, verified, raw, this.#spec.permissions, undefined, undefined)
          : this.#enforce(this.#spec.enforcer, realm, verified, raw, request);
    } catch (error) {
      return refusalFor(error);
    }
    return verdict instanceof Promise ? verdict.catch(refusalFor) : verdict;
  }

  #enforce(
    enforcer: PolicyEnforcer,
    realm: RealmEntry,
    verified: VerifiedToken,
    raw: string,
    request: R,
  ): Verdict | Promise<Verdict> {
    const described = (this.#source.enforcerRequest as NonNullable<RequestSource<R>['enforcerRequest']>)(request);
    // PolicyEnforcer.getPathConfig / isAuthorized: the deny page itself is always let through.
    if (isDenyPath(enforcer.config.onDenyRedirectTo, described.path)) return PASS;
    const route = (this.#routes as EnforcerRoutes).of(described);
    const { resolution } = route;
    if (resolution === null) return this.#unmatched(enforcer, realm, verified, raw, described);
    if (resolution.enforcementMode === 'DISABLED') return PASS;
    const looksUp = this.#looksUp(enforcer, resolution);
    // Stryker disable next-line ConditionalExpression: a user-managed-access route answers later anyway (its ticket is a call).
    if (route.pushesClaims || (looksUp && enforcer.config.userManagedAccess))
      return this.#enforceLater(enforcer, resolution, route.pushesClaims, realm, verified, raw, described);
    // Keycloak lets a method whose scopes-enforcement-mode is DISABLED through whatever the server says.
    if (resolution.permission.scopesEnforcementMode === 'DISABLED') return PASS;
    if (looksUp) {
      // A resource already looked up for this path answers without a promise, like a cached token.
      const resource = (this.#lookups as ProtectionLookups).of(realm).peek(resolution.path, described.path);
      if (resource === undefined || (resource === null && resolution.path.name === undefined))
        return this.#enforceLater(enforcer, resolution, route.pushesClaims, realm, verified, raw, described);
      if (resource !== null)
        return this.#decideNeed(realm, verified, raw, {
          permission: { ...resolution.permission, resource: resource.id },
          claims: NO_CLAIMS,
          resource,
        });
    }
    route.set ??= this.#setOf(resolution.permission);
    return decide(realm, verified, raw, route.set, undefined, undefined);
  }

  /** A matched route that pushes claims or looks its resource up on the server: only a promise can answer. */
  async #enforceLater(
    enforcer: PolicyEnforcer,
    resolution: EnforcerResolution,
    pushesClaims: boolean,
    realm: RealmEntry,
    verified: VerifiedToken,
    raw: string,
    described: EnforcerRequest,
  ): Promise<Verdict> {
    const claims = pushesClaims
      ? await enforcer.claims(described, resolution.path, { accessToken: raw, accessTokenClaims: verified.claims })
      : NO_CLAIMS;
    if (resolution.permission.scopesEnforcementMode === 'DISABLED') return PASS;
    let need: Need = { permission: resolution.permission, claims };
    if (this.#looksUp(enforcer, resolution)) {
      const resource = await (this.#lookups as ProtectionLookups).of(realm).forPath(resolution.path, described.path);
      // A named path whose resource the server does not know is still asked for by its name.
      if (resource === null && resolution.path.name === undefined) {
        // PERMISSIVE lets through what no permission speaks of (PolicyEnforcer.isAuthorized).
        return resolution.enforcementMode === 'PERMISSIVE'
          ? PASS
          : {
              allowed: false,
              reason: 'path_resource_not_found',
              description: 'No resource of the resource server matches the request path',
            };
      }
      if (resource !== null) need = { ...need, permission: { ...need.permission, resource: resource.id }, resource };
    }
    return this.#decideNeed(realm, verified, raw, need);
  }

  /**
   * Whether the resource of a matched path comes from the Protection API: an unnamed path, a template
   * (PathConfigMatcher.resolvePathConfig resolves it by the request path, named or not), and every path
   * under `user-managed-access`, whose ticket needs the resource's id.
   */
  #looksUp(enforcer: PolicyEnforcer, resolution: EnforcerResolution): boolean {
    // Stryker disable next-line ConditionalExpression: without lookups the constructor refused every path that needs one.
    if (this.#lookups === undefined) return false;
    const { path } = resolution;
    return path.name === undefined || path.path.includes('{') || enforcer.config.userManagedAccess;
  }

  /** A request no configured path matches: the server's resources stand for paths when Keycloak's would. */
  #unmatched(
    enforcer: PolicyEnforcer,
    realm: RealmEntry,
    verified: VerifiedToken,
    raw: string,
    described: EnforcerRequest,
  ): Verdict | Promise<Verdict> {
    const { config } = enforcer;
    // AbstractPolicyEnforcer.authorize: an unknown path is denied only when enforcing.
    const unknown = config.enforcementMode === 'ENFORCING' ? NOT_CONFIGURED : PASS;
    // Stryker disable next-line ConditionalExpression: without lookups the constructor refused a config that loads paths.
    if (this.#lookups === undefined || !loadsPathsFromServer(config)) return unknown;
    return this.#fromServer(enforcer, this.#lookups, realm, verified, raw, described, unknown);
  }

  async #fromServer(
    enforcer: PolicyEnforcer,
    lookups: ProtectionLookups,
    realm: RealmEntry,
    verified: VerifiedToken,
    raw: string,
    described: EnforcerRequest,
    unknown: Verdict,
  ): Promise<Verdict> {
    const { config } = enforcer;
    const resource = await lookups.of(realm).lazy(described.path);
    if (resource === null) return unknown;
    // A path made from a resource has no methods: its scopes (or the method) with ANY, as getRequiredScopes does.
    const scopes = config.httpMethodAsScope ? [described.method] : resource.scopes;
    const permission: RequiredPermission = { resource: resource.id, scopes, scopesEnforcementMode: 'ANY' };
    const claims = await enforcer.claims(described, undefined, {
      accessToken: raw,
      accessTokenClaims: verified.claims,
    });
    return this.#decideNeed(realm, verified, raw, { permission, claims, resource });
  }

  #decideNeed(realm: RealmEntry, verified: VerifiedToken, raw: string, need: Need): Verdict | Promise<Verdict> {
    const set = this.#setOf(need.permission);
    // Stryker disable next-line ConditionalExpression: only enforcer routes get here; the kind test narrows the type.
    if (this.#spec.kind === 'enforcer' && this.#spec.enforcer.config.userManagedAccess)
      return this.#umaChallenge(realm, verified, set, need);
    // Stryker disable next-line ConditionalExpression: no claims and empty claims ask Keycloak alike; undefined spares a claim_token.
    const claims = Object.keys(need.claims).length === 0 ? undefined : need.claims;
    return decide(realm, verified, raw, set, claims, need.resource);
  }

  /**
   * `user-managed-access`: Keycloak's enforcer asks for no RPT itself (requestAuthorizationToken returns
   * null); what the token's own RPT grants decides, and a refusal is a 401 carrying a permission ticket
   * for the resource and scopes (PolicyEnforcer.challenge), which the client exchanges for an RPT.
   */
  async #umaChallenge(realm: RealmEntry, verified: VerifiedToken, set: PermissionSet, need: Need): Promise<Verdict> {
    const carried = verified.claims.authorization?.permissions;
    // Stryker disable next-line ArrayDeclaration: no permission list matches nothing, whatever stands in for it.
    const match = set.match(Array.isArray(carried) ? carried : []);
    if (match.allowed) return { allowed: true, permissions: match.granted };
    const resource = need.resource;
    if (resource === undefined)
      return { allowed: false, reason: 'permission_denied', description: missingDescription(match.missing) };
    const ticket = await (this.#lookups as ProtectionLookups).ticket(
      realm,
      resource.id,
      need.permission.scopes,
      need.claims,
    );
    return {
      allowed: false,
      reason: 'uma_ticket',
      description: missingDescription(match.missing.map((entry) => named(entry, resource))),
      umaChallenge: umaChallenge(realm, ticket),
    };
  }

  #setOf(permission: RequiredPermission): PermissionSet {
    const key = JSON.stringify([permission.resource, permission.scopesEnforcementMode, permission.scopes]);
    let set = this.#sets.get(key);
    // Stryker disable next-line ConditionalExpression: a memo.
    if (set === undefined) {
      set = PermissionSet.from(permission);
      this.#sets.set(key, set);
    }
    return set;
  }
}

/**
 * Asks the realm's checker and maps its answer to the guard's verdict, synchronously when the checker
 * knows it without Keycloak; failures are thrown (or rejected) to {@link refusalFor}.
 */
function decide(
  realm: RealmEntry,
  verified: VerifiedToken,
  raw: string,
  needs: PermissionSet,
  claims: Readonly<Record<string, string[]>> | undefined,
  resource: ServerResource | undefined,
): Verdict | Promise<Verdict> {
  const checker = realm.permissions();
  // Stryker disable next-line ConditionalExpression: `{ claims: undefined }` asks alike; NO_OPTIONS spares an object.
  const options = claims === undefined ? NO_OPTIONS : { claims };
  const known = checker.checkCached(verified, raw, needs, options);
  // Stryker disable next-line ConditionalExpression: publishing to no subscriber does nothing; the test spares the call.
  if (cacheLookups.hasSubscribers) publishCacheLookup('uma-decision', known !== undefined, realm.realmName);
  if (known !== undefined) return verdictOf(known, resource);
  return checker.check(verified, raw, needs, options).then((decision) => verdictOf(decision, resource));
}

function verdictOf(decision: PermissionDecision, resource: ServerResource | undefined): Verdict {
  if (decision.allowed) return { allowed: true, permissions: decision.granted };
  const missing = resource === undefined ? decision.missing : decision.missing.map((entry) => named(entry, resource));
  return { allowed: false, reason: 'permission_denied', description: missingDescription(missing) };
}

/** PolicyEnforcer.challenge's header, byte for byte: `UMA realm="...",as_uri="...",ticket="..."`. */
function umaChallenge(realm: RealmEntry, ticket: string): string {
  return `UMA realm="${realm.realmName ?? ''}",as_uri="${realm.issuer}",ticket="${ticket}"`;
}

/**
 * The `on-deny-redirect-to` path itself, after the same normalisation as any request path, and only it
 * (keycloak-client PolicyEnforcer.isDefaultAccessDeniedUri compares the normalised path with equals();
 * older enforcers let through any URI containing it).
 */
function isDenyPath(denyPath: string | undefined, path: string): boolean {
  // Stryker disable next-line ConditionalExpression: a path never normalises to undefined; the test spares the work.
  return denyPath !== undefined && normalizePath(path) === denyPath;
}

/** `ID#scope` as `name#scope`: clients know the resource by its name. */
function named(missing: string, resource: ServerResource): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a decision about one resource misses only its own entries.
  return missing === resource.id || missing.startsWith(`${resource.id}#`)
    ? resource.name + missing.slice(resource.id.length)
    : missing;
}

/** The refusal of a failure: Keycloak refusing the token (401), not answering or failing (503), or the enforcer failing (503). */
function refusalFor(error: unknown): Refused {
  if (error instanceof KeycloakInvalidTokenError) return { allowed: false, reason: error.reason, cause: error };
  if (error instanceof KeycloakAuthorizationConfigError || !(error instanceof KeycloakError))
    return { allowed: false, reason: 'enforcer_failed', cause: error };
  // Keycloak answered, but with an error that is not a decision (5xx, misconfigured resource server).
  return {
    allowed: false,
    reason: error.status === undefined ? 'keycloak_unreachable' : 'keycloak_error',
    cause: error,
  };
}
