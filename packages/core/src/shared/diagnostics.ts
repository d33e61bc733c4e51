/**
 * keycloak-ts on Node's `diagnostics_channel`: what the library publishes for metrics and tracing, with no
 * dependency and next to no cost when nobody listens (each publisher reads `channel.hasSubscribers` first and
 * builds no message otherwise). Subscribe with `diagnostics_channel.subscribe(name, listener)`; messages are
 * plain frozen-shape objects, never a token, a secret or a query string. See packages/core/OBSERVABILITY.md and
 * examples/opentelemetry.ts (metrics and spans with @opentelemetry/api).
 *
 * Messages are published when the work ends, in the async context of the caller (a request's span, an
 * AsyncLocalStorage store), so a subscriber can turn `startTime` and `durationMs` into a child span of it.
 */
import { channel } from 'node:diagnostics_channel';
import type { GuardDenialReason, KeycloakErrorCode } from '../errors.js';

/** Channel of {@link GuardDecisionMessage}: one message per request a guard checked. */
export const GUARD_DECISION_CHANNEL = 'keycloak-ts:guard:decision';
/** Channel of {@link KeycloakHttpRequestMessage}: one message per call to Keycloak (all of core's HTTP). */
export const HTTP_REQUEST_CHANNEL = 'keycloak-ts:http:request';
/** Channel of {@link KeycloakCacheMessage}: one message per lookup in a cache that saves a call to Keycloak. */
export const CACHE_CHANNEL = 'keycloak-ts:cache';

/** What a route's spec asks beyond a valid token: nothing, claims (roles, a predicate), UMA permissions, an enforcer. */
export type GuardSpecKind = 'token' | 'claims' | 'permissions' | 'enforcer';

/** Published on {@link GUARD_DECISION_CHANNEL} when a guard has decided on a request. */
export interface GuardDecisionMessage {
  /** True when the request goes on to the handler. */
  readonly allowed: boolean;
  /** Why it was refused (a stable code, as in `onDenied`); undefined when allowed or when a predicate threw. */
  readonly reason: GuardDenialReason | undefined;
  /** The refusal's HTTP status (400, 401, 403, 503, 302); undefined when allowed. */
  readonly status: number | undefined;
  /** The realm the request was checked against, when known. */
  readonly realm: string | undefined;
  /** The guard's client id. */
  readonly clientId: string;
  /** What the route's spec asks. */
  readonly spec: GuardSpecKind;
  /** When the check started, in epoch milliseconds (`performance.timeOrigin + performance.now()`). */
  readonly startTime: number;
  /** How long the check took, in milliseconds (fractional). */
  readonly durationMs: number;
}

/** The Keycloak endpoint a call went to, read from its path. */
export type KeycloakEndpointKind =
  | 'discovery' // /.well-known/openid-configuration
  | 'uma-discovery' // /.well-known/uma2-configuration
  | 'jwks' // /protocol/openid-connect/certs
  | 'token' // /protocol/openid-connect/token, any grant but the UMA ticket
  | 'uma' // the token endpoint with grant_type urn:ietf:params:oauth:grant-type:uma-ticket
  | 'introspection' // /protocol/openid-connect/token/introspect
  | 'userinfo'
  | 'revocation'
  | 'logout'
  | 'protection' // /authz/protection/... (resources, permission tickets, policies)
  | 'admin' // /admin/realms/...
  | 'other';

/** Published on {@link HTTP_REQUEST_CHANNEL} when a call to Keycloak ends, answered or failed (retries included). */
export interface KeycloakHttpRequestMessage {
  readonly method: string;
  readonly endpoint: KeycloakEndpointKind;
  /** The realm of the URL (`/realms/{realm}/...`, `/admin/realms/{realm}/...`), when it has one. */
  readonly realm: string | undefined;
  /** Origin and path, never the query or credentials. */
  readonly url: string;
  /** The answer's status; undefined when no answer came. */
  readonly status: number | undefined;
  /** The failure's code (`ERR_CONNECTION`, `ERR_TIMEOUT`, ...) when the call threw; an error status is not one. */
  readonly error: KeycloakErrorCode | undefined;
  /** When the call started, in epoch milliseconds. */
  readonly startTime: number;
  /** How long it took, in milliseconds, retries and their waits included. */
  readonly durationMs: number;
}

/** The caches that save calls to Keycloak. */
export type KeycloakCacheName =
  | 'token' // a guard's verified tokens (local validation)
  | 'introspection' // active introspection answers
  | 'jwks' // a realm's keys: a hit when the key was there without a fetch
  | 'uma-decision'; // a guard's UMA decisions (from the decision cache or the RPT's own permissions)

/** Published on {@link CACHE_CHANNEL} for each lookup. */
export interface KeycloakCacheMessage {
  readonly cache: KeycloakCacheName;
  readonly hit: boolean;
  /** The realm the cache belongs to, when known. */
  readonly realm: string | undefined;
}

/** The channels, created once; their `hasSubscribers` is what publishers read on hot paths. */
export const guardDecisions = channel(GUARD_DECISION_CHANNEL);
export const httpRequests = channel(HTTP_REQUEST_CHANNEL);
export const cacheLookups = channel(CACHE_CHANNEL);

/** Publishes one cache lookup; callers check `cacheLookups.hasSubscribers` first on hot paths. */
export function publishCacheLookup(cache: KeycloakCacheName, hit: boolean, realm: string | undefined): void {
  if (!cacheLookups.hasSubscribers) return;
  const message: KeycloakCacheMessage = { cache, hit, realm };
  cacheLookups.publish(message);
}

/** The current time in epoch milliseconds, with `performance.now()`'s resolution. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

const REALM_IN_PATH = /\/realms\/([^/]+)/;

/** The realm named in a Keycloak URL's path, decoded; undefined when there is none. */
export function realmOfPath(pathname: string): string | undefined {
  const match = REALM_IN_PATH.exec(pathname);
  if (match === null) return undefined;
  try {
    return decodeURIComponent(match[1] as string);
  } catch {
    return match[1];
  }
}
