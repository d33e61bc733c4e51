/**
 * The guard's side of `keycloak-ts:guard:decision` (see shared/diagnostics.ts): wraps one check, only when
 * someone subscribed, and publishes its outcome when it settles, in the caller's async context. A refusal's realm
 * is noted by the guard when it builds the error, since the error itself does not carry it.
 */
import { KeycloakGuardError } from '../../errors.js';
import { guardDecisions, preciseNow, type GuardDecisionMessage, type GuardSpecKind } from '../../shared/diagnostics.js';

const refusalRealms = new WeakMap<KeycloakGuardError, string | undefined>();

/** Remembers the realm of a refusal for its decision message; a no-op when nobody listens. */
export function noteRefusalRealm(error: KeycloakGuardError, realm: string | undefined): void {
  if (guardDecisions.hasSubscribers) refusalRealms.set(error, realm);
}

interface Decided {
  readonly spec: GuardSpecKind;
  readonly clientId: string;
  readonly startTime: number;
}

function publish(decided: Decided, allowed: boolean, realm: string | undefined, error?: unknown): void {
  const refusal = error instanceof KeycloakGuardError ? error : undefined;
  const message: GuardDecisionMessage = {
    allowed,
    reason: refusal?.reason,
    status: refusal?.status,
    realm: refusal === undefined ? realm : refusalRealms.get(refusal),
    clientId: decided.clientId,
    spec: decided.spec,
    startTime: decided.startTime,
    durationMs: preciseNow() - decided.startTime,
  };
  guardDecisions.publish(message);
}

function allowedRealm(context: unknown): string | undefined {
  return context === undefined ? undefined : (context as { realm?: string }).realm;
}

/** Runs `check(request)` as is, publishing its decision; sync results stay sync. */
export function observeDecision<R, T>(
  check: (request: R) => T | Promise<T>,
  request: R,
  spec: GuardSpecKind,
  clientId: string,
): T | Promise<T> {
  const decided: Decided = { spec, clientId, startTime: preciseNow() };
  let result: T | Promise<T>;
  try {
    result = check(request);
  } catch (error) {
    publish(decided, false, undefined, error);
    throw error;
  }
  if (!(result instanceof Promise)) {
    publish(decided, true, allowedRealm(result));
    return result;
  }
  return result.then(
    (context) => {
      publish(decided, true, allowedRealm(context));
      return context;
    },
    (error: unknown) => {
      publish(decided, false, undefined, error);
      throw error;
    },
  );
}
