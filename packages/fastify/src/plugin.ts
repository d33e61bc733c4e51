import {
  KeycloakConfigError,
  KeycloakGuard,
  KeycloakGuardError,
  readKeycloakJson,
  runInlineCheck,
  type GuardAdmin,
  type GuardLogger,
  type GuardRealmSelection,
  type KeycloakAccessTokenClaims,
  type KeycloakGuardOptions,
  type KeycloakGuardStats,
  type KeycloakJson,
  type KeycloakRequestContext,
  type PolicyEnforcerSpec,
  type ProtectSpec,
} from '@keycloak-ts/core';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerHookHandler,
  RouteGenericInterface,
  RouteShorthandOptionsWithHandler,
} from 'fastify';
import fp from 'fastify-plugin';
import { protectedRoute, type FastifyProtectedHandler } from './protected.js';
import { fastifyRequestSource } from './request-source.js';
import { registerRevocationRoutes } from './revocation-routes.js';

/** What `request.keycloak` holds on a protected route. */
export type FastifyKeycloakContext = KeycloakRequestContext<KeycloakAccessTokenClaims, GuardAdmin>;

/**
 * Options of {@link keycloakPlugin}: the core guard's options over Fastify requests and the plugin's own.
 * Either `serverUrl`, `clientId` and one of `realm` / `allowedIssuers` are given, or a `keycloakJson` gives
 * them (and the other options override it): a missing `clientId` does not compile.
 */
export type KeycloakPluginOptions = KeycloakPluginOwnOptions &
  (
    | (Omit<KeycloakGuardOptions<FastifyRequest>, 'realm' | 'allowedIssuers'> &
        GuardRealmSelection<FastifyRequest> & { keycloakJson?: undefined })
    | (Partial<KeycloakGuardOptions<FastifyRequest>> & {
        /** A keycloak.json (path or object) giving serverUrl, realm, clientId and clientSecret; other options override it. */
        keycloakJson: string | KeycloakJson | Record<string, unknown>;
      })
  );

/** The plugin's own options, besides the guard's. */
export interface KeycloakPluginOwnOptions {
  /**
   * Install a root error handler answering KeycloakGuardError with its status, RFC 6750 headers and
   * `{ error, error_description }` (other errors go on to the handler set before, or Fastify's default).
   * Default true. Set `false` when the app sets its own root handler, before or after registering:
   * Fastify allows one handler per scope, so a second one logs warning FSTWRN004 (or throws
   * FST_ERR_ERROR_HANDLER_ALREADY_SET with `allowErrorHandlerOverride: false`). The app's handler then
   * receives the KeycloakGuardError, whose `statusCode`, `headers` and `toJSON()` are its answer.
   */
  errorHandler?: boolean;
  /**
   * The startup check run in an `onReady` hook (see `KeycloakGuard.ready`): the realm's discovery and keys, and
   * the resource server of the UMA routes registered by then. `fail` (default): a problem fails `app.ready()`
   * (and `listen()`) with a KeycloakConfigError naming the option to fix. `warn`: it is logged at `warn`
   * (`error` for a misconfiguration) and the app starts. `off`: no check.
   */
  startupCheck?: 'fail' | 'warn' | 'off';
}

/** `app.keycloak`: builds preHandlers and holds the shared admin client. */
export interface FastifyKeycloak {
  /** A preHandler letting through valid tokens that satisfy `spec`, setting `request.keycloak`; the spec is compiled now. */
  protect(spec?: ProtectSpec<FastifyRequest>): preHandlerHookHandler;
  /**
   * Route options `{ preHandler, handler }`: the guard of `spec` (any valid token with one argument) and a
   * handler whose `request.keycloak` is typed as set (no `request.keycloak!`). Spread them to add options:
   * `{ schema, ...app.keycloak.protected(spec, handler) }`. Policy-enforcer specs (`{ config }`) are not
   * accepted here: their DISABLED paths let requests through with no token.
   *
   * @example
   * ```ts
   * app.get('/me', app.keycloak.protected(async (request) => ({ user: request.keycloak.token.sub })));
   * app.get<{ Params: { id: string } }>(
   *   '/orders/:id',
   *   app.keycloak.protected({ scopes: ['orders:read'] }, async (request) => ({ id: request.params.id })),
   * );
   * ```
   */
  protected<RouteGeneric extends RouteGenericInterface = RouteGenericInterface>(
    handler: FastifyProtectedHandler<RouteGeneric>,
  ): RouteShorthandOptionsWithHandler<
    FastifyInstance['server'],
    FastifyRequest['raw'],
    FastifyReply['raw'],
    RouteGeneric
  >;
  protected<RouteGeneric extends RouteGenericInterface = RouteGenericInterface>(
    spec: Exclude<ProtectSpec<FastifyRequest>, PolicyEnforcerSpec>,
    handler: FastifyProtectedHandler<RouteGeneric>,
  ): RouteShorthandOptionsWithHandler<
    FastifyInstance['server'],
    FastifyRequest['raw'],
    FastifyReply['raw'],
    RouteGeneric
  >;
  /** The admin client shared by all requests (created on first use); throws KeycloakOperationError once the app closed. */
  readonly admin: GuardAdmin;
  /** A snapshot of the guard's caches per realm (verified tokens, UMA decisions), for metrics. */
  readonly stats: KeycloakGuardStats;
  /** The realm name when fixed. */
  readonly realm: string | undefined;
  /** The `policy-enforcer` section of the plugin's keycloakJson, if any: `protect({ config: app.keycloak.policyEnforcerConfig })`. */
  readonly policyEnforcerConfig: Record<string, unknown> | undefined;
}

async function keycloak(app: FastifyInstance, options: KeycloakPluginOptions): Promise<void> {
  // prefix, logLevel and logSerializers are Fastify's own register options, handed to every plugin with ours.
  const {
    keycloakJson,
    errorHandler = true,
    startupCheck = 'fail',
    prefix: _prefix,
    logLevel: _logLevel,
    logSerializers: _logSerializers,
    ...rest
  } = options as KeycloakPluginOptions & FastifyRegisterOptions;
  if (startupCheck !== 'fail' && startupCheck !== 'warn' && startupCheck !== 'off')
    throw new TypeError('"startupCheck" must be "fail", "warn" or "off"');
  const settings = keycloakJson === undefined ? undefined : readKeycloakJson(keycloakJson);
  const fromJson = settings?.options ?? {};
  // Without a logger of the user's, per-request lines go through each request's `request.log` (its reqId).
  const guard = new KeycloakGuard<FastifyRequest>({ ...fromJson, ...rest } as KeycloakGuardOptions<FastifyRequest>, {
    ...fastifyRequestSource,
    logger: app.log,
  });
  const decoration: FastifyKeycloak = {
    protect(spec) {
      const check = guard.protectInline(spec);
      // Callback style: a warm request (cached token) goes on in the same tick, with no promise.
      return function keycloakPreHandler(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) {
        runInlineCheck(check, request, attach, done as (error?: unknown) => void);
      };
    },
    protected(...args: [FastifyProtectedHandler] | [unknown, FastifyProtectedHandler]) {
      const [spec, handler] = args.length === 1 ? [undefined, args[0]] : args;
      if (spec !== null && typeof spec === 'object' && Object.hasOwn(spec, 'config'))
        throw new TypeError(
          '"spec.config" cannot be used with protected(): use protect({ config }) and request.keycloak?',
        );
      return protectedRoute(this.protect(spec as ProtectSpec<FastifyRequest>), handler);
    },
    get admin() {
      return guard.admin;
    },
    get stats() {
      return guard.stats;
    },
    realm: guard.realm,
    policyEnforcerConfig: settings?.policyEnforcer,
  };
  app.decorate('keycloak', decoration);
  app.decorateRequest('keycloak', null);
  // app.close() ends the guard's keep-alive connections to Keycloak and its admin client.
  app.addHook('onClose', () => guard.close());
  if (startupCheck !== 'off') app.addHook('onReady', () => checkAtStartup(guard, startupCheck, rest.logger ?? app.log));
  if (errorHandler) app.setErrorHandler(answerGuardErrors);
  const revocation = { ...fromJson, ...rest }.revocation;
  if (revocation !== undefined && revocation !== false) await registerRevocationRoutes(app, guard, revocation);
}

/** The onReady check: rejects under `fail`, logs under `warn`; what could not be checked is logged at info. */
async function checkAtStartup(
  guard: KeycloakGuard<FastifyRequest>,
  mode: 'fail' | 'warn',
  log: Pick<GuardLogger, 'warn' | 'error'> & { info?: GuardLogger['debug'] },
): Promise<void> {
  try {
    const { unchecked } = await guard.ready();
    for (const what of unchecked) log.info?.({ unchecked: what }, 'keycloak startup check could not check this');
  } catch (error) {
    if (mode === 'fail' || !(error instanceof KeycloakConfigError)) throw error;
    const fields = { code: error.code, problem: error.problem, option: error.option, realm: error.realm };
    if (error.unreachable) log.warn(fields, `keycloak startup check: ${error.message}`);
    else log.error(fields, `keycloak startup check: ${error.message}`);
  }
}

function attach(request: FastifyRequest, context: FastifyKeycloakContext): void {
  request.keycloak = context;
}

function answerGuardErrors(error: unknown, _request: FastifyRequest, reply: FastifyReply): unknown {
  if (!(error instanceof KeycloakGuardError)) throw error; // on to Fastify's default handler
  return reply.code(error.status).headers(error.headers).send(error.toJSON());
}

/**
 * Protects Fastify routes with Keycloak bearer tokens.
 *
 * @example
 * ```ts
 * await app.register(keycloakPlugin, { serverUrl: 'https://kc.example.com', realm: 'acme', clientId: 'orders-api' });
 * app.get('/orders', { preHandler: app.keycloak.protect({ roles: ['realm:user'] }) }, async (request) => request.keycloak?.token.sub);
 * // app.close() also closes the guard's connections to Keycloak (an onClose hook)
 * ```
 */
export const keycloakPlugin = fp(keycloak, { fastify: '5.x', name: '@keycloak-ts/fastify' });

/** Fastify's register options, which reach the plugin beside its own (fastify-plugin passes them on). */
interface FastifyRegisterOptions {
  prefix?: unknown;
  logLevel?: unknown;
  logSerializers?: unknown;
}
