/** The actions Keycloak posts to a client's admin URL that this API acts on (ResourceAdminManager). */
export type AdminActionName = 'LOGOUT' | 'PUSH_NOT_BEFORE';

/** An admin action that passed every check. */
export interface AdminAction {
  action: AdminActionName;
  /** Epoch seconds: tokens issued before it are revoked (0: none). */
  notBefore: number;
  /** The keycloak-connect session ids of a k_logout for one session; a bearer API holds none. */
  adapterSessionIds: readonly string[] | undefined;
}

/** A refusal of an admin action, with the status it is answered with (keycloak-connect's admin.js). */
export class AdminActionRefused extends Error {
  readonly status: 400 | 401;
  constructor(status: 400 | 401, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * Checks the claims of an admin action whose signature verified, as Keycloak's Java adapter did in
 * PreAuthActionsHandler (keycloak-connect's admin.js checks only `action`): `action` is the endpoint's
 * (else 400, as admin.js), `resource` is this API's client id and `expiration` has not passed (else 401, the
 * status admin.js gives a token it cannot verify). Keycloak builds it in ResourceAdminManager (LogoutAction,
 * PushNotBeforeAction): `id`, `expiration` (now + 30 s), `resource`, `action`, `notBefore`.
 * @throws AdminActionRefused with the status to answer.
 */
export function checkAdminAction(
  claims: Record<string, unknown>,
  expected: AdminActionName,
  clientId: string,
  nowSeconds: number,
  clockToleranceSeconds: number,
): AdminAction {
  if (claims.action !== expected) throw new AdminActionRefused(400, `The admin action is not ${expected}`);
  if (claims.resource !== clientId) throw new AdminActionRefused(401, 'The admin action is for another client');
  const { expiration, notBefore, adapterSessionIds } = claims;
  if (typeof expiration !== 'number' || !Number.isFinite(expiration))
    throw new AdminActionRefused(401, 'The admin action has no expiration');
  if (expiration !== 0 && nowSeconds - clockToleranceSeconds > expiration)
    throw new AdminActionRefused(401, 'The admin action expired');
  if (notBefore !== undefined && (typeof notBefore !== 'number' || !Number.isSafeInteger(notBefore) || notBefore < 0))
    throw new AdminActionRefused(400, 'The admin action notBefore is not epoch seconds');
  if (
    adapterSessionIds !== undefined &&
    adapterSessionIds !== null &&
    (!Array.isArray(adapterSessionIds) || !adapterSessionIds.every((id) => typeof id === 'string'))
  )
    throw new AdminActionRefused(400, 'The admin action adapterSessionIds is not a list of strings');
  return {
    action: expected,
    notBefore: notBefore ?? 0,
    adapterSessionIds: Array.isArray(adapterSessionIds) ? adapterSessionIds : undefined,
  };
}
