import type { KeycloakGuardOptions, ProtectSpec } from '@keycloak-ts/core';

/** One response, as the suites assert it. */
export interface GuardReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A route of the app under test: `spec: 'public'` mounts no guard. */
export interface GuardRoute {
  path: string;
  spec?: ProtectSpec<never> | 'public';
  /** Methods the route answers; default GET only. */
  methods?: readonly HttpMethod[];
}

/** The methods the harness routes may answer. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** An app of one adapter (Express 4, Express 5, Fastify) with the routes mounted. */
export interface GuardApp {
  /** Sends GET `path` with headers given as pairs, so a header can repeat. */
  get(path: string, headers?: Array<[string, string]>): Promise<GuardReply>;
  /** Sends `method` to `path`, like {@link GuardApp.get}. */
  send(method: HttpMethod, path: string, headers?: Array<[string, string]>): Promise<GuardReply>;
  close(): Promise<void>;
}

/**
 * Builds an app whose protected routes answer `{ user, realm, isAdmin, canView }` from the request's
 * keycloak context, and whose refusals go through the adapter's default error answer.
 */
export type AppFactory = (options: KeycloakGuardOptions<never>, routes: GuardRoute[]) => Promise<GuardApp>;

/** What a protected route of the harness answers. */
export interface RouteBody {
  user: unknown;
  realm: string;
  isAdmin: boolean;
  canView: boolean;
  rawMatches: boolean;
  /** `req.keycloak.permissions`; absent where no UMA decision was made. */
  permissions?: unknown;
}

/**
 * The context fields every harness route reports; the same in every adapter. No context (an anonymous
 * request let through a policy enforcer's DISABLED path) answers `{ anonymous: true }`.
 */
export function describeContext(
  context:
    | {
        token: { preferred_username?: unknown };
        realm: string;
        raw: string;
        hasRealmRole(role: string): boolean;
        hasRole(role: string): boolean;
        permissions?: unknown;
      }
    | undefined,
  authorization: string | undefined,
): RouteBody | { anonymous: true } {
  if (context === undefined) return { anonymous: true };
  return {
    ...(context.permissions === undefined ? {} : { permissions: context.permissions }),
    user: context.token.preferred_username,
    realm: context.realm,
    isAdmin: context.hasRealmRole('admin'),
    canView: context.hasRole('viewer'),
    rawMatches: authorization === undefined || authorization.endsWith(context.raw),
  };
}
