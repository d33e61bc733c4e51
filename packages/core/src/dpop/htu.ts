/**
 * The `htu` of a DPoP proof and the URL of a request in one comparable form (RFC 9449 §4.3 point 9): no
 * query and no fragment, then RFC 3986 §6.2.2 syntax-based and §6.2.3 scheme-based normalisation, which the
 * WHATWG URL parser does (scheme and host lower-cased, the scheme's default port dropped, an empty path
 * as `/`, dot-segments removed, percent-encoding of unreserved characters decoded by the host rules).
 * Undefined when the text is no absolute http(s) URL.
 */
export function normalizeHtu(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Credentials have no place in a request target; a proof naming them is not about this request.
  if (url.username !== '' || url.password !== '') return undefined;
  return `${url.protocol}//${url.host}${decodeUnreserved(url.pathname)}`;
}

/** RFC 3986 §6.2.2.2: `%41` and `A` are the same URL when the octet is an unreserved character. */
function decodeUnreserved(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (encoded, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : encoded.toUpperCase();
  });
}

/**
 * The URL a client used for a request: `publicUrl` (the API's public base, trusted configuration) joined to
 * the request's path, else the origin the framework resolved (its own trusted-proxy rules) and the path. The
 * query and fragment go with the parsing in {@link normalizeHtu}.
 */
export function requestHtu(
  publicUrl: string | undefined,
  origin: string | undefined,
  path: string,
): string | undefined {
  const base = publicUrl ?? origin;
  if (base === undefined) return undefined;
  return normalizeHtu(`${base.replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`);
}
