/**
 * The guard's startup check: asks Keycloak what the first request would, so a wrong option fails the app's
 * start with a {@link KeycloakConfigError} that names it, rather than every request with a 503. Per realm known
 * before any request (a fixed `realm`, each of `allowedIssuers`): its discovery document (the realm exists, and
 * its issuer is the one tokens are checked against), its keys (loaded into the guard's own key set, so the
 * first request is warm), the introspection endpoint with the guard's credentials under
 * `validation: 'introspect'`, and, for UMA routes, the resource server: a UMA grant with the client's own
 * credentials, which Keycloak (AuthorizationTokenService) answers `Unknown resource server id` or
 * `Client does not support permissions` when `authorization.audience` is no resource server.
 */
import {
  KeycloakConfigError,
  KeycloakError,
  KeycloakInvalidTokenError,
  type KeycloakConfigProblem,
} from '../../errors.js';
import { requestJson, tokenConnection } from '../../jwks/request-json.js';
import type { ResolvedGuardOptions } from '../options.js';
import type { GuardReadiness } from '../readiness.js';
import { misconfigurationOf } from './keycloak-failure.js';
import type { RealmEntry } from './realms.js';

const UMA_GRANT = 'urn:ietf:params:oauth:grant-type:uma-ticket';

/** What the check needs of the guard. */
export interface StartupTarget {
  readonly options: ResolvedGuardOptions<never>;
  /** The realms known before any request (none with a realm resolver). */
  readonly realms: readonly RealmEntry[];
  /** Whether a UMA resource server must answer (permission or enforcer routes, or asked for). */
  readonly resourceServer: boolean;
  readonly signal: AbortSignal | undefined;
}

interface Found {
  checked: string[];
  unchecked: string[];
}

/** Runs the check; resolves with what was checked, or rejects with the first problem found. */
export async function startupCheck(target: StartupTarget): Promise<GuardReadiness> {
  const { options } = target;
  const found: Found = { checked: [], unchecked: [] };
  if (typeof options.realm === 'function') {
    found.unchecked.push(
      `realms come from the "realm" resolver, one per request: each is checked on its first request (${options.serverUrl})`,
    );
  }
  // Every realm at once: a slow Keycloak costs one timeout, not one per realm.
  const outcomes = await Promise.allSettled(target.realms.map((realm) => checkRealm(realm, target, found)));
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return { checked: found.checked, unchecked: found.unchecked };
}

async function checkRealm(realm: RealmEntry, target: StartupTarget, found: Found): Promise<void> {
  const { options, signal } = target;
  const label = realm.realmName === undefined ? `issuer ${realm.issuer}` : `realm "${realm.realmName}"`;
  const option = options.allowedIssuers !== undefined ? 'allowedIssuers' : 'realm';
  const facts: Facts = { label, realm: realm.realmName, option, clientId: options.clientId };
  // The token layer's one-attempt calls, on the guard's pool; its timeout is the guard's.
  const connection: Connection = {
    to: tokenConnection(realm.issuer, options.dispatcher, MAX_ANSWER_BYTES),
    timeoutDuration: options.timeoutDuration,
  };
  // Discovery and keys together; the discovery's verdict comes first, as it says most about the realm.
  const [discovery, keys] = await Promise.allSettled([
    call(connection, { method: 'GET', url: `${realm.issuer}/.well-known/openid-configuration`, signal }),
    realm.preload(signal),
  ]);
  if (discovery.status === 'rejected') throw unreachable(discovery.reason, facts, 'the discovery document');
  judgeDiscovery(discovery.value, realm, facts);
  if (keys.status === 'rejected') throw fromCause(keys.reason, facts, 'the keys (JWKS)');
  found.checked.push(`${label}: discovery and ${options.validation === 'introspect' ? 'issuer' : 'keys (JWKS)'}`);
  if (options.validation === 'introspect') await checkIntrospection(connection, realm, target, facts, found);
  if (target.resourceServer) await checkResourceServer(connection, realm, target, facts, found);
}

interface Facts {
  readonly label: string;
  readonly realm: string | undefined;
  readonly option: string;
  readonly clientId: string;
}

/** Keycloak's answer, whatever its status; only a call that got none rejects. */
interface Answer {
  readonly status: number;
  readonly body: unknown;
}

interface Connection {
  readonly to: ReturnType<typeof tokenConnection>;
  readonly timeoutDuration: number;
}

const MAX_ANSWER_BYTES = 512 * 1024;

interface Call {
  method: 'GET' | 'POST';
  url: string;
  form?: URLSearchParams;
  signal: AbortSignal | undefined;
}

async function call(connection: Connection, request: Call): Promise<Answer> {
  try {
    return await requestJson(connection.to, {
      ...request,
      timeoutDuration: connection.timeoutDuration,
      what: 'the startup check',
    });
  } catch (error) {
    // requestJson turns an error status into a KeycloakInvalidTokenError carrying it: here it is an answer.
    if (error instanceof KeycloakInvalidTokenError && error.reason === 'keycloak_error' && error.status !== undefined)
      return { status: error.status, body: error.body };
    throw error;
  }
}

/** An answer of the discovery endpoint: 2xx with the expected issuer, or a problem. */
function judgeDiscovery(response: Answer, realm: RealmEntry, facts: Facts): void {
  const { status, body } = response;
  if (status >= 500) throw answered('keycloak_error', status, facts, 'serverUrl', 'the discovery document', body);
  if (status === 404) {
    // Keycloak answers `Realm does not exist` for an unknown realm; any other 404 is a URL that is not Keycloak's.
    if (oauthError(body) === 'Realm does not exist') {
      throw new KeycloakConfigError(`Keycloak says ${facts.label} does not exist: check the "${facts.option}" option`, {
        problem: 'realm_not_found',
        option: facts.option,
        realm: facts.realm,
        status,
        body,
      });
    }
    throw new KeycloakConfigError(
      `Keycloak answered 404 for ${facts.label}'s discovery document: "serverUrl" must be Keycloak's base URL (no /auth since Keycloak 17)`,
      { problem: 'realm_not_found', option: 'serverUrl', realm: facts.realm, status, body },
    );
  }
  if (status < 200 || status > 299)
    throw answered('keycloak_error', status, facts, 'serverUrl', 'the discovery document', body);
  const issuer = body !== null && typeof body === 'object' ? (body as { issuer?: unknown }).issuer : undefined;
  if (issuer !== realm.issuer) {
    throw new KeycloakConfigError(
      `${facts.label} names its issuer ${JSON.stringify(issuer)}, but tokens are checked against ${realm.issuer}: "serverUrl" must be the URL Keycloak writes in tokens (its hostname or frontendUrl)`,
      { problem: 'issuer_mismatch', option: 'serverUrl', realm: facts.realm },
    );
  }
}

/** `validation: 'introspect'`: the guard's own credentials, on a token that cannot be active. */
async function checkIntrospection(
  connection: Connection,
  realm: RealmEntry,
  target: StartupTarget,
  facts: Facts,
  found: Found,
): Promise<void> {
  const { options, signal } = target;
  const form = new URLSearchParams({
    token: 'keycloak-ts-startup-check',
    client_id: options.clientId,
    client_secret: options.clientSecret ?? '',
  });
  const response = await call(connection, {
    method: 'POST',
    url: `${realm.issuer}/protocol/openid-connect/token/introspect`,
    form,
    signal,
  }).catch((error: unknown) => {
    throw unreachable(error, facts, 'token introspection');
  });
  if (response.status === 401 || response.status === 403) {
    throw new KeycloakConfigError(
      `Keycloak refused client "${options.clientId}" of ${facts.label} for introspection (${describe(response.body)}): check the "clientId" and "clientSecret" options`,
      {
        problem: 'client_rejected',
        option: 'clientSecret',
        realm: facts.realm,
        clientId: options.clientId,
        status: response.status,
        body: response.body,
      },
    );
  }
  if (response.status < 200 || response.status > 299)
    throw answered('keycloak_error', response.status, facts, 'serverUrl', 'token introspection', response.body);
  found.checked.push(`${facts.label}: client "${options.clientId}" may introspect tokens`);
}

/** UMA routes: a UMA grant for `authorization.audience` with the client's own credentials (its service account). */
async function checkResourceServer(
  connection: Connection,
  realm: RealmEntry,
  target: StartupTarget,
  facts: Facts,
  found: Found,
): Promise<void> {
  const { options, signal } = target;
  const audience = options.authorization.audience;
  const what = `resource server "${audience}" of ${facts.label}`;
  if (options.clientSecret === undefined) {
    found.unchecked.push(`${what}: checking it needs the client's "clientSecret" (and a service account)`);
    return;
  }
  const response = await call(connection, {
    method: 'POST',
    url: `${realm.issuer}/protocol/openid-connect/token`,
    form: new URLSearchParams({
      grant_type: UMA_GRANT,
      audience,
      client_id: options.clientId,
      client_secret: options.clientSecret,
      response_mode: 'decision',
    }),
    signal,
  }).catch((error: unknown) => {
    throw unreachable(error, facts, `the UMA grant for ${audience}`);
  });
  const { status, body } = response;
  const description = oauthDescription(body);
  // Granted, or refused by the resource server's policies: either way it is one.
  if ((status >= 200 && status < 300) || (status === 403 && oauthError(body) === 'access_denied')) {
    found.checked.push(`${what}: answers UMA grants`);
    return;
  }
  if (status === 400 && description?.startsWith('Unknown resource server id') === true) {
    throw new KeycloakConfigError(
      `Keycloak says ${facts.label} has no client "${audience}" to be the resource server: check "authorization.audience" (default "clientId")`,
      { problem: 'resource_server_not_found', option: 'authorization.audience', ...known(facts, audience, response) },
    );
  }
  if (status === 400 && description === 'Client does not support permissions') {
    throw new KeycloakConfigError(
      `Keycloak says client "${audience}" of ${facts.label} is not a resource server: turn its "Authorization" on, or fix "authorization.audience" (default "clientId")`,
      { problem: 'resource_server_not_found', option: 'authorization.audience', ...known(facts, audience, response) },
    );
  }
  if (status === 401 && description === 'Invalid client or Invalid client credentials') {
    throw new KeycloakConfigError(
      `Keycloak refused client "${options.clientId}" of ${facts.label} (${describe(body)}): check the "clientId" and "clientSecret" options`,
      { problem: 'client_rejected', option: 'clientSecret', ...known(facts, options.clientId, response) },
    );
  }
  if (status === 401 || status === 403) {
    // E.g. `Client not enabled to retrieve service account`: the client cannot ask for itself, so no verdict.
    found.unchecked.push(`${what}: Keycloak would not let client "${options.clientId}" ask (${describe(body)})`);
    return;
  }
  if (status === 404 && oauthError(body) === 'Realm does not exist') {
    throw new KeycloakConfigError(`Keycloak says ${facts.label} does not exist: check the "${facts.option}" option`, {
      problem: 'realm_not_found',
      option: facts.option,
      ...known(facts, undefined, response),
    });
  }
  throw answered('keycloak_error', status, facts, 'serverUrl', `the UMA grant for ${audience}`, body);
}

function known(facts: Facts, clientId: string | undefined, response: Answer) {
  return { realm: facts.realm, clientId, status: response.status, body: response.body };
}

/** A failure to get any answer (refused, reset, DNS, TLS, timeout, abort); the cause is the connection's error. */
function unreachable(failure: unknown, facts: Facts, what: string): KeycloakConfigError {
  const error = failure instanceof KeycloakInvalidTokenError && failure.cause !== undefined ? failure.cause : failure;
  const code = error instanceof KeycloakError ? error.code : undefined;
  const why = code === 'ERR_TIMEOUT' ? 'timed out' : code === 'ERR_ABORTED' ? 'was aborted' : 'failed';
  return new KeycloakConfigError(
    `Keycloak unreachable: asking for ${what} of ${facts.label} ${why}; check "serverUrl" and that Keycloak is up`,
    { problem: 'keycloak_unreachable', option: 'serverUrl', realm: facts.realm, cause: error },
  );
}

/** A failure of the key set: what Keycloak said (a realm it does not know), or an outage. */
function fromCause(error: unknown, facts: Facts, what: string): KeycloakConfigError {
  if (misconfigurationOf(error) === 'realm_not_found') {
    return new KeycloakConfigError(`Keycloak says ${facts.label} does not exist: check the "${facts.option}" option`, {
      problem: 'realm_not_found',
      option: facts.option,
      realm: facts.realm,
      cause: error,
    });
  }
  const status = error instanceof KeycloakError ? error.status : undefined;
  if (status === undefined) return unreachable(error, facts, what);
  return answered('keycloak_error', status, facts, 'serverUrl', what, undefined, error);
}

function answered(
  problem: KeycloakConfigProblem,
  status: number,
  facts: Facts,
  option: string,
  what: string,
  body: unknown,
  cause?: unknown,
): KeycloakConfigError {
  return new KeycloakConfigError(
    `Keycloak answered ${status} for ${what} of ${facts.label}${status >= 500 ? ': it is failing, retry later' : ''}`,
    { problem, option, realm: facts.realm, status, body, cause },
  );
}

function oauthError(body: unknown): unknown {
  return body !== null && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
}

function oauthDescription(body: unknown): string | undefined {
  const text =
    body !== null && typeof body === 'object' ? (body as { error_description?: unknown }).error_description : undefined;
  return typeof text === 'string' ? text : undefined;
}

function describe(body: unknown): string {
  const parts = [oauthError(body), oauthDescription(body)].filter((part) => typeof part === 'string');
  return parts.length === 0 ? 'no OAuth error' : parts.join(': ');
}
