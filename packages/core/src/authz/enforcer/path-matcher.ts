/**
 * Path matching as Keycloak's PathMatcher (keycloak/keycloak `common/.../util/PathMatcher.java`) does
 * it, ported step by step so that every path it matches, and every one it does not, is the same here:
 * an exact path wins, then the most specific `{param}` template, then a `/*.ext` suffix, then the
 * longest `/prefix/*` wildcard. Malformed templates (`/api/{p1}/x}y/{p2}`) match nothing, and
 * `/api/{}/foo` matches `/api/1/foo` ("legacy compatibility" in Keycloak's PathMatcherTest).
 * Request paths are normalised first so `/a/../admin`, `/admin;x=1`, `//admin`, `/%61dmin` and
 * `/admin/` cannot slip past a rule for `/admin`.
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

/** Java's `String.split(regex)` for a one-character separator: trailing empty strings are dropped. */
function javaSplit(text: string, separator: string): string[] {
  if (!text.includes(separator)) return [text];
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** PathMatcher.exactMatch: equal, under a trailing `*`, or ending with a `/*.ext` suffix. */
function exactMatch(expected: string, target: string): boolean {
  if (target === expected) return true;
  if (expected.endsWith('*')) {
    const root = expected.slice(0, -1);
    if (target.startsWith(root)) return true;
    return target === root.slice(0, -1);
  }
  const suffix = expected.indexOf('/*.');
  if (suffix !== -1) return target.endsWith(expected.slice(suffix + 2));
  return false;
}

/**
 * PathMatcher.buildUriFromTemplate: the template with its `{param}` segments filled from `target`,
 * or undefined when they do not line up (a malformed template never lines up). With `onlyFirstParam`,
 * the target up to the template's last parameter: the resource instance a sub-path belongs to
 * (`/album/{id}/*` and `/album/1/photos` give `/album/1`).
 */
export function buildUriFromTemplate(template: string, target: string, onlyFirstParam: boolean): string | undefined {
  let uri = template;
  let expected = template;
  const patternStart = expected.indexOf('{');
  if (expected.endsWith('/*')) expected = expected.slice(0, -2);
  if (patternStart === -1 || patternStart >= target.length) return undefined;
  if (javaSplit(expected, '/').length > javaSplit(target, '/').length) return undefined;
  if (expected.slice(0, patternStart) !== target.slice(0, patternStart)) return undefined;
  const matching: string[] = [...expected.slice(0, patternStart)];
  matching.length = target.length;
  let last = patternStart;
  const targetParams = javaSplit(target.slice(patternStart), '/');
  let paramIndex = 0;
  let lastPattern = 0;
  // Keycloak's loop may go back to the start when a `{` has no `}`; bound it rather than spin.
  let budget = (expected.length + 1) * (target.length + 1);
  for (let i = patternStart; i < expected.length; i++) {
    if (last >= matching.length || budget-- <= 0) break;
    const c = expected[i] as string;
    if (c === '{' || c === '*') {
      for (let k = paramIndex; k <= (c === '*' ? targetParams.length : paramIndex); k++) {
        if (k === targetParams.length) break;
        const value = targetParams[k] as string;
        if (last + value.length > matching.length) return undefined;
        for (const char of value) matching[last++] = char;
        if (c === '{') {
          const open = uri.indexOf('{', lastPattern);
          const close = uri.indexOf('}', lastPattern);
          if (open === -1 || close === -1 || close < open) return undefined;
          if (uri.slice(open + 1, close).includes('/')) return undefined;
          uri = uri.slice(0, open) + value + uri.slice(close + 1);
        }
        if (value.endsWith('}')) lastPattern = uri.indexOf(value) + value.length;
        if (c === '*' && last < matching.length) matching[last++] = '/';
      }
      if (c === '{') i = expected.indexOf('}', i);
      if (i === expected.lastIndexOf('}') && onlyFirstParam) return matching.slice(0, last).join('');
    } else {
      if (c === '/') paramIndex++;
      matching[last++] = c;
    }
  }
  return uri;
}

/** The values of a well-formed template's `{name}` segments in `path` (informational). */
function paramsOf(template: string, path: string): Record<string, string> {
  const params: Record<string, string> = {};
  const actual = path.split('/');
  for (const [index, part] of template.split('/').entries()) {
    const param = /^\{([^/{}]*)\}$/.exec(part);
    const value = actual[index];
    if (param !== null && value !== undefined && param[1] !== '') params[param[1] as string] = value;
  }
  return params;
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Finds the entry whose path pattern best matches `rawPath`, as PathMatcher.matches does.
 *
 * @param entries - in configuration order (ties go as in Keycloak's iteration).
 * @param pathOf - the pattern of an entry: exact `/a/b`, template `/a/{id}`, wildcard `/a/*`, suffix `/*.html`.
 */
export function matchPath<P>(
  entries: readonly P[],
  pathOf: (entry: P) => string,
  rawPath: string,
): PathMatch<P> | undefined {
  const target = normalizePath(rawPath);
  if (target === undefined) return undefined;
  let patternCount = 0;
  let bracketsPatternCount = 0;
  let matchingPath: P | undefined;
  let matchingAnyPath: P | undefined;
  let matchingAnySuffixPath: P | undefined;

  for (const entry of entries) {
    const expected = pathOf(entry);
    if (expected === '') continue;
    let matchingUri: string | undefined;
    if (exactMatch(expected, target)) matchingUri = expected;
    if (expected.includes('{')) {
      const templateUri = buildUriFromTemplate(expected, target, false);
      if (templateUri !== undefined) {
        const length = javaSplit(expected, '/').length;
        const bracketsLength = javaSplit(expected, '{').length;
        if (
          exactMatch(templateUri, target) &&
          (patternCount === 0 || length > patternCount || bracketsLength < bracketsPatternCount)
        ) {
          matchingUri = templateUri;
          patternCount = length;
          bracketsPatternCount = bracketsLength;
        }
      }
    }
    if (matchingUri === undefined) continue;
    let root = expected;
    const star = root.indexOf('/*');
    if (star !== -1) root = root.slice(0, star);
    const brace = root.indexOf('{');
    if (brace !== -1) root = root.slice(0, brace);
    if (root === '') root = '/';
    if (matchingUri === target || root === target) {
      if (patternCount === 0) return { entry, params: NO_PARAMS };
      matchingPath = entry;
    }
    if (expected.endsWith('*')) {
      if (
        matchingAnyPath === undefined ||
        javaSplit(pathOf(matchingAnyPath), '/').length < javaSplit(matchingUri, '/').length
      )
        matchingAnyPath = entry;
    } else {
      const suffix = expected.indexOf('*.');
      if (suffix !== -1 && target.endsWith(expected.slice(suffix + 1))) matchingAnySuffixPath = entry;
    }
  }
  const found = matchingPath ?? matchingAnySuffixPath ?? matchingAnyPath;
  if (found === undefined) return undefined;
  const pattern = pathOf(found);
  return { entry: found, params: pattern.includes('{') ? paramsOf(pattern, target) : NO_PARAMS };
}
