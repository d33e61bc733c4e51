/**
 * The guard's log line for a refused request, at the level that says who must act: `error` when Keycloak
 * reported a misconfiguration (the realm, client or resource server does not exist: an operator must fix an
 * option, and it names them), `warn` with the cause when Keycloak could not be asked (an outage: it may pass),
 * `debug` for every refusal of a client's request (no token, a bad one, a missing role). Never the token or a
 * secret: the cause is described by `describeFailure`, which redacts.
 */
import type { GuardDenialReason, KeycloakGuardError } from '../../errors.js';
import type { GuardLogger } from '../options.js';
import { describeFailure } from './keycloak-failure.js';

/** What the guard knows of a refusal besides the error. */
export interface DenialFacts {
  readonly realm: string | undefined;
  readonly subject: string | undefined;
  readonly clientId: string;
  /** The UMA audience (resource server), named when it is the misconfigured part. */
  readonly audience: string;
  readonly cause: unknown;
}

const OUTAGES: ReadonlySet<GuardDenialReason> = new Set(['keycloak_unreachable', 'keycloak_error', 'enforcer_failed']);

/** Writes one line for `error` with `logger`. */
export function logDenial(logger: GuardLogger, error: KeycloakGuardError, facts: DenialFacts): void {
  const { reason } = error;
  const base = { status: error.status, code: error.code, reason, realm: facts.realm };
  switch (reason) {
    case 'realm_not_found':
      logger.error(
        { ...base, cause: describeFailure(facts.cause) },
        `Keycloak says realm "${facts.realm ?? '?'}" does not exist: check the guard's "serverUrl" and "realm" options`,
      );
      return;
    case 'resource_server_not_found':
      logger.error(
        { ...base, clientId: facts.clientId, audience: facts.audience, cause: describeFailure(facts.cause) },
        `Keycloak says client "${facts.audience}" of realm "${facts.realm ?? '?'}" is not a resource server: check "authorization.audience" (default "clientId") and the client's Authorization setting`,
      );
      return;
    case 'client_rejected':
      logger.error(
        { ...base, clientId: facts.clientId, cause: describeFailure(facts.cause) },
        `Keycloak refused client "${facts.clientId}" of realm "${facts.realm ?? '?'}": check the "clientId" and "clientSecret" options`,
      );
      return;
    default:
      if (OUTAGES.has(reason)) {
        logger.warn(
          { ...base, cause: describeFailure(facts.cause) },
          'keycloak guard could not check the request: Keycloak failed or could not be reached',
        );
        return;
      }
      logger.debug({ ...base, sub: facts.subject }, 'keycloak guard refused the request');
  }
}
