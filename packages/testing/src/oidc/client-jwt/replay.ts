import type { Kernel } from '../../http/context.js';
import { ExpiringStore } from '../internal/expiring-store.js';
import { assertionRejected, type JwtAuthenticatorType } from './errors.js';

// Keycloak's single-use object cache is server-wide; one per test server here, capped so replays cannot grow it.
const MAX_REMEMBERED_JTIS = 10_000;
const stores = new WeakMap<Kernel, ExpiringStore<true>>();

// AbstractBaseJWTValidator.getJtiCacheKeyPrefix: the validator class name, so both authenticators keep apart.
const PREFIX: Record<JwtAuthenticatorType, string> = { 'client-jwt': 'jwtclientvalidator', 'client-secret-jwt': 'jwtclientsecretvalidator' };

/** Remembers a jti for `lifespanSeconds`; a second use inside that window is "Token reuse detected". */
export function consumeJti(kernel: Kernel, type: JwtAuthenticatorType, jti: unknown, nowSeconds: number, lifespanSeconds: number): void {
  if (typeof jti !== 'string') throw assertionRejected('Token jti claim is required');
  let store = stores.get(kernel);
  if (!store) {
    store = new ExpiringStore<true>(MAX_REMEMBERED_JTIS);
    stores.set(kernel, store);
  }
  const key = `${PREFIX[type]}:${jti}`;
  if (store.get(key, nowSeconds)) throw assertionRejected('Token reuse detected');
  store.set(key, true, nowSeconds + lifespanSeconds);
}
