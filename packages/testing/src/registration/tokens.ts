import { randomUUID } from 'node:crypto';
import type { Kernel } from '../http/context.js';
import type { ClientModel, RealmModel } from '../model/types.js';
import { ExpiringStore } from '../shared/expiring-store.js';
import { signJwt } from '../tokens/jws.js';

/** An initial access token's record (ClientInitialAccessModel). Times in seconds. */
export interface InitialAccess {
  id: string;
  realmId: string;
  timestamp: number;
  expiration: number;
  count: number;
  remainingCount: number;
}

const stores = new WeakMap<Kernel, ExpiringStore<InitialAccess>>();
const NEVER = Number.MAX_SAFE_INTEGER;

/** Initial access tokens of one server. */
export function initialAccessStore(kernel: Kernel): ExpiringStore<InitialAccess> {
  let store = stores.get(kernel);
  if (!store) {
    store = new ExpiringStore(10_000);
    stores.set(kernel, store);
  }
  return store;
}

async function sign(realm: RealmModel, claims: Record<string, unknown>): Promise<string> {
  const key = await realm.keys.signingKey('HS512');
  if (!key) throw new Error(`realm ${realm.name} has no active HS512 key`);
  return signJwt(key, claims);
}

/** Options of an initial access token; `expiration` in seconds (0 = never), `count` uses (0 = unlimited). */
export interface InitialAccessOptions {
  expiration?: number;
  count?: number;
}

/** Creates an initial access token as the admin API's clients-initial-access does; returns its presentation. */
export async function issueInitialAccessToken(
  kernel: Kernel,
  realm: RealmModel,
  issuer: string,
  options: InitialAccessOptions = {},
): Promise<InitialAccess & { token: string }> {
  const expiration = options.expiration ?? 0;
  const count = options.count ?? 0;
  if (!Number.isInteger(expiration) || expiration < 0)
    throw new TypeError('options.expiration must be a non-negative integer (seconds)');
  if (!Number.isInteger(count) || count < 0) throw new TypeError('options.count must be a non-negative integer');
  const now = Math.floor(kernel.clock.now() / 1000);
  const record: InitialAccess = {
    id: randomUUID(),
    realmId: realm.id,
    timestamp: now,
    expiration,
    count,
    remainingCount: count === 0 ? NEVER : count,
  };
  initialAccessStore(kernel).set(record.id, record, expiration > 0 ? now + expiration : NEVER);
  const token = await sign(realm, {
    ...(expiration > 0 ? { exp: now + expiration } : {}),
    iat: now,
    jti: record.id,
    iss: issuer,
    aud: issuer,
    typ: 'InitialAccessToken',
  });
  return { ...record, token };
}

/** Mints a new registration access token for a client and makes it the only valid one (rotation). */
export async function rotateRegistrationToken(
  realm: RealmModel,
  client: ClientModel,
  issuer: string,
  nowSeconds: number,
  auth: string,
): Promise<string> {
  const jti = randomUUID();
  client.extensions['registrationAccessTokenId'] = jti;
  return sign(realm, { iat: nowSeconds, jti, iss: issuer, aud: issuer, typ: 'Registration', registration_auth: auth });
}
