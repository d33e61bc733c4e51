/**
 * Finding the resource server's resource of a path, as Keycloak's own enforcer (keycloak-client
 * `PathConfigMatcher`) does through the Protection API:
 * - a path with a `{param}` template, named or not, is looked up by the request path
 *   (PathConfigMatcher.resolvePathConfig): `uri` exact, then the instance the template's last parameter
 *   ends (`/album/{id}/*` and `/album/1/photos` give `/album/1`), then `matchingUri` (the server matches
 *   its resources' uri patterns); a named one falls back to its named resource, found by name;
 * - an unnamed `*` pattern is looked up by the request path too, and every unnamed path, when that finds
 *   nothing, by the configured path itself: `uri` exact, then `matchingUri`; several resources for one
 *   plain path is a configuration error;
 * - with `lazy-load-paths` (or when every configured path is DISABLED, where Keycloak loads all the
 *   server's resources), a request path no configured path matches is looked up with `matchingUri`.
 * Answers, "no resource" included, are kept per path in a bounded cache (`path-cache`), and concurrent
 * lookups of one path share one round of calls. Transport-free: a {@link ResourceFinder} does the calls.
 */
import { LRUCache } from 'lru-cache';
import { KeycloakAuthorizationConfigError } from '../../errors.js';
import type { PathConfig, PolicyEnforcerConfig } from './config.js';
import { buildUriFromTemplate, normalizePath } from './path-matcher.js';

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
  /** Ids of the resources named exactly `name`. */
  findByName(name: string): Promise<readonly string[]>;
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
    this.#cache =
      lifespan === 0
        ? undefined
        : new LRUCache<string, Held>({
            max: config.pathCacheMaxEntries,
            ...(lifespan > 0 ? { ttl: lifespan, ttlResolution: 0, perf: { now } } : {}),
          });
  }

  /**
   * The resource of the configured `path` for `requestPath`, or null when the server has none. A named
   * path without a template is its named resource ({@link byName}).
   */
  forPath(path: PathConfig, requestPath: string): Promise<ServerResource | null> {
    const normalized = normalizePath(requestPath);
    if (normalized === undefined) return Promise.resolve(null);
    const { name } = path;
    const key = keyOf(path, normalized);
    const fallback = () => (name === undefined ? this.#byConfiguredPath(path.path) : this.byName(name));
    if (!needsRequestLookup(path)) return name === undefined ? this.#held(key, fallback) : this.byName(name);
    return this.#held(key, async () => (await this.#byRequestPath(path.path, normalized)) ?? fallback());
  }

  /**
   * {@link forPath} answered from the cache alone, so a warm request needs no promise: the resource,
   * null for a kept "none", undefined when only forPath can answer.
   */
  peek(path: PathConfig, requestPath: string): ServerResource | null | undefined {
    const normalized = normalizePath(requestPath);
    if (normalized === undefined) return null;
    return this.#cache?.get(keyOf(path, normalized))?.resource;
  }

  /** The resource named `name` (PathConfigMatcher.configureDefinedPaths' findByName), or null. */
  byName(name: string): Promise<ServerResource | null> {
    return this.#held(`name\0${name}`, async () =>
      this.#first(Promise.resolve((await this.#finder.findByName(name)).slice(0, 1))),
    );
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
      pending.then(
        (resource) => this.#cache?.set(key, { resource }),
        () => undefined,
      );
    }
    return pending;
  }

  async #byRequestPath(pattern: string, path: string): Promise<ServerResource | null> {
    let ids = await this.#finder.findByUri(path, false);
    const parent = ids.length === 0 ? parentPath(pattern, path) : undefined;
    // Keycloak asks again even when the instance is the path itself; the answer is the same, so not here.
    if (parent !== undefined && parent !== path) ids = await this.#finder.findByUri(parent, false);
    if (ids.length === 0) ids = await this.#finder.findByUri(path, true);
    return this.#first(Promise.resolve(ids));
  }

  async #byConfiguredPath(pattern: string): Promise<ServerResource | null> {
    let ids = await this.#finder.findByUri(pattern, false);
    if (ids.length === 0) ids = await this.#finder.findByUri(pattern, true);
    if (ids.length > 1) {
      throw new KeycloakAuthorizationConfigError(
        `The path ${JSON.stringify(pattern)} has no "name" and matches ${ids.length} resources of the resource server: name its resource`,
      );
    }
    return this.#first(Promise.resolve(ids));
  }

  async #first(ids: Promise<readonly string[]>): Promise<ServerResource | null> {
    const [id] = await ids;
    return id === undefined ? null : this.#finder.read(id);
  }
}

/** The cache key of a path's resource for a (normalised) request path. */
function keyOf(path: PathConfig, normalized: string): string {
  if (needsRequestLookup(path)) return `path\0${path.path}\0${normalized}`;
  return path.name === undefined ? `static\0${path.path}` : `name\0${path.name}`;
}

/** A template path (named or not), or an unnamed `*` pattern: its resource depends on the request path. */
export function needsRequestLookup(path: PathConfig): boolean {
  return path.path.includes('{') || (path.name === undefined && path.path.includes('*'));
}

/**
 * The resource instance a sub-path belongs to: for `/album/{id}/*` and `/album/1/photos`, `/album/1`
 * (PathMatcher.buildUriFromTemplate with onlyFirstParam), so a permission on the instance covers its
 * sub-resources. Undefined for a path without a template.
 */
export function parentPath(template: string, path: string): string | undefined {
  if (!template.includes('{')) return undefined;
  return buildUriFromTemplate(template, path, true);
}
