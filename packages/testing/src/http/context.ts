import type { IncomingMessage } from 'node:http';
import type { Clock } from '../control/clock.js';
import type { RequestCounters } from '../control/counters.js';
import type { FaultInjector } from '../control/faults.js';
import type { RealmStore } from '../model/store.js';
import type { RealmModel } from '../model/types.js';
import type { GrantRegistry } from './grant-registry.js';
import type { RevokedTokens, SessionStore } from '../sessions/session-store.js';
import { readBody, parseForm } from './body.js';
import { realmNotFound } from './http-error.js';

/** The server state every endpoint module works with. */
export interface Kernel {
  store: RealmStore;
  clock: Clock;
  sessions: SessionStore;
  revoked: RevokedTokens;
  grants: GrantRegistry;
  maxBodyBytes: number;
  /** Preview features on, by name without version (`token-exchange`); see StartKeycloakOptions.features. */
  features?: ReadonlySet<string>;
  /** The server's counters and faults, for modules that count a sub-endpoint (a grant type) themselves. */
  counters?: RequestCounters;
  faults?: FaultInjector;
}

/** One request as handlers see it. */
export class RequestContext {
  readonly req: IncomingMessage;
  readonly kernel: Kernel;
  readonly params: Record<string, string>;
  readonly url: URL;
  #body: Promise<Buffer> | undefined;

  constructor(req: IncomingMessage, kernel: Kernel, params: Record<string, string>, url: URL) {
    this.req = req;
    this.kernel = kernel;
    this.params = params;
    this.url = url;
  }

  /**
   * Scheme, host and port the client used, as Keycloak derives its frontend URL in dev mode: the host keeps the
   * case the client sent (`http://LocalHost/...`), a default port is dropped.
   */
  get baseUrl(): string {
    const raw = this.req.headers.host;
    const hostname =
      raw === undefined
        ? this.url.hostname
        : raw.startsWith('[')
          ? raw.slice(0, raw.indexOf(']') + 1)
          : raw.split(':')[0];
    return `${this.url.protocol}//${hostname}${this.url.port ? `:${this.url.port}` : ''}`;
  }

  /** Now in whole seconds, from the server clock. */
  get nowSeconds(): number {
    return Math.floor(this.kernel.clock.now() / 1000);
  }

  /** The `{realm}` of the path; answers 404 "Realm does not exist" when unknown. */
  realm(): RealmModel {
    const realm = this.kernel.store.get(this.params['realm'] ?? '');
    if (!realm) throw realmNotFound();
    return realm;
  }

  /** The realm's issuer URL as seen by this request. */
  issuer(realm: RealmModel): string {
    return `${this.baseUrl}/realms/${encodeURIComponent(realm.name)}`;
  }

  /** The raw body, read once, bounded by maxBodyBytes. */
  body(): Promise<Buffer> {
    this.#body ??= readBody(this.req, this.kernel.maxBodyBytes);
    return this.#body;
  }

  /** The form-encoded body (415 for another media type, 400 for a duplicated parameter). */
  async form(): Promise<Map<string, string>> {
    return parseForm(this.req, await this.body());
  }

  /** A request header as a single string. */
  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }
}
