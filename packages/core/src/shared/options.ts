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
