import type { RevocationLogger } from './options.js';
import type { SharedStore } from '../store/shared-store.js';
import { decodeEntry, encodeEntry, type RevocationEntry, type RevocationList } from './revocation-list.js';
import type { StoreDownPolicy } from '../store/store-option.js';

/** The store key of the revocation set and the channel its changes go out on (the store adds its own prefix). */
const SET_KEY = 'revocations';
const CHANNEL = 'revocations';
/** How often the shared store is asked whether it is there: what notices an outage, and its end, with no traffic. */
const PROBE_INTERVAL_MS = 1_000;

/** What {@link SharedRevocations} needs. */
export interface SharedRevocationsOptions {
  store: SharedStore;
  /** True when the store is this instance's own (the default MemoryStore): it can be neither down nor missed. */
  local: boolean;
  list: RevocationList;
  maxTokenLifetime: number;
  maxEntries: number;
  storeDown: StoreDownPolicy;
  logger: RevocationLogger | undefined;
}

/**
 * Shares the revocation set through the guard's store: a revocation received here is applied at once, added to
 * the store's set (so an instance that starts, or reconnects, loads it) and published (so the running instances
 * apply it within a round trip). An instance whose connection was lost reloads the set when it is back, since
 * the messages sent meanwhile never reached it. While the store is down revocations are this instance's only:
 * {@link unavailable} tells the guard, which goes on (`fail-open`) or answers 503 (`fail-closed`).
 */
export class SharedRevocations {
  readonly #options: SharedRevocationsOptions;
  #unsubscribe: Promise<() => Promise<void>> | undefined;
  #probe: NodeJS.Timeout | undefined;
  #failed = false;
  #wasUp = true;
  #warned = false;
  #closed = false;

  constructor(options: SharedRevocationsOptions) {
    this.#options = options;
    const { store } = options;
    this.#unsubscribe = store
      .subscribe(
        CHANNEL,
        (message) => this.#heard(message),
        () => void this.reload(),
      )
      .catch((error: unknown) => {
        this.#failure(error);
        return async () => {};
      });
    if (!options.local) {
      void this.reload();
      this.#probe = setInterval(() => void this.#tick(), PROBE_INTERVAL_MS);
      this.#probe.unref();
    }
  }

  /** True while the shared store is down: revocations received elsewhere may not have reached this instance. */
  get unavailable(): boolean {
    if (this.#options.local) return false;
    const down = this.#failed || (this.#options.store as { sharedAvailable?: unknown }).sharedAvailable === false;
    if (down && !this.#warned) {
      this.#warned = true;
      this.#options.logger?.warn(
        { store: this.#options.store.kind, storeDown: this.#options.storeDown },
        this.#options.storeDown === 'fail-open'
          ? 'keycloak-ts: the shared store is down; revocations received by other instances do not reach this one until it is back'
          : 'keycloak-ts: the shared store is down; requests are answered 503 until it is back (storeDown: fail-closed)',
      );
    }
    return down;
  }

  /** Applies `entry` here, then shares it; resolves once the store has it (or failed to). */
  async add(entry: RevocationEntry): Promise<void> {
    const { list, store, maxTokenLifetime, maxEntries } = this.#options;
    list.apply(entry);
    const member = encodeEntry(entry);
    try {
      await store.addMember?.(SET_KEY, member, maxTokenLifetime, maxEntries);
      await store.publish(CHANNEL, member);
      this.#failed = false;
    } catch (error) {
      this.#failure(error);
    }
  }

  /** Loads the store's set: what was revoked while this instance was away. */
  async reload(): Promise<void> {
    const { store, list } = this.#options;
    if (typeof store.members !== 'function') return;
    try {
      for (const member of await store.members(SET_KEY)) {
        const entry = decodeEntry(member);
        if (entry !== undefined) list.apply(entry);
      }
      this.#failed = false;
    } catch (error) {
      this.#failure(error);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#probe);
    const unsubscribe = await this.#unsubscribe;
    await unsubscribe?.().catch(() => {});
  }

  #heard(message: string): void {
    const entry = decodeEntry(message);
    if (entry !== undefined) this.#options.list.apply(entry);
  }

  /**
   * One question to the store: a TieredStore only learns it is down (or back) when it is used, and comes back
   * (resending what it published meanwhile) on its next use after its retry delay. Back from an outage, reload.
   * Asked every second under `fail-closed` (an outage must be noticed with no traffic), and while the store is down.
   */
  async #tick(): Promise<void> {
    // Failing open, a store that works needs no question: the subscription brings the news, and a lost one says so.
    if (this.#options.storeDown === 'fail-open' && this.#wasUp && !this.unavailable) return;
    try {
      await this.#options.store.get(`${SET_KEY}:probe`);
      this.#failed = false;
    } catch (error) {
      this.#failure(error);
    }
    const up = !this.unavailable;
    if (up && !this.#wasUp) {
      this.#warned = false;
      await this.reload();
    }
    this.#wasUp = up;
  }

  /** A store that throws (one not behind a TieredStore) is down until an operation succeeds again. */
  #failure(error: unknown): void {
    if (!this.#failed)
      this.#options.logger?.debug(
        { store: this.#options.store.kind, cause: error instanceof Error ? error.message : String(error) },
        'keycloak-ts: a revocation operation on the shared store failed',
      );
    this.#failed = true;
  }
}
