import { KeycloakGuardError } from '../errors.js';

/** How a refusal's `WWW-Authenticate` names DPoP (RFC 9449 §7.1), besides or instead of Bearer. */
export type DpopChallengeMode =
  /** The request used `Authorization: DPoP`: the DPoP challenge carries the error, after a bare Bearer one. */
  | 'dpop-scheme'
  /** DPoP is required: the DPoP challenge alone, carrying the error. */
  | 'required'
  /** A bound token came as Bearer: the Bearer challenge carries the error, a bare DPoP one follows. */
  | 'bearer';

/**
 * The same refusal with a `WWW-Authenticate` that names DPoP: `DPoP algs="...", realm="...", error=...` in
 * Keycloak's parameter order (its userinfo endpoint answers so). Refusals that carry no Bearer challenge (503,
 * a redirect, a UMA ticket) are returned unchanged.
 */
export function withDpopChallenge(
  error: KeycloakGuardError,
  bareBearer: string,
  algs: string,
  mode: DpopChallengeMode,
): KeycloakGuardError {
  const current = error.wwwAuthenticate;
  if (current === undefined || !current.startsWith('Bearer')) return error;
  const params = current.slice('Bearer'.length).trim();
  const bareParams = bareBearer.slice('Bearer'.length).trim();
  const dpop = (rest: string) => `DPoP algs="${algs}"${rest === '' ? '' : `, ${rest}`}`;
  const header =
    mode === 'bearer'
      ? `${current}, ${dpop(bareParams)}`
      : mode === 'required'
        ? dpop(params)
        : `${bareBearer}, ${dpop(params)}`;
  // No Retry-After to carry over: only a 503 has one, and a 503 has no challenge.
  return new KeycloakGuardError(error.message, {
    status: error.status,
    code: error.code,
    reason: error.reason,
    wwwAuthenticate: header,
    error: error.error,
    errorDescription: error.errorDescription,
    cause: error.cause,
  });
}
