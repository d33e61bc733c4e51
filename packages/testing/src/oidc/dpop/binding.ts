import type { RequestContext } from '../../http/context.js';
import { oauthError } from '../../http/http-error.js';
import type { ClientModel } from '../../model/types.js';
import { DpopProofError, validateDpopProof } from './proof.js';

/** What a token request's DPoP proof binds the tokens to (DPoPUtil's transient DpopProtocolMapper). */
export interface DpopBinding {
  /** The proof key's thumbprint, put in `cnf.jkt`. */
  readonly jkt: string;
  /** Public clients' refresh tokens are bound too; a confidential client's are held by its credentials. */
  readonly bindRefreshToken: boolean;
}

const bindings = new WeakMap<RequestContext, DpopBinding>();

/** Whether the client has "DPoP bound access tokens" on (OIDCAdvancedConfigWrapper.isUseDPoP). */
export function clientRequiresDpop(client: ClientModel): boolean {
  return client.attributes['dpop.bound.access.tokens'] === 'true';
}

/**
 * DPoPUtil.handleDPoPHeader, run by the token endpoint after client authentication: when the client requires
 * DPoP or the request carries a `DPoP` header, the proof must be valid (400 `invalid_request` with DPoPUtil's
 * message otherwise), and the tokens of this request are then bound to its key.
 */
export async function handleDpopHeader(ctx: RequestContext, client: ClientModel): Promise<void> {
  if (!clientRequiresDpop(client) && ctx.req.headers['dpop'] === undefined) return;
  try {
    const jkt = await validateDpopProof(ctx);
    bindings.set(ctx, { jkt, bindRefreshToken: client.publicClient });
  } catch (error) {
    if (error instanceof DpopProofError) throw oauthError(400, 'invalid_request', error.message);
    throw error;
  }
}

/** The binding of this token request, when it carried a valid proof. */
export function dpopBinding(ctx: RequestContext): DpopBinding | undefined {
  return bindings.get(ctx);
}

/** A refresh token's `cnf.jkt`: bound refresh tokens need a proof by the same key (TokenManager, DPoPUtil.validateBinding). */
export function checkRefreshBinding(ctx: RequestContext, claims: Record<string, unknown>): void {
  const cnf = claims['cnf'] as { jkt?: unknown } | undefined;
  if (typeof cnf?.jkt !== 'string') return;
  const binding = dpopBinding(ctx);
  if (binding === undefined) throw oauthError(400, 'invalid_grant', 'DPoP proof is missing');
  if (binding.jkt !== cnf.jkt) throw oauthError(400, 'invalid_grant', "DPoP confirmation doesn't match DPoP proof");
}
