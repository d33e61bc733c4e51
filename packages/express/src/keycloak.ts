import {
  KeycloakGuard,
  readKeycloakJson,
  runInlineCheck,
  type GuardAdmin,
  type GuardReadiness,
  type GuardReadyOptions,
  type GuardRealmSelection,
  type KeycloakAccessTokenClaims,
  type KeycloakGuardOptions,
  type KeycloakGuardStats,
  type KeycloakJson,
  type KeycloakRequestContext,
  type PolicyEnforcerSpec,
  type ProtectSpec,
} from '@keycloak-ts/core';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { keycloakErrorHandler, respondToRefusal } from './error-handler.js';
import { protectedHandler, type ProtectedHandler } from './protected.js';
import { expressRequestSource } from './request-source.js';
import { revocationMiddleware } from './revocation-middleware.js';

/**
 * Options of {@link Keycloak}: the core guard's options over Express requests, with `serverUrl`, `clientId`
 * and one of `realm` / `allowedIssuers` required ({@link Keycloak.fromKeycloakJson} reads them from a
 * keycloak.json), and how refusals are answered.
 */
export type KeycloakExpressOptions = Omit<KeycloakGuardOptions<Request>, 'realm' | 'allowedIssuers'> &
  GuardRealmSelection<Request> &
  KeycloakExpressOwnOptions;

/** The Express adapter's own options. */
export interface KeycloakExpressOwnOptions {
  /**
   * `respond` (default): a refused request is answered by the middleware itself, JSON with every header the
   * refusal carries (RFC 6750 `WWW-Authenticate`, `Retry-After`, a UMA ticket, an enforcer redirect's
   * `Location`), so no app ever sends Express's HTML error page with a stack trace. `next`: the
   * KeycloakGuardError goes to `next(err)`, for apps that shape errors themselves (answer it from its
   * `status`, `headers` and `toJSON()`, or mount {@link Keycloak.errorHandler}).
   */
  refusals?: 'respond' | 'next';
}

/**
 * Protects Express routes with Keycloak bearer tokens (Express 4 and 5).
 *
 * @example
 * ```ts
 * const keycloak = new Keycloak({ serverUrl: 'https://kc.example.com', realm: 'acme', clientId: 'orders-api' });
 * app.get('/orders', keycloak.protect({ roles: ['realm:user'] }), (req, res) => res.json(req.keycloak?.token.sub));
 * app.use(keycloak.errorHandler());
 * const server = app.listen(3000);
 * process.once('SIGTERM', () => server.close(() => void keycloak.close()));
 * ```
 */
export class Keycloak {
  readonly #guard: KeycloakGuard<Request>;
  readonly #policyEnforcer: Record<string, unknown> | undefined;
  readonly #refuse: typeof respondToRefusal | undefined;
  readonly #revocation: boolean;

  /** @throws TypeError naming the first invalid option. */
  constructor(options: KeycloakExpressOptions, policyEnforcer?: Record<string, unknown>) {
    const { refusals = 'respond', ...guardOptions } = options ?? ({} as KeycloakExpressOptions);
    if (refusals !== 'respond' && refusals !== 'next') throw new TypeError('"refusals" must be "respond" or "next"');
    this.#guard = new KeycloakGuard(guardOptions, expressRequestSource);
    this.#revocation = guardOptions.revocation !== undefined && guardOptions.revocation !== false;
    this.#policyEnforcer = policyEnforcer;
    this.#refuse = refusals === 'respond' ? respondToRefusal : undefined;
  }

  /**
   * Builds a guard from a keycloak.json (path or object), with `${env.NAME:default}` interpolation;
   * `overrides` adds what keycloak.json cannot say (logger, onDenied, admin...).
   */
  static fromKeycloakJson(
    input: string | KeycloakJson | Record<string, unknown>,
    overrides: Partial<KeycloakExpressOptions> = {},
  ): Keycloak {
    const settings = readKeycloakJson(input);
    return new Keycloak({ ...settings.options, ...overrides } as KeycloakExpressOptions, settings.policyEnforcer);
  }

  /** The realm name when fixed. */
  get realm(): string | undefined {
    return this.#guard.realm;
  }

  /** The `policy-enforcer` section of the keycloak.json this guard was built from, if any. */
  get policyEnforcerConfig(): Record<string, unknown> | undefined {
    return this.#policyEnforcer;
  }

  /** The admin client shared by all requests (created on first use); throws KeycloakOperationError once closed. */
  get admin(): GuardAdmin {
    return this.#guard.admin;
  }

  /** A snapshot of the guard's caches per realm (verified tokens, UMA decisions), for metrics. */
  get stats(): KeycloakGuardStats {
    return this.#guard.stats;
  }

  /**
   * The startup check: asks Keycloak for the realm's discovery document and keys and, for the UMA routes declared
   * so far, the resource server; resolves with what was checked and what could not be, or rejects with a
   * KeycloakConfigError naming the option to fix (`code` `ERR_KEYCLOAK_UNREACHABLE` for an outage,
   * `ERR_KEYCLOAK_CONFIG` when Keycloak says the realm or client does not exist). Call it after declaring the
   * routes, before `listen()`; the app chooses whether to start anyway.
   *
   * @example
   * ```ts
   * await keycloak.ready(); // throws KeycloakConfigError: Keycloak says realm "acmee" does not exist: check the "realm" option
   * app.listen(3000);
   * ```
   */
  ready(options?: GuardReadyOptions): Promise<GuardReadiness> {
    return this.#guard.ready(options);
  }

  /**
   * Closes the guard's connections to Keycloak and its admin client; call it on shutdown, after the
   * HTTP server stopped accepting requests. Idempotent. Requests checked afterwards get a 503
   * (`reason: 'guard_closed'`, `Retry-After`).
   */
  close(): Promise<void> {
    return this.#guard.close();
  }

  /**
   * A middleware letting through requests whose bearer token is valid and satisfies `spec`, with
   * `req.keycloak` set; others are answered 400/401/403/503 (or go to `next(err)` with a KeycloakGuardError
   * under `refusals: 'next'`). The spec is compiled here: a bad one throws now, not on a request.
   *
   * @example
   * ```ts
   * app.get('/docs', keycloak.protect('docs:read'), handler); // UMA: Keycloak must grant docs#read
   * app.use('/api', keycloak.protect({ config: keycloak.policyEnforcerConfig })); // per path and method
   * ```
   */
  protect(spec?: ProtectSpec<Request>): RequestHandler {
    const check = this.#guard.protectInline(spec);
    // A warm request (cached token) goes on in the same tick, with no promise and no closure.
    const refuse = this.#refuse;
    return (request: Request, _response: Response, next: NextFunction) =>
      runInlineCheck(check, request, attach, next, refuse);
  }

  /**
   * The receivers of Keycloak's revocation callbacks (the `revocation` option), as keycloak-connect's
   * `keycloak.middleware({ admin: '/' })`: `POST {revocation.path}k_logout` and `k_push_not_before` (the API
   * client's "Admin URL" in Keycloak) and `POST {revocation.path}backchannel-logout` (the front-end clients'
   * "Backchannel logout URL"). Mount it before your routes and before any authentication of your own: Keycloak
   * sends no bearer token, the signed body is the credential.
   *
   * @example
   * ```ts
   * const keycloak = new Keycloak({ serverUrl, realm: 'acme', clientId: 'orders-api', revocation: { logoutTokenAudiences: ['web'] } });
   * app.use(keycloak.middleware()); // POST /k_logout, /k_push_not_before, /backchannel-logout
   * ```
   * @throws TypeError when the guard was built without the `revocation` option.
   */
  middleware(): RequestHandler {
    if (!this.#revocation) throw new TypeError('keycloak.middleware() needs the "revocation" option');
    return revocationMiddleware(this.#guard);
  }

  /**
   * One RequestHandler that checks the request as {@link protect} does, then runs `handler` with
   * `req.keycloak` typed as set (no `req.keycloak!`); with one argument, any valid token passes. A
   * handler's error or rejected promise goes to `next(err)`, on Express 4 too. Policy-enforcer specs
   * (`{ config }`) are not accepted here: their DISABLED paths let requests through with no token.
   *
   * @example
   * ```ts
   * app.get('/me', keycloak.protected((req, res) => res.json({ user: req.keycloak.token.sub })));
   * app.get('/orders/:id', keycloak.protected({ scopes: ['orders:read'] }, (req, res) => res.json(req.params.id)));
   * ```
   */
  protected<
    P = Request['params'],
    ResBody = unknown,
    ReqBody = unknown,
    ReqQuery = Request['query'],
    Locals extends Record<string, unknown> = Record<string, unknown>,
  >(
    handler: ProtectedHandler<P, ResBody, ReqBody, ReqQuery, Locals>,
  ): RequestHandler<P, ResBody, ReqBody, ReqQuery, Locals>;
  protected<
    P = Request['params'],
    ResBody = unknown,
    ReqBody = unknown,
    ReqQuery = Request['query'],
    Locals extends Record<string, unknown> = Record<string, unknown>,
  >(
    spec: Exclude<ProtectSpec<Request>, PolicyEnforcerSpec>,
    handler: ProtectedHandler<P, ResBody, ReqBody, ReqQuery, Locals>,
  ): RequestHandler<P, ResBody, ReqBody, ReqQuery, Locals>;
  protected<
    P = Request['params'],
    ResBody = unknown,
    ReqBody = unknown,
    ReqQuery = Request['query'],
    Locals extends Record<string, unknown> = Record<string, unknown>,
  >(
    ...args:
      | [ProtectedHandler<P, ResBody, ReqBody, ReqQuery, Locals>]
      | [unknown, ProtectedHandler<P, ResBody, ReqBody, ReqQuery, Locals>]
  ): RequestHandler<P, ResBody, ReqBody, ReqQuery, Locals> {
    const [spec, handler] = args.length === 1 ? [undefined, args[0]] : args;
    if (spec !== null && typeof spec === 'object' && Object.hasOwn(spec, 'config'))
      throw new TypeError('"spec.config" cannot be used with protected(): use protect({ config }) and req.keycloak?');
    return protectedHandler(this.protect(spec as ProtectSpec<Request>), handler);
  }

  /**
   * Error middleware answering a refusal with its status, headers and `{ error, error_description }` as JSON: what
   * the middleware does by itself unless `refusals: 'next'`; mount it after your routes in that case.
   */
  errorHandler(): ErrorRequestHandler {
    return keycloakErrorHandler();
  }
}

function attach(request: Request, context: ExpressKeycloakContext): void {
  request.keycloak = context;
}

/** What `req.keycloak` holds on a protected route. */
export type ExpressKeycloakContext = KeycloakRequestContext<KeycloakAccessTokenClaims, GuardAdmin>;
