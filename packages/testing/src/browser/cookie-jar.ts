interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

/** The default cookie path of RFC 6265 §5.1.4: the request path up to its last `/`. */
function defaultPath(url: URL): string {
  const slash = url.pathname.lastIndexOf('/');
  return slash <= 0 ? '/' : url.pathname.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** Whether Max-Age or Expires tell the browser to drop the cookie now. */
function isRemoval(attributes: Map<string, string>): boolean {
  const maxAge = attributes.get('max-age');
  if (maxAge !== undefined) return Number(maxAge) <= 0;
  const expires = attributes.get('expires');
  return expires !== undefined && Date.parse(expires) <= Date.now();
}

/**
 * A small browser cookie store for {@link browserLogin}: it keeps what `Set-Cookie` headers give (host-only,
 * by path), sends them back to matching URLs and drops cookies a server expires (`Max-Age=0`, past
 * `Expires`). It does not expire cookies with time, check `Domain`, `Secure` or `SameSite`: it plays one
 * browser against one test server. It holds at most {@link CookieJar.maxCookies} cookies, dropping the
 * oldest.
 */
export class CookieJar {
  /** How many cookies a jar keeps at most. */
  static readonly maxCookies = 200;
  readonly #cookies = new Map<string, StoredCookie>();

  /**
   * Stores the `Set-Cookie` headers of an answer to a request for `url`.
   *
   * @param url - The URL the answer came from.
   * @param headers - The answer's headers (`response.headers`).
   */
  store(url: string | URL, headers: Headers): void {
    const from = new URL(url);
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...rest] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const attributes = new Map(
        rest.map((part) => {
          const at = part.indexOf('=');
          return at < 0
            ? [part.trim().toLowerCase(), '']
            : [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()];
        }),
      );
      const givenPath = attributes.get('path');
      const cookie = {
        name: pair.slice(0, eq).trim(),
        value: pair.slice(eq + 1).trim(),
        host: from.host,
        path: givenPath?.startsWith('/') ? givenPath : defaultPath(from),
      };
      const key = `${cookie.host} ${cookie.path} ${cookie.name}`;
      this.#cookies.delete(key);
      if (isRemoval(attributes)) continue;
      this.#cookies.set(key, cookie);
      if (this.#cookies.size > CookieJar.maxCookies) this.#cookies.delete(this.#cookies.keys().next().value ?? '');
    }
  }

  /** The `Cookie` header a browser sends to `url` (longer paths first), or undefined when no cookie matches. */
  header(url: string | URL): string | undefined {
    const to = new URL(url);
    const matching = [...this.#cookies.values()]
      .filter((cookie) => cookie.host === to.host && pathMatches(to.pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length > 0 ? matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') : undefined;
  }

  /** The `name=value` pair of the first cookie called `name` (as a `Cookie` header value), or undefined. */
  get(name: string): string | undefined {
    for (const cookie of this.#cookies.values()) if (cookie.name === name) return `${cookie.name}=${cookie.value}`;
    return undefined;
  }

  /** Forgets every cookie called `name` (a user clearing one cookie). */
  delete(name: string): void {
    for (const [key, cookie] of this.#cookies) if (cookie.name === name) this.#cookies.delete(key);
  }

  /** Forgets every cookie. */
  clear(): void {
    this.#cookies.clear();
  }

  /** How many cookies the jar holds. */
  get size(): number {
    return this.#cookies.size;
  }
}
