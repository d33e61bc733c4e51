/**
 * Path matching as Keycloak's PathMatcher (common/.../util/PathMatcher.java) does it: an exact
 * path wins, then the most specific `{param}` template, then a `/*.ext` suffix, then the longest
 * `/prefix/*` wildcard. Request paths are normalised first so `/a/../admin`, `/admin;x=1`,
 * `//admin`, `/%61dmin` and `/admin/` cannot slip past a rule for `/admin`.
 */

/** A matched entry and the template parameters it captured. */
export interface PathMatch<P> {
  readonly entry: P;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Normalises a request path; `undefined` when it cannot be decoded (the caller must then deny).
 */
export function normalizePath(raw: string): string | undefined {
  let path = raw;
  const cut = path.search(/[?#]/);
  if (cut !== -1) path = path.slice(0, cut);
  for (let pass = 0; pass < 2; pass++) {
    path = path.replace(/;[^/]*/g, '').replace(/\/{2,}/g, '/');
    if (pass === 0) {
      try {
        path = decodeURIComponent(path);
      } catch {
        return undefined;
      }
    }
  }
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const wildcard = template.endsWith('/*');
  const expected = (wildcard ? template.slice(0, -2) : template).split('/');
  const actual = path.split('/');
  if (wildcard ? actual.length < expected.length : actual.length !== expected.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of expected.entries()) {
    const value = actual[index] as string;
    const param = /^\{([^/{}]+)\}$/.exec(part);
    if (param) {
      if (value === '') return undefined;
      params[param[1] as string] = value;
    } else if (part !== value) {
      return undefined;
    }
  }
  return params;
}

function segmentCount(path: string): number {
  return path.split('/').length;
}

/**
 * Finds the entry whose path pattern best matches `rawPath`.
 *
 * @param entries - in configuration order (ties go to the first).
 * @param pathOf - the pattern of an entry: exact `/a/b`, template `/a/{id}`, wildcard `/a/*`, suffix `/*.html`.
 */
export function matchPath<P>(entries: readonly P[], pathOf: (entry: P) => string, rawPath: string): PathMatch<P> | undefined {
  const path = normalizePath(rawPath);
  if (path === undefined) return undefined;
  let template: { match: PathMatch<P>; segments: number; braces: number } | undefined;
  let suffix: PathMatch<P> | undefined;
  let wildcard: { match: PathMatch<P>; segments: number } | undefined;

  for (const entry of entries) {
    const pattern = pathOf(entry);
    const base = pattern.length > 1 && pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
    if (base === path) return { entry, params: {} };
    if (base.includes('{')) {
      const params = matchTemplate(base, path);
      if (params === undefined) continue;
      const braces = base.split('{').length;
      const candidate = { match: { entry, params }, segments: segmentCount(base), braces };
      if (base.endsWith('/*')) {
        if (wildcard === undefined || wildcard.segments < candidate.segments) wildcard = candidate;
      } else if (template === undefined || candidate.segments > template.segments || candidate.braces < template.braces) {
        template = candidate;
      }
    } else if (base.endsWith('/*')) {
      const root = base.slice(0, -2);
      // `/admin/*` also protects `/admin` itself, and Keycloak treats that as an exact hit
      if (path === (root === '' ? '/' : root)) return { entry, params: {} };
      if (!path.startsWith(`${root}/`)) continue;
      const segments = segmentCount(base);
      if (wildcard === undefined || wildcard.segments < segments) wildcard = { match: { entry, params: {} }, segments };
    } else if (base.includes('/*.')) {
      if (path.endsWith(base.slice(base.indexOf('/*.') + 2))) suffix = { entry, params: {} };
    }
  }
  return template?.match ?? suffix ?? wildcard?.match;
}
