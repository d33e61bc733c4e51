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
}

/** The outcome of matching a request. */
export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'none' };

/** A small router: exact segments and `{param}` segments; first registered route wins. */
export class Router {
  readonly #routes: CompiledRoute[] = [];

  /** Registers routes (an endpoint module's `register` calls this). */
  add(...routes: Route[]): void {
    for (const route of routes) {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          const param = /^\{(\w+)(\+?)\}$/.exec(segment);
          if (!param?.[1]) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          names.push(param[1]);
          // `{name+}` takes the rest of the path, slashes included (JAX-RS `{path: .*}`).
          return param[2] ? '(.+)' : '([^/]+)';
        })
        .join('/');
      this.#routes.push({ ...route, pattern: new RegExp(`^${source}/?$`), names });
    }
  }

  /** Finds the route for a method and (still percent-encoded) path. */
  match(method: string, path: string): Match {
    let pathMatched = false;
    for (const route of this.#routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      const methods = typeof route.method === 'string' ? [route.method] : route.method;
      if (!methods.includes(method)) {
        pathMatched = true;
        continue;
      }
      const params: Record<string, string> = {};
      try {
        route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1] ?? '')));
      } catch {
        return { kind: 'none' };
      }
      return { kind: 'found', route, params };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'none' };
  }
}
