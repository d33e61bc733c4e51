import { randomBytes } from 'node:crypto';

/** Keycloak 26.7's session ids: SecretGenerator.generateSecureID, 18 random bytes in base64url (24 characters). */
export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}
import type { RealmModel } from '../model/types.js';

/** A client's part of a user session. */
export interface ClientSession {
  clientId: string;
  /** Seconds. */
  started: number;
  /** Seconds; last token issued to this client. */
  timestamp: number;
  /** Scope parameter the session was created with. */
  scope: string;
  /** jti of the refresh token currently allowed when revokeRefreshToken is on. */
  currentRefreshToken?: string;
  currentRefreshTokenUseCount: number;
}

/** A user session (online or offline). Times are seconds, as Keycloak stores them. */
export interface UserSession {
  id: string;
  realmId: string;
  userId: string;
  offline: boolean;
  started: number;
  lastSessionRefresh: number;
  /** Session notes (AUTH_TIME, clientHost, ...), read by note mappers. */
  notes: Record<string, string>;
  clientSessions: Map<string, ClientSession>;
}

/** A session as plain data, for a data directory (Keycloak 26 keeps sessions in its database across restarts). */
export type SessionSnapshot = Omit<UserSession, 'clientSessions'> & { clientSessions: ClientSession[] };

// SessionTimeoutHelper.IDLE_TIMEOUT_WINDOW_SECONDS: Keycloak tolerates two minutes past the idle timeout.
const IDLE_WINDOW_SECONDS = 120;

/** Online and offline sessions of every realm of one server. */
export class SessionStore {
  readonly #online = new Map<string, UserSession>();
  readonly #offline = new Map<string, UserSession>();

  /** Starts a session at `nowSeconds`; `id` lets an offline session share its online session's id as Keycloak's does. */
  create(
    realm: RealmModel,
    userId: string,
    nowSeconds: number,
    offline: boolean,
    id: string = newSessionId(),
  ): UserSession {
    const session: UserSession = {
      id,
      realmId: realm.id,
      userId,
      offline,
      started: nowSeconds,
      lastSessionRefresh: nowSeconds,
      notes: {},
      clientSessions: new Map(),
    };
    (offline ? this.#offline : this.#online).set(session.id, session);
    return session;
  }

  /** A session by id, or undefined. */
  get(id: string, offline: boolean): UserSession | undefined {
    return (offline ? this.#offline : this.#online).get(id);
  }

  /** Ends a session. */
  remove(id: string, offline: boolean): boolean {
    return (offline ? this.#offline : this.#online).delete(id);
  }

  /** Sessions of a realm, optionally of one user. */
  list(realm: RealmModel, options: { userId?: string; offline?: boolean } = {}): UserSession[] {
    const source = options.offline ? this.#offline : this.#online;
    return [...source.values()].filter(
      (s) => s.realmId === realm.id && (!options.userId || s.userId === options.userId),
    );
  }

  /** Ends every session (online and offline) of a realm, or of one user in it. */
  removeAll(realm: RealmModel, userId?: string): void {
    for (const map of [this.#online, this.#offline]) {
      for (const [id, s] of map) if (s.realmId === realm.id && (!userId || s.userId === userId)) map.delete(id);
    }
  }

  /** Every session, online and offline, as plain data. */
  snapshot(): SessionSnapshot[] {
    return [...this.#online.values(), ...this.#offline.values()].map((s) => ({
      ...s,
      notes: { ...s.notes },
      clientSessions: [...s.clientSessions.values()].map((c) => ({ ...c })),
    }));
  }

  /** Adds sessions a {@link snapshot} gave (an existing session of the same id is replaced). */
  restore(sessions: readonly SessionSnapshot[]): void {
    for (const s of sessions) {
      const session: UserSession = {
        ...s,
        notes: { ...s.notes },
        clientSessions: new Map(s.clientSessions.map((c) => [c.clientId, { ...c }])),
      };
      (session.offline ? this.#offline : this.#online).set(session.id, session);
    }
  }

  /** Whether a session is still alive under the realm's idle and max lifespans; a dead one is removed. */
  isValid(realm: RealmModel, session: UserSession, nowSeconds: number): boolean {
    const t = realm.tokens;
    const idle = session.offline ? t.offlineSessionIdleTimeout : t.ssoSessionIdleTimeout;
    const max = session.offline
      ? t.offlineSessionMaxLifespanEnabled
        ? t.offlineSessionMaxLifespan
        : 0
      : t.ssoSessionMaxLifespan;
    const idleOk = idle <= 0 || nowSeconds < session.lastSessionRefresh + idle + IDLE_WINDOW_SECONDS;
    const maxOk = max <= 0 || nowSeconds < session.started + max;
    if (idleOk && maxOk) return true;
    this.remove(session.id, session.offline);
    return false;
  }

  /** When a refresh token of this session expires (seconds); undefined = never (offline without max). */
  refreshExpiry(realm: RealmModel, session: UserSession, nowSeconds: number): number | undefined {
    const t = realm.tokens;
    if (session.offline) {
      const idleEnd = nowSeconds + t.offlineSessionIdleTimeout;
      return t.offlineSessionMaxLifespanEnabled
        ? Math.min(idleEnd, session.started + t.offlineSessionMaxLifespan)
        : undefined;
    }
    return Math.min(nowSeconds + t.ssoSessionIdleTimeout, session.started + t.ssoSessionMaxLifespan);
  }
}

/** Revoked access-token ids until their expiry, pruned as new ones arrive so it cannot grow without bound. */
export class RevokedTokens {
  readonly #until = new Map<string, number>();

  /** Marks a jti revoked until `expSeconds`. */
  add(jti: string, expSeconds: number, nowSeconds: number): void {
    for (const [id, exp] of this.#until) if (exp <= nowSeconds) this.#until.delete(id);
    this.#until.set(jti, expSeconds);
  }

  /** Whether a jti was revoked. */
  has(jti: string): boolean {
    return this.#until.has(jti);
  }

  /** Every revoked jti with its expiry (seconds), as plain data. */
  snapshot(): [string, number][] {
    return [...this.#until];
  }

  /** Adds revocations a {@link snapshot} gave. */
  restore(entries: readonly [string, number][]): void {
    for (const [jti, exp] of entries) this.#until.set(jti, exp);
  }
}
