/**
 * The admin token as the token endpoint answers it, and when it must be renewed. Expiry is computed
 * from `expires_in` against the injected clock at reception, so a server clock that differs from ours
 * does not matter (the JWT's `exp` is server time). A token without `expires_in` falls back to the
 * lifetime its JWT claims (`exp - iat`).
 */
import { KeycloakOperationError } from '../../errors.js';
import type { TokenResponse } from '../../oidc/types.js';

/**
 * The admin token: a token endpoint answer (as KeycloakOpenID's `token()` returns it), of which only
 * `access_token` is required so a token from elsewhere can be given as is.
 */
export type AdminToken = Partial<TokenResponse> & { readonly access_token: string };

/** A token with the instants (ms, on the injected clock) at which its parts stop being usable. */
export interface TokenState {
  readonly response: AdminToken;
  /** When the access token expires; `undefined` when unknown (then only a 401 renews it). */
  readonly expiresAtMs: number | undefined;
  /** When the refresh token expires; `undefined` when unknown or when it does not expire by time. */
  readonly refreshExpiresAtMs: number | undefined;
  /** The margin in ms before `expiresAtMs` at which the token is renewed. */
  readonly marginMs: number;
}

/** Checks a token endpoint answer (or a token given by the user) and dates it. */
/**
 * `given`: a token the caller held already (the `token` option) rather than one just received. Its `expires_in`
 * counted from when it was issued, not from now, so the JWT's own `exp` decides when it expires, when it has one.
 */
export function toTokenState(
  value: unknown,
  receivedAtMs: number,
  refreshMarginMs: number,
  what: string,
  given = false,
): TokenState {
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof (value as { access_token?: unknown }).access_token !== 'string'
  ) {
    throw new KeycloakOperationError(`${what} has no access_token`);
  }
  const response = value as AdminToken;
  const lifetimeS = positive(response.expires_in) ?? jwtLifetimeSeconds(response.access_token);
  const refreshLifetimeS = positive(response.refresh_expires_in);
  const lifetimeMs = lifetimeS === undefined ? undefined : lifetimeS * 1000;
  const expMs = given ? jwtExpiryMs(response.access_token) : undefined;
  const refreshExpMs =
    given && typeof response.refresh_token === 'string' ? jwtExpiryMs(response.refresh_token) : undefined;
  return {
    response,
    expiresAtMs: expMs ?? (lifetimeMs === undefined ? undefined : receivedAtMs + lifetimeMs),
    refreshExpiresAtMs:
      refreshExpMs ?? (refreshLifetimeS === undefined ? undefined : receivedAtMs + refreshLifetimeS * 1000),
    // A margin larger than half the lifetime would renew a short-lived token on every call.
    marginMs: lifetimeMs === undefined ? 0 : Math.min(refreshMarginMs, lifetimeMs / 2),
  };
}

/** Whether the access token is still good to send at `nowMs`. */
export function isFresh(state: TokenState, nowMs: number): boolean {
  return state.expiresAtMs === undefined || nowMs < state.expiresAtMs - state.marginMs;
}

/** Whether the refresh token may still be used at `nowMs` (as far as we know). */
export function canRefresh(state: TokenState, nowMs: number): boolean {
  if (typeof state.response.refresh_token !== 'string' || state.response.refresh_token === '') return false;
  return state.refreshExpiresAtMs === undefined || nowMs < state.refreshExpiresAtMs;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** `exp - iat` of a JWT access token, read without verification: it only schedules a renewal. */
function jwtLifetimeSeconds(token: string): number | undefined {
  const { exp, iat } = unverifiedTimes(token);
  return exp !== undefined && iat !== undefined ? positive(exp - iat) : undefined;
}

/** `exp` of a JWT in epoch ms, read without verification (it only schedules a renewal), or undefined. */
function jwtExpiryMs(token: string): number | undefined {
  const { exp } = unverifiedTimes(token);
  return exp === undefined ? undefined : exp * 1000;
}

function unverifiedTimes(token: string): { exp?: number; iat?: number } {
  const payload = token.split('.')[1];
  if (payload === undefined) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (claims === null || typeof claims !== 'object') return {};
    const { exp, iat } = claims as { exp?: unknown; iat?: unknown };
    return { exp: positive(exp), iat: positive(iat) };
  } catch {
    return {};
  }
}
