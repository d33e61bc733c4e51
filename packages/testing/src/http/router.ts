import type { EndpointName } from '../control/endpoints.js';
import type { RequestContext } from './context.js';
import type { Reply } from './http-error.js';

/** A handler answers a matched request, or throws HttpError. */
export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

/** One route: method(s), a path template with `{name}` segments, and the endpoint name it counts under. */
export interface Route {
  method: string | readonly string[];
  path: string;
  endpoint: EndpointName;
  handler: Handler;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
  /** Per segment: 2 for a literal, 1 for `{param}`, 0 for `{param+}`; compared left to right. */
  rank: number[];
}

/** The outcome of matching a request. */
export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'none' };

/**
 * A small router: exact segments and `{param}` segments. The most specific route wins, whatever the order the
 * modules registered them in, as JAX-RS picks Keycloak's resource methods: reading the path left to right, a
 * literal segment beats a `{param}`, which beats a `{param+}` tail (so `users/count` beats `users/{id}`). Only
 * routes with the same template tie; the first registered of those wins.
 */
export class Router {
  readonly #routes: CompiledRoute[] = [];

  /** Registers routes (an endpoint module's `register` calls this). */
  add(...routes: Route[]): void {
    for (const route of routes) {
      const names: string[] = [];
      const rank: number[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          const param = /^\{(\w+)(\+?)\}$/.exec(segment);
          if (!param?.[1]) {
            rank.push(2);
            return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          }
          names.push(param[1]);
          rank.push(param[2] ? 0 : 1);
          // `{name+}` takes the rest of the path, slashes included (JAX-RS `{path: .*}`).
          return param[2] ? '(.+)' : '([^/]+)';
        })
        .join('/');
      this.#routes.push({ ...route, pattern: new RegExp(`^${source}/?$`), names, rank });
    }
  }

  /** Finds the most specific route for a method and (still percent-encoded) path. */
  match(method: string, path: string): Match {
    let pathMatched = false;
    let best: { route: CompiledRoute; found: RegExpExecArray } | undefined;
    for (const route of this.#routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      const methods = typeof route.method === 'string' ? [route.method] : route.method;
      if (!methods.includes(method)) {
        pathMatched = true;
        continue;
      }
      if (best === undefined || moreSpecific(route.rank, best.route.rank)) best = { route, found };
    }
    if (best === undefined) return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'none' };
    const { route, found } = best;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1] ?? '')));
    } catch {
      return { kind: 'none' };
    }
    return { kind: 'found', route, params };
  }
}

/** True when `rank` is strictly more specific than `other`: the first segment where they differ decides. */
function moreSpecific(rank: readonly number[], other: readonly number[]): boolean {
  for (let i = 0; i < Math.max(rank.length, other.length); i++) {
    const a = rank[i] ?? -1;
    const b = other[i] ?? -1;
    if (a !== b) return a > b;
  }
  return false;
}
