import type { ClientModel } from '../../model/types.js';

// RedirectUtils: a host is compared lower-cased, the path as sent.
function lowerCaseHost(uri: string): string {
  const slash = uri.indexOf('/', 8);
  return slash < 0 ? uri.toLowerCase() : uri.slice(0, slash).toLowerCase() + uri.slice(slash);
}

function withoutQueryAndFragment(uri: string): string {
  return uri.replace(/[?#].*$/s, '');
}

function matches(valid: readonly string[], redirect: string, allowWildcards: boolean): boolean {
  for (const candidate of valid) {
    if (candidate === '*') return true;
    if (candidate.endsWith('*') && !candidate.includes('?') && allowWildcards) {
      const bare = withoutQueryAndFragment(redirect);
      const prefix = candidate.slice(0, -1);
      if (bare.startsWith(prefix)) return true;
      // "https://app/*" also accepts "https://app" itself.
      if (prefix.length > 1 && prefix.endsWith('/') && bare === prefix.slice(0, -1)) return true;
    } else if (candidate === redirect) {
      return true;
    }
  }
  return false;
}

// RFC 8252 7.3: a loopback redirect may use any port; Keycloak compares it without the port.
function withoutLoopbackPort(uri: string): string | undefined {
  const loopback = /^(http:\/\/(?:127\.0\.0\.1|\[::1\]))(?::\d+)?(\/.*)?$/s.exec(uri);
  return loopback ? `${loopback[1]}${loopback[2] ?? ''}` : undefined;
}

function resolve(valid: readonly string[], rootUrl: string | undefined, baseUrl: string): string[] {
  return valid.flatMap((uri) => (uri.startsWith('/') ? [uri, `${rootUrl || baseUrl}${uri}`] : [uri]));
}

/**
 * Checks a redirect_uri against a list of allowed URIs with Keycloak's rules (RedirectUtils.verifyRedirectUri):
 * exact match, a trailing `*` wildcard on the part before the query, relative entries resolved against the
 * client's root URL, and loopback redirects with any port. Returns the accepted URI or undefined.
 */
export function verifyRedirectUri(
  allowed: readonly string[],
  client: ClientModel,
  redirectUri: string | undefined,
  baseUrl: string,
  requireParam: boolean,
): string | undefined {
  const valid = resolve(allowed, client.rootUrl, baseUrl);
  if (redirectUri === undefined) {
    // OAuth2 (non-OIDC) requests may omit redirect_uri when exactly one non-wildcard URI is registered.
    if (requireParam || valid.length !== 1 || valid[0]?.includes('*')) return undefined;
    return valid[0];
  }
  if (valid.length === 0) return undefined;
  const uri = lowerCaseHost(redirectUri);
  // A URI with user info could smuggle another host past a prefix match; wildcards do not apply to it.
  const allowWildcards = !/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(uri);
  if (matches(valid, uri, allowWildcards)) return redirectUri;
  const loopback = withoutLoopbackPort(uri);
  if (
    loopback &&
    matches(
      valid.map((v) => withoutLoopbackPort(v) ?? v),
      loopback,
      allowWildcards,
    )
  )
    return redirectUri;
  return undefined;
}

/**
 * The client's post-logout redirect URIs (attribute `post.logout.redirect.uris`, `##`-separated; `+` = redirectUris).
 * Without the attribute the redirect URIs count, as on Keycloak 26.7.3, where a client created through the admin
 * API carries none and logout with its id_token_hint still redirects to them.
 */
export function postLogoutRedirectUris(client: ClientModel): string[] {
  const raw = client.attributes['post.logout.redirect.uris'];
  if (raw === undefined) return client.redirectUris;
  if (!raw) return [];
  return raw
    .split('##')
    .filter(Boolean)
    .flatMap((uri) => (uri === '+' ? client.redirectUris : [uri]));
}
