/**
 * What a guard creates and so must close on shutdown: the connection pool all its calls to Keycloak
 * share (unless the user gave a dispatcher, which stays theirs), and the clients built on it.
 */
import { Agent, type Dispatcher } from 'undici';

/** Anything with an idempotent async `close()`. */
export interface Closable {
  close(): Promise<void>;
}

/** The pool's size per origin: as many as a KeycloakConnection's own pool allows. */
const CONNECTIONS_PER_ORIGIN = 32;

/**
 * The guard's pool and the closables registered with it. Without a pool of its own, JWKS and
 * introspection calls would go through undici's global dispatcher, whose keep-alive sockets nothing
 * of ours may close.
 */
export class OwnedResources {
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #closables = new Set<Closable>();
  #closing: Promise<void> | undefined;

  constructor(given: Dispatcher | undefined) {
    this.#ownsDispatcher = given === undefined;
    this.#dispatcher = given ?? new Agent({ connections: CONNECTIONS_PER_ORIGIN });
  }

  /** The dispatcher every call of the guard goes through. */
  get dispatcher(): Dispatcher {
    return this.#dispatcher;
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** Registers `closable` to be closed with the guard; closed at once when the guard already is. */
  add(closable: Closable): void {
    if (this.#closing === undefined) this.#closables.add(closable);
    else void closable.close().catch(() => undefined);
  }

  /**
   * Closes every registered closable, then the pool if it is ours (undici lets requests in flight
   * finish first). Idempotent: later calls return the first call's promise. Never rejects: a client
   * failing to close must not keep the rest open nor fail the app's shutdown.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const closables = [...this.#closables];
      this.#closables.clear();
      await Promise.allSettled(closables.map((closable) => closable.close()));
      if (this.#ownsDispatcher) await this.#dispatcher.close().catch(() => undefined);
    })();
    return this.#closing;
  }
}
