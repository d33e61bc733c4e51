import type { Kernel } from '../../http/context.js';
import { putIfAbsent } from '../../sessions/single-use.js';
import { assertionRejected, type JwtAuthenticatorType } from './errors.js';

// AbstractBaseJWTValidator.getJtiCacheKeyPrefix: the validator class name, so both authenticators keep apart.
const PREFIX: Record<JwtAuthenticatorType, string> = {
  'client-jwt': 'jwtclientvalidator',
  'client-secret-jwt': 'jwtclientsecretvalidator',
};

/** Remembers a jti for `lifespanSeconds`; a second use inside that window is "Token reuse detected". */
export function consumeJti(
  kernel: Kernel,
  type: JwtAuthenticatorType,
  jti: unknown,
  nowSeconds: number,
  lifespanSeconds: number,
): void {
  if (typeof jti !== 'string') throw assertionRejected('Token jti claim is required');
  if (!putIfAbsent(kernel, `${PREFIX[type]}:${jti}`, nowSeconds + lifespanSeconds, nowSeconds))
    throw assertionRejected('Token reuse detected');
}
