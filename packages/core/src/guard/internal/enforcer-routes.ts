/**
 * The matched routes of one policy enforcer, cached per method and path: a match is a pure function of
 * them and of the config, and normalising and matching the path is most of an enforcer route's own
 * cost per request. Bounded both ways, since methods and paths come from clients.
 */
import { LRUCache } from 'lru-cache';
import type { EnforcerRequest } from '../../authz/enforcer/claims.js';
import type { EnforcerResolution, PolicyEnforcer } from '../../authz/enforcer/policy-enforcer.js';
import type { PermissionSet } from '../../permissions/permission-set.js';

/** Paths kept per method. */
const MAX_PATHS = 1000;
/** Methods kept; past them a request is matched afresh (HTTP has a handful; a source may say anything). */
const MAX_METHODS = 16;

/** @internal A matched enforcer route. */
export interface Route {
  /** Null when no configured path matches. */
  readonly resolution: EnforcerResolution | null;
  /** True when the global or the path's claim-information-point pushes claims, which depend on each request. */
  readonly pushesClaims: boolean;
  /** The needs of the resolution's permission, set by the authorizer on the first decision. */
  set?: PermissionSet;
}

/** @internal */
export class EnforcerRoutes {
  readonly #enforcer: PolicyEnforcer;
  // One LRU per method rather than one keyed by `method path`: the request's own path string is the
  // key, so a hit builds no string.
  readonly #byMethod = new Map<string, LRUCache<string, Route>>();

  constructor(enforcer: PolicyEnforcer) {
    this.#enforcer = enforcer;
  }

  /** The route of `request`. @throws TypeError when its method or path is not a string (from match). */
  of(request: EnforcerRequest): Route {
    // Stryker disable all: a memo; matching afresh gives the same route, and its bounds show in memory alone.
    const { method, path } = request;
    // Anything but strings goes to match(), which refuses it, and never reaches a cache.
    if (typeof method !== 'string' || typeof path !== 'string') return this.#match(request);
    let paths = this.#byMethod.get(method);
    if (paths === undefined) {
      if (this.#byMethod.size >= MAX_METHODS) return this.#match(request);
      paths = new LRUCache({ max: MAX_PATHS });
      this.#byMethod.set(method, paths);
    }
    let route = paths.get(path);
    if (route === undefined) {
      route = this.#match(request);
      paths.set(path, route);
    }
    return route;
    // Stryker restore all
  }

  #match(request: EnforcerRequest): Route {
    const resolution = this.#enforcer.match(request);
    const pushesClaims =
      hasProviders(this.#enforcer.config.claimInformationPoint) ||
      (resolution !== null && hasProviders(resolution.path.claimInformationPoint));
    return { resolution, pushesClaims };
  }
}

function hasProviders(cip: Readonly<Record<string, unknown>> | undefined): boolean {
  return cip !== undefined && Object.keys(cip).length !== 0;
}
