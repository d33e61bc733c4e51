import type { RequestContext } from '../../http/context.js';
import type { RealmModel } from '../../model/types.js';
import { clientRequiresDpop } from './binding.js';
import { DpopProofError, DPOP_ALGORITHMS, validateDpopProof } from './proof.js';

/** The start of the DPoP challenge Keycloak's resource endpoints answer (`algs` before `realm`). */
export const DPOP_CHALLENGE = `DPoP algs="${DPOP_ALGORITHMS.join(' ')}"`;

/** The token of `Authorization: DPoP <token>`; Keycloak matches the scheme name exactly (TokenUtil.TOKEN_TYPE_DPOP). */
export function dpopToken(ctx: RequestContext): string | undefined {
  return /^DPoP\s+(\S+)\s*$/.exec(ctx.header('authorization') ?? '')?.[1];
}

/**
 * DPoPUtil.withDPoPVerifier's check of a verified access token: a DPoP token only with the DPoP scheme and
 * the reverse, a client that requires DPoP only with it, and for the DPoP scheme a valid proof (with `ath`)
 * by the key in `cnf.jkt`. False means Keycloak's "Token verification failed".
 */
export async function dpopTokenCheck(
  ctx: RequestContext,
  realm: RealmModel,
  token: string,
  claims: Record<string, unknown>,
  schemeDpop: boolean,
): Promise<boolean> {
  const typeDpop = claims['typ'] === 'DPoP';
  if (schemeDpop !== typeDpop) return false;
  const client = realm.clients.get(String(claims['azp']));
  if (client === undefined) return false;
  if (clientRequiresDpop(client) && !schemeDpop) return false;
  if (!schemeDpop) return true;
  let thumbprint: string;
  try {
    thumbprint = await validateDpopProof(ctx, token);
  } catch (error) {
    if (error instanceof DpopProofError) return false;
    throw error;
  }
  const cnf = claims['cnf'] as { jkt?: unknown } | undefined;
  return typeof cnf?.jkt === 'string' && cnf.jkt === thumbprint;
}
