/** The authorization request URL (python-keycloak's `auth_url`), every parameter percent-encoded. */

/** Options of {@link KeycloakOpenID.authUrl}; defaults are python-keycloak's. */
export interface AuthUrlOptions {
  /** Space-separated scopes. Default `"email"` (python-keycloak's; add `openid` for an ID token). */
  scope?: string;
  /** Returned to `redirectUri` untouched; check it there against CSRF. Default `""`. */
  state?: string;
  /** Put in the ID token; check it there against replay. Default `""`. */
  nonce?: string;
  /** PKCE (RFC 7636) challenge derived from the verifier later sent to {@link KeycloakOpenID.token}. */
  codeChallenge?: string;
  /** `S256` (recommended) or `plain`. Sent only with `codeChallenge`. */
  codeChallengeMethod?: 'S256' | 'plain';
  /** Extra parameters (`prompt`, `kc_idp_hint`, `ui_locales`, ...), encoded like the rest. */
  extraParams?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

/**
 * Builds `authorizationEndpoint?client_id=...&response_type=code&...` in python-keycloak's parameter
 * order. Unlike python-keycloak, values are encoded: a `redirect_uri` with its own query or a `state`
 * holding `&` cannot inject parameters.
 */
export function buildAuthUrl(
  authorizationEndpoint: string,
  clientId: string,
  redirectUri: string,
  options: AuthUrlOptions,
): string {
  const url = new URL(authorizationEndpoint);
  const params = url.searchParams;
  params.set('client_id', clientId);
  params.set('response_type', 'code');
  params.set('redirect_uri', redirectUri);
  params.set('scope', options.scope ?? 'email');
  params.set('state', options.state ?? '');
  params.set('nonce', options.nonce ?? '');
  if (options.codeChallenge !== undefined) {
    params.set('code_challenge', options.codeChallenge);
    params.set('code_challenge_method', options.codeChallengeMethod ?? 'S256');
  }
  for (const [name, value] of Object.entries(options.extraParams ?? {})) params.set(name, value);
  // URLSearchParams writes spaces as `+`; `%20` is what every OAuth server reads the same way.
  url.search = params.toString().replace(/\+/g, '%20');
  return url.href;
}
