import type { RequestContext } from '../http/context.js';
import type { RealmModel } from '../model/types.js';
import { verifyRealmToken } from '../tokens/verify.js';
import { tokenSession, type TokenSession } from './token-session.js';

/** An access token checked end to end: signature, issuer, expiry, not-before, revocation and its session. */
export type AccessTokenCheck =
  | { ok: true; claims: Record<string, unknown>; found: Extract<TokenSession, { ok: true }> }
  | { ok: false; claims?: Record<string, unknown>; problem: string };

/** Verifies an access token and finds the live session behind it. */
export async function checkAccessToken(
  ctx: RequestContext,
  realm: RealmModel,
  token: string,
  /** Accepted `typ`s: endpoints that run DPoPUtil.withDPoPVerifier (userinfo) take DPoP-bound tokens too. */
  types: readonly string[] = ['Bearer'],
): Promise<AccessTokenCheck> {
  const verified = await verifyRealmToken(realm, token, ctx.issuer(realm), ctx.nowSeconds);
  if (!verified.ok) return { ok: false, problem: verified.reason };
  const claims = verified.claims;
  if (!types.includes(String(claims['typ']))) return { ok: false, claims, problem: 'type' };
  if (typeof claims['jti'] === 'string' && ctx.kernel.revoked.has(claims['jti']))
    return { ok: false, claims, problem: 'revoked' };
  const found = tokenSession(ctx.kernel, realm, claims, ctx.nowSeconds);
  if (!found.ok) return { ok: false, claims, problem: found.problem };
  return { ok: true, claims, found };
}

/** The token of an `Authorization: Bearer` header. */
export function bearerToken(ctx: RequestContext): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.header('authorization') ?? '');
  return match?.[1];
}
