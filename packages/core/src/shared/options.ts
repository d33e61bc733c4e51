/**
 * Option checks shared by every domain that takes options (key set, verifier, introspector, OIDC and admin
 * clients, UMA, guard). Each throws a TypeError naming the option, so a bad configuration fails at
 * construction and never on a request.
 */

/** A duration in milliseconds: a finite, non-negative number; `fallback` when undefined. */
export function durationOption(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`"${name}" must be a finite, non-negative number of milliseconds`);
  }
  return value;
}

/** A positive safe integer (a count or a size); `fallback` when undefined. */
export function positiveIntegerOption(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`"${name}" must be a positive integer`);
  }
  return value;
}

/** An absolute http(s) URL, returned unchanged (no normalisation: issuers compare exactly). */
export function urlOption(name: string, value: unknown): string {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    throw new TypeError(`"${name}" must be an absolute URL`);
  }
  const { protocol } = new URL(value);
  if (protocol !== 'https:' && protocol !== 'http:') throw new TypeError(`"${name}" must be an http(s) URL`);
  return value;
}

/** A non-empty string or a non-empty list of them; `undefined` stays undefined. */
export function stringListOption(name: string, value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
    throw new TypeError(`"${name}" must be a non-empty string or a non-empty array of non-empty strings`);
  }
  return Object.freeze([...(list as string[])]);
}

/** A clock returning epoch milliseconds; `Date.now` when undefined. */
export function clockOption(value: unknown): () => number {
  if (value === undefined) return Date.now;
  if (typeof value !== 'function') throw new TypeError('"now" must be a function returning epoch milliseconds');
  return value as () => number;
}

/** An undici Dispatcher, checked by shape because several undici copies may coexist. */
export function dispatcherOption<T>(value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || typeof (value as { dispatch?: unknown }).dispatch !== 'function') {
    throw new TypeError('"dispatcher" must be an undici Dispatcher');
  }
  return value;
}

/** One realm URL or the list of URLs Keycloak is reached by; each an absolute http(s) URL. */
export function issuersOption(value: unknown): readonly string[] {
  const issuers = stringListOption('issuer', value);
  if (issuers === undefined) throw new TypeError('"issuer" is required');
  issuers.forEach((issuer) => urlOption('issuer', issuer));
  return issuers;
}

/**
 * Refuses a key of `options` that `known` does not list. A misspelt option (`tokenCache` for `cache`,
 * `audiance` for `audience`) would otherwise be ignored without a word, its default silently in force; in
 * plain JavaScript nothing else notices. Callers type `known` as `Record<keyof TheirOptions, true>`, so an
 * option added to the interface cannot be forgotten here. `what` names the options in the message, `prefix`
 * the path of a nested object (`dpop.`).
 */
export function knownOptions(what: string, options: object, known: Readonly<Record<string, true>>, prefix = ''): void {
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(known, key)) continue;
    const near = Object.keys(known).find((name) => looksLike(key, name));
    throw new TypeError(
      `"${prefix}${key}" is not an option of ${what}${near === undefined ? '' : ` (did you mean "${prefix}${near}"?)`}`,
    );
  }
}

/** Same letters in another case, or at most two edits apart (Levenshtein): a typo rather than another name. */
function looksLike(given: string, name: string): boolean {
  const a = given.toLowerCase();
  const b = name.toLowerCase();
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 2 || Math.min(a.length, b.length) < 4) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost));
    }
    previous = row;
  }
  return (previous[b.length] as number) <= 2;
}
