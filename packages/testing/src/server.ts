import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestClock, type Clock } from './control/clock.js';
import { RequestCounters } from './control/counters.js';
import { mailOutboxOf, type MailOutbox } from './mail/outbox.js';
import type { EndpointName } from './control/endpoints.js';
import { FaultInjector } from './control/faults.js';
import { authzRoutes, registerAuthzGrants } from './authz/routes.js';
import type { Kernel } from './http/context.js';
import { dispatch } from './http/dispatch.js';
import { Router, type Route } from './http/router.js';
import { exportFullRealm } from './admin/realms/realm-export.js';
import type { RealmRepresentation } from './model/representations.js';
import { RealmStore, type BootstrapAdmin } from './model/store.js';
import { REALM_IMPORT_STEPS } from './realm-import-steps.js';
import type { RealmModel } from './model/types.js';
import { adminRoutes } from './admin/routes.js';
import { registerEventRecording } from './events/grant-recorder.js';
import { certsRoutes } from './oidc/certs.js';
import { discoveryRoutes } from './oidc/discovery.js';
import { GrantRegistry } from './http/grant-registry.js';
import { introspectRoutes } from './oidc/introspect.js';
import { oidcExtraRoutes, registerOidcExtraGrants } from './oidc/extras.js';
import { logoutRevokeRoutes } from './oidc/logout-revoke.js';
import { realmInfoRoutes } from './oidc/realm-info.js';
import { themeMessageRoutes } from './themes/messages.js';
import { registerKernelGrants, tokenRoutes } from './oidc/token-endpoint.js';
import { userinfoRoutes } from './oidc/userinfo.js';
import { RevokedTokens, SessionStore } from './sessions/session-store.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Options of {@link startKeycloak}. */
export interface StartKeycloakOptions {
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /**
   * Realm representations (Keycloak's realm export/import JSON) to import at start. One named `master` replaces
   * the default master (and `bootstrapAdmin` is then not created), as importing a full export into Keycloak does.
   */
  realms?: readonly RealmRepresentation[];
  /** Master's bootstrap admin; default from KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD, else admin/admin. */
  bootstrapAdmin?: BootstrapAdmin;
  /** Time source; default a {@link TestClock} on the wall time that tests can move. */
  clock?: TestClock;
  /** Largest request body accepted, in bytes; default 1 MiB. Larger bodies get 413. */
  maxBodyBytes?: number;
  /**
   * Keycloak preview features to turn on, as `kc.sh --features` names them. Known: `token-exchange:v1` (or
   * `token-exchange`), the legacy token exchange that answers requests the standard (V2) exchange does not
   * take; `client-admin-api:v2`, the experimental v2 clients admin API (`/admin/api/{realm}/clients/v2`).
   * Default none, as Keycloak's default build.
   */
  features?: readonly string[];
}

/** The model handle tests use to change realms directly. */
export interface ModelHandle {
  /** The realm with this name, or undefined. */
  realm(name: string): RealmModel | undefined;
  /** Every realm. */
  realms(): RealmModel[];
  /** The realm as `kc.sh export` would write it. */
  exportRealm(name: string): Promise<RealmRepresentation>;
  /** Removes a realm. */
  removeRealm(name: string): boolean;
  /** Ends every session of a realm (or of one user in it). */
  logoutAll(realmName: string, userId?: string): void;
}

function validate(options: StartKeycloakOptions): void {
  const { port, host, maxBodyBytes, realms } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new TypeError('options.port must be an integer from 0 to 65535');
  if (host !== undefined && (typeof host !== 'string' || host.length === 0))
    throw new TypeError('options.host must be a non-empty string');
  if (maxBodyBytes !== undefined && (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1))
    throw new TypeError('options.maxBodyBytes must be a positive integer');
  if (realms !== undefined && !Array.isArray(realms))
    throw new TypeError('options.realms must be an array of realm representations');
  const { features } = options;
  if (features !== undefined && (!Array.isArray(features) || features.some((f) => typeof f !== 'string')))
    throw new TypeError('options.features must be an array of feature names');
  const admin = options.bootstrapAdmin;
  if (
    admin !== undefined &&
    (typeof admin?.username !== 'string' || !admin.username || typeof admin.password !== 'string')
  ) {
    throw new TypeError('options.bootstrapAdmin must be { username, password } strings');
  }
}

/** A running in-memory Keycloak. */
export class KeycloakTestServer {
  readonly #server: Server;
  readonly #kernel: Kernel;
  readonly #router: Router;
  readonly #hung = new Map<EndpointName, Set<ServerResponse>>();
  readonly #clock: TestClock;
  readonly #counters = new RequestCounters();
  readonly #faults: FaultInjector;
  readonly #model: ModelHandle;
  readonly #inFlight = new Set<ServerResponse>();
  readonly #changeListeners = new Set<() => void>();
  #url = '';

  /** @internal Use {@link startKeycloak}. */
  constructor(options: StartKeycloakOptions) {
    this.#clock = options.clock ?? new TestClock();
    const clock: Clock = this.#clock;
    const store = new RealmStore(() => clock.now(), REALM_IMPORT_STEPS);
    this.#faults = new FaultInjector((endpoint) => this.#release(endpoint));
    this.#kernel = {
      store,
      clock,
      sessions: new SessionStore(),
      revoked: new RevokedTokens(),
      grants: new GrantRegistry(),
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      counters: this.#counters,
      faults: this.#faults,
      features: new Set((options.features ?? []).map((f) => f.replace(/:v\d+$/, ''))),
    };
    this.#router = new Router();
    // The OIDC extras go first: their end-session route answers GET/POST logout and delegates back-channel logout.
    this.#router.add(...oidcExtraRoutes);
    this.#router.add(
      ...discoveryRoutes,
      ...certsRoutes,
      ...tokenRoutes,
      ...userinfoRoutes,
      ...introspectRoutes,
      ...logoutRevokeRoutes,
      ...realmInfoRoutes,
      ...themeMessageRoutes,
      ...adminRoutes,
    );
    registerKernelGrants(this.#kernel);
    this.#router.add(...authzRoutes);
    registerAuthzGrants(this.#kernel);
    registerOidcExtraGrants(this.#kernel);
    // Last, so it wraps every grant the modules above registered.
    registerEventRecording(this.#kernel);
    // A realm list that holds master (a data directory, a full `kc.sh export`) brings its own master and admin,
    // as Keycloak creates the bootstrap admin only in a master it creates itself; master goes first (DirImportProvider).
    const realms = options.realms ?? [];
    const master = realms.find((rep) => rep?.realm === 'master');
    if (master) store.import(master);
    else {
      store.createMaster(
        options.bootstrapAdmin ?? {
          username: process.env['KC_BOOTSTRAP_ADMIN_USERNAME'] || 'admin',
          password: process.env['KC_BOOTSTRAP_ADMIN_PASSWORD'] || 'admin',
        },
      );
    }
    for (const rep of realms) if (rep !== master) store.import(rep);
    const sessions = this.#kernel.sessions;
    this.#model = {
      realm: (name) => store.get(name),
      realms: () => store.list(),
      exportRealm: async (name) => {
        const realm = store.get(name);
        if (!realm) throw new Error(`no realm ${name}`);
        return exportFullRealm(realm);
      },
      removeRealm: (name) => store.remove(name),
      logoutAll: (name, userId) => {
        const realm = store.get(name);
        if (realm) sessions.removeAll(realm, userId);
      },
    };
    this.#server = createServer((req, res) => {
      this.#inFlight.add(res);
      res.once('close', () => {
        this.#inFlight.delete(res);
        if (!SAFE_METHODS.has(req.method ?? 'GET')) for (const listener of this.#changeListeners) listener();
      });
      void dispatch(
        {
          kernel: this.#kernel,
          router: this.#router,
          counters: this.#counters,
          faults: this.#faults,
          hung: this.#hung,
        },
        req,
        res,
      );
    });
  }

  /** @internal */
  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => resolve());
    });
    const address = this.#server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.#url = `http://${shownHost}:${address.port}`;
  }

  /** Base URL, e.g. `http://127.0.0.1:54321` (realms live under `/realms/{name}`). */
  get url(): string {
    return this.#url;
  }

  /** The server clock (tokens' iat/exp, session expiry). */
  get clock(): TestClock {
    return this.#clock;
  }

  /** Requests received per endpoint. */
  get counters(): RequestCounters {
    return this.#counters;
  }

  /** Fault injection per endpoint. */
  get faults(): FaultInjector {
    return this.#faults;
  }

  /** Direct access to realms. */
  get model(): ModelHandle {
    return this.#model;
  }

  /** E-mails the admin API would have sent (execute-actions, verify-email); the server has no SMTP. */
  get mail(): MailOutbox {
    return mailOutboxOf(this.#kernel);
  }

  /** The kernel state, for endpoint modules that extend the server. */
  get kernel(): Kernel {
    return this.#kernel;
  }

  /** Adds routes (an endpoint module's registration). */
  addRoutes(...routes: Route[]): void {
    this.#router.add(...routes);
  }

  /** Imports a realm representation; throws RealmImportError when malformed or already present. */
  importRealm(rep: RealmRepresentation): RealmModel {
    return this.#kernel.store.import(rep);
  }

  /**
   * Calls `listener` after each answered request that may have changed the server's state (any method but GET,
   * HEAD and OPTIONS), e.g. to save the realms. Returns a function that removes the listener.
   */
  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /** Stops listening, ends held (hung) requests and open connections. */
  async close(): Promise<void> {
    this.#release();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /**
   * Stops gracefully, as Keycloak (Quarkus) does on SIGTERM: stops accepting connections, lets the requests in
   * flight finish and be answered (held requests are ended), then closes the idle connections. Requests still
   * running after `timeoutMs` (default 10 s) are cut off.
   */
  async shutdown(timeoutMs = 10_000): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#release();
    this.#server.closeIdleConnections();
    const deadline = Date.now() + timeoutMs;
    while (this.#inFlight.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    this.#server.closeAllConnections();
    await closed;
  }

  #release(endpoint?: EndpointName): void {
    for (const [name, held] of this.#hung) {
      if (endpoint && name !== endpoint) continue;
      for (const res of held) res.destroy();
      held.clear();
    }
  }
}

/** Starts an in-memory Keycloak-compatible server with realm master and the given realms. */
export async function startKeycloak(options: StartKeycloakOptions = {}): Promise<KeycloakTestServer> {
  validate(options);
  const server = new KeycloakTestServer(options);
  await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return server;
}
