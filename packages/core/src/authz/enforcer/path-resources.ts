/**
 * Finding the resource server's resource of a path that has no `name`, as Keycloak's own enforcer
 * (keycloak-client `PathConfigMatcher`) does through the Protection API:
 * - a path with a `{param}` or `*` pattern is looked up by the request path: `uri` exact, then the
 *   parent of a `/{id}/*` template, then `matchingUri` (the server matches its resources' uri patterns);
 * - otherwise, or when that finds nothing, by the configured path itself: `uri` exact, then
 *   `matchingUri`; several resources for one plain path is a configuration error;
 * - with `lazy-load-paths` (or when every configured path is DISABLED, where Keycloak loads all the
 *   server's resources), a request path no configured path matches is looked up with `matchingUri`.
 * Answers, "no resource" included, are kept per path in a bounded cache (`path-cache`), and concurrent
 * lookups of one path share one round of calls. Transport-free: a {@link ResourceFinder} does the calls.
 */
import { LRUCache } from 'lru-cache';
import { KeycloakAuthorizationConfigError } from '../../errors.js';
import type { PathConfig, PolicyEnforcerConfig } from './config.js';
import { normalizePath } from './path-matcher.js';

/** A resource of the resource server, as the enforcer needs it. */
export interface ServerResource {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
}

/** The Protection API calls the lookups need (Keycloak's `resource_set` endpoint). */
export interface ResourceFinder {
  /** Ids of the resources with `uri` among their uris, or whose uri patterns match it when `matchingUri`. */
  findByUri(uri: string, matchingUri: boolean): Promise<readonly string[]>;
  /** One resource by id. */
  read(id: string): Promise<ServerResource>;
}

interface Held {
  readonly resource: ServerResource | null;
}

/** Options of {@link PathResources}. */
export interface PathResourcesOptions {
  /** Clock of the cache in ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * The resource lookups of one policy enforcer in one realm. Bounded by `path-cache.max-entries`;
 * answers live `path-cache.lifespan` ms (0: not kept, -1: kept until evicted).
 */
export class PathResources {
  readonly #finder: ResourceFinder;
  readonly #cache: LRUCache<string, Held> | undefined;
  readonly #inFlight = new Map<string, Promise<ServerResource | null>>();

  constructor(finder: ResourceFinder, config: PolicyEnforcerConfig, options: PathResourcesOptions = {}) {
    this.#finder = finder;
    const lifespan = config.pathCacheLifespanMs;
    const now = options.now ?? Date.now;
    this.#cache = lifespan === 0 ? undefined : new LRUCache<string, Held>({ max: config.pathCacheMaxEntries, ...(lifespan > 0 ? { ttl: lifespan, ttlResolution: 0, perf: { now } } : {}) });
  }

  /** The resource of the unnamed configured `path` for `requestPath`, or null when the server has none. */
  forPath(path: PathConfig, requestPath: string): Promise<ServerResource | null> {
    const normalized = normalizePath(requestPath);
    if (normalized === undefined) return Promise.resolve(null);
    if (!isPattern(path.path)) return this.#held(`static\0${path.path}`, () => this.#byConfiguredPath(path.path));
    return this.#held(`path\0${path.path}\0${normalized}`, async () => (await this.#byRequestPath(path.path, normalized)) ?? this.#byConfiguredPath(path.path));
  }

  /** The resource whose uri patterns match `requestPath` (lazy-load-paths), or null. */
  lazy(requestPath: string): Promise<ServerResource | null> {
    const normalized = normalizePath(requestPath);
    if (normalized === undefined) return Promise.resolve(null);
    return this.#held(`lazy\0${normalized}`, () => this.#first(this.#finder.findByUri(normalized, true)));
  }

  async #held(key: string, load: () => Promise<ServerResource | null>): Promise<ServerResource | null> {
    const held = this.#cache?.get(key);
    if (held !== undefined) return held.resource;
    let pending = this.#inFlight.get(key);
    if (pending === undefined) {
      pending = load().finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
      // Failures are not kept: the next request asks again.
      pending.then((resource) => this.#cache?.set(key, { resource }), () => undefined);
    }
    return pending;
  }

  async #byRequestPath(pattern: string, path: string): Promise<ServerResource | null> {
    let ids = await this.#finder.findByUri(path, false);
    const parent = ids.length === 0 ? parentPath(pattern, path) : undefined;
    if (parent !== undefined && parent !== path) ids = await this.#finder.findByUri(parent, false);
    if (ids.length === 0) ids = await this.#finder.findByUri(path, true);
    return this.#first(Promise.resolve(ids));
  }

  async #byConfiguredPath(pattern: string): Promise<ServerResource | null> {
    let ids = await this.#finder.findByUri(pattern, false);
    if (ids.length === 0) ids = await this.#finder.findByUri(pattern, true);
    if (ids.length > 1) {
      throw new KeycloakAuthorizationConfigError(`The path ${JSON.stringify(pattern)} has no "name" and matches ${ids.length} resources of the resource server: name its resource`);
    }
    return this.#first(Promise.resolve(ids));
  }

  async #first(ids: Promise<readonly string[]>): Promise<ServerResource | null> {
    const [id] = await ids;
    return id === undefined ? null : this.#finder.read(id);
  }
}

function isPattern(path: string): boolean {
  return path.includes('{') || path.includes('*');
}

/**
 * The resource instance a sub-path belongs to: for `/album/{id}/*` and `/album/1/photos`, `/album/1`
 * (Keycloak's buildUriFromTemplate), so a permission on the instance covers its sub-resources.
 */
export function parentPath(template: string, path: string): string | undefined {
  const star = template.indexOf('/*');
  if (star === -1 || !template.includes('{')) return undefined;
  const expected = template.slice(0, star).split('/');
  const actual = path.split('/');
  if (actual.length < expected.length) return undefined;
  return actual.slice(0, expected.length).join('/');
}
