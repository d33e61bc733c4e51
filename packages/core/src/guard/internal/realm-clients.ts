/**
 * The clients a realm entry runs on, built from the guard's resolved options: each through its class's
 * `fromResolved` factory, so what the guard checked once at its edge is not checked again under other names
 * (the public constructors stay for users, and validate their input). One name per concept: the guard's.
 */
import { keySetFromResolved, type RemoteKeySet } from '../../jwks/remote-key-set.js';
import { KEY_SET_DEFAULTS } from '../../jwks/key-set-options.js';
import { openIDFromResolved, type KeycloakOpenID } from '../../oidc/keycloak-openid.js';
import { publicClientOptions } from '../../oidc/options.js';
import { introspectorFromResolved, type TokenIntrospector } from '../../token/introspection.js';
import {
  INTROSPECTOR_DEFAULTS,
  introspectionRules,
  introspectionStorePrefix,
} from '../../token/introspector-options.js';
import { verifierFromResolved, type TokenVerifier } from '../../token/verifier.js';
import { accessTokenRules, VERIFIER_DEFAULTS } from '../../token/verifier-options.js';
import { umaStorePrefix } from '../../uma/checker-options.js';
import { checkerFromResolved, type PermissionChecker } from '../../uma/permission-checker.js';
import type { ResolvedGuardOptions } from '../options.js';

type Options = ResolvedGuardOptions<never>;

/** The audiences a token must name, per the options (none: `aud` is not checked). */
function audiencesOf(options: Options): readonly string[] | undefined {
  return options.tokenAudience.accepted;
}

/** The realm's JWKS, fetched with no retry and the guard's timeout. */
export function keySetOf(issuer: string, options: Options): RemoteKeySet {
  return keySetFromResolved({
    ...KEY_SET_DEFAULTS,
    jwksUri: `${issuer}/protocol/openid-connect/certs`,
    timeoutDuration: options.timeoutDuration,
    dispatcher: options.dispatcher,
    now: options.now,
  });
}

/** The realm's local verifier over {@link keySetOf}. */
export function verifierOf(issuer: string, options: Options): TokenVerifier {
  const keySet = keySetOf(issuer, options);
  return verifierFromResolved({
    rules: accessTokenRules([issuer], audiencesOf(options), options.clockToleranceDuration),
    clientId: undefined,
    algorithms: new Set(options.algorithms ?? VERIFIER_DEFAULTS.algorithms),
    advertisedAlgorithms: options.algorithms === undefined,
    maxTokenSize: VERIFIER_DEFAULTS.maxTokenSize,
    keySet,
    cache: VERIFIER_DEFAULTS.tokenCache,
    now: options.now,
  });
}

/** The realm's introspector (`validation: 'introspect'`), sharing its answers through the guard's store. */
export function introspectorOf(issuer: string, options: Options): TokenIntrospector {
  return introspectorFromResolved({
    endpoint: `${issuer}/protocol/openid-connect/token/introspect`,
    clientId: options.clientId,
    clientSecret: options.clientSecret as string,
    rules: introspectionRules([issuer], audiencesOf(options), undefined, options.clockToleranceDuration),
    timeoutDuration: options.timeoutDuration,
    maxTokenSize: INTROSPECTOR_DEFAULTS.maxTokenSize,
    cache: INTROSPECTOR_DEFAULTS.cache,
    store: options.store,
    storePrefix: introspectionStorePrefix(issuer),
    dispatcher: options.dispatcher,
    now: options.now,
  });
}

/**
 * The realm's UMA decision maker and the client it asks through. The UMA grant authenticates with the user's
 * bearer token, so the client sends no secret.
 */
export function permissionCheckerOf(
  serverUrl: string,
  realmName: string,
  options: Options,
): { openid: KeycloakOpenID; checker: PermissionChecker } {
  const { timeoutDuration, dispatcher, now, store } = options;
  const openid = openIDFromResolved(
    publicClientOptions({
      serverUrl,
      realmName,
      clientId: options.clientId,
      timeout: timeoutDuration,
      dispatcher,
      now,
    }),
  );
  const { audience, cacheMaxAge, maxEntries, useTokenPermissions } = options.authorization;
  const checker = checkerFromResolved({
    openid,
    audience,
    maxEntries,
    cacheMaxAge,
    timeoutDuration,
    useTokenPermissions,
    now,
    store,
    storePrefix: umaStorePrefix(realmName),
  });
  return { openid, checker };
}
