import type { KeycloakTestServer } from '../../server.js';
import { findUserByLogin } from '../../model/store.js';
import { settleDevice } from './verification.js';

/**
 * Approves (or, with `deny`, refuses) a pending device authorization as if `username` had logged in at the
 * verification URI. Returns false when the user code is unknown, expired or already settled.
 */
export function settleDeviceCode(
  server: KeycloakTestServer,
  realmName: string,
  userCode: string,
  decision: { approveAs: string } | 'deny',
): boolean {
  const realm = server.model.realm(realmName);
  if (!realm) throw new TypeError(`realmName: no realm ${realmName}`);
  const now = Math.floor(server.clock.now() / 1000);
  if (decision === 'deny') return settleDevice(server.kernel, realm, userCode, 'deny', now);
  const user = findUserByLogin(realm, decision.approveAs);
  if (!user) throw new TypeError(`approveAs: no user ${decision.approveAs} in realm ${realmName}`);
  const session = server.kernel.sessions.create(realm, user.id, now, false);
  session.notes['AUTH_TIME'] = String(now);
  const settled = settleDevice(server.kernel, realm, userCode, { session }, now);
  if (!settled) server.kernel.sessions.remove(session.id, false);
  return settled;
}
