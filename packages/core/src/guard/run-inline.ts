import type { KeycloakAccessTokenClaims } from '../token/claims.js';
import type { GuardAdmin } from './admin.js';
import type { KeycloakRequestContext } from './context.js';
import type { InlineGuardCheck } from './guard.js';

/**
 * Runs an {@link InlineGuardCheck} for a callback-style framework hook (Express middleware, Fastify
 * `preHandler` with `done`): on success `attach(request, context)` then `next()`, in the same tick when
 * the check answered at once (no `attach` when an anonymous request passed a DISABLED enforcer path);
 * on refusal `next(error)`, or `refuse(request, error, next)` when given (an adapter answering refusals itself).
 * `attach` and `refuse` are meant to be module-level functions, so a warm request allocates no closure here.
 */
export function runInlineCheck<R, C extends KeycloakAccessTokenClaims>(
  check: InlineGuardCheck<R, C>,
  request: R,
  attach: (request: R, context: KeycloakRequestContext<C, GuardAdmin>) => void,
  next: (error?: unknown) => void,
  refuse?: (request: R, error: unknown, next: (error?: unknown) => void) => void,
): void {
  let result;
  try {
    result = check(request);
  } catch (error) {
    if (refuse === undefined) next(error);
    else refuse(request, error, next);
    return;
  }
  if (result instanceof Promise) {
    result.then(
      (context) => {
        if (context !== undefined) attach(request, context);
        next();
      },
      (error: unknown) => {
        if (refuse === undefined) next(error);
        else refuse(request, error, next);
      },
    );
    return;
  }
  if (result !== undefined) attach(request, result);
  next();
}
