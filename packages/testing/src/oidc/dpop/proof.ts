import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, importJWK, type JWK } from 'jose';
import type { RequestContext } from '../../http/context.js';
import { putIfAbsent } from '../../sessions/single-use.js';

/** DPoPUtil.DEFAULT_PROOF_LIFETIME and DEFAULT_ALLOWED_CLOCK_SKEW, in seconds. */
const PROOF_LIFETIME = 10;
const CLOCK_SKEW = 15;

/** What getDPoPSupportedAlgorithms lists: the asymmetric signature providers (the discovery's list). */
export const DPOP_ALGORITHMS = [
  'PS384',
  'RS384',
  'EdDSA',
  'ES384',
  'ES256',
  'RS256',
  'ES512',
  'PS256',
  'PS512',
  'RS512',
];

/** A proof DPoPUtil refused; `message` is Keycloak's VerificationException message. */
export class DpopProofError extends Error {}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * DPoPUtil.validateDPoP: the `DPoP` header of this request as a proof, checked in Keycloak's order (header,
 * typ, alg, jwk, signature, mandatory claims, htm/htu, iat window, single use, `ath` when a token is given).
 * Returns the RFC 7638 thumbprint of the proof's key.
 */
export async function validateDpopProof(ctx: RequestContext, accessToken?: string): Promise<string> {
  // getHeaderString joins repeated headers with ',', which no longer parses as a JWS.
  const raw = ctx.req.headers['dpop'];
  const proof = Array.isArray(raw) ? raw.join(',') : raw;
  if (proof === undefined || proof.trim() === '') throw new DpopProofError('DPoP proof is missing');
  const parts = proof.split('.');
  const header = parts.length === 3 ? jsonObject(parts[0] as string) : undefined;
  const payload = parts.length === 3 ? jsonObject(parts[1] as string) : undefined;
  if (header === undefined || payload === undefined) throw new DpopProofError('DPoP header verification failure');
  if (header['typ'] !== 'dpop+jwt')
    throw new DpopProofError(`Invalid or missing type in DPoP header: ${String(header['typ'] ?? null)}`);
  const alg = String(header['alg']);
  if (!DPOP_ALGORITHMS.includes(alg)) throw new DpopProofError(`Unsupported DPoP algorithm: ${alg}`);
  const jwk = header['jwk'];
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) throw new DpopProofError('No JWK in DPoP header');
  if (PRIVATE_MEMBERS.some((member) => member in jwk))
    throw new DpopProofError('Private key material must not be present in DPoP JWK');
  let key;
  try {
    key = await importJWK({ ...(jwk as JWK), alg }, alg);
  } catch {
    throw new DpopProofError('Unsupported key type in DPoP header');
  }
  try {
    await compactVerify(proof, key, { algorithms: [alg] });
  } catch {
    throw new DpopProofError('DPoP verification failure: Invalid token signature');
  }
  const { iat, jti, htu, htm } = payload;
  if (typeof iat !== 'number' || !nonBlank(jti) || !nonBlank(htm) || !nonBlank(htu))
    throw new DpopProofError('DPoP mandatory claims are missing');
  if (!sameUri(htu, `${ctx.baseUrl}${ctx.url.pathname}`)) throw new DpopProofError('DPoP HTTP URL mismatch');
  if (htm !== ctx.req.method) throw new DpopProofError('DPoP HTTP method mismatch');
  const now = ctx.nowSeconds;
  if (!(iat <= now + CLOCK_SKEW && iat >= now - PROOF_LIFETIME - CLOCK_SKEW))
    throw new DpopProofError('DPoP proof is not active');
  // DPoPReplayCheck: SHA-1 of jti and htu, kept for the proof's lifetime and the skew.
  const replayKey = createHash('sha1').update(`${jti}\n${htu}`).digest('hex');
  if (!putIfAbsent(ctx.kernel, `dpop:${replayKey}`, iat + PROOF_LIFETIME + CLOCK_SKEW, now))
    throw new DpopProofError('DPoP proof has already been used');
  if (accessToken !== undefined) {
    if (payload['ath'] === undefined) throw new DpopProofError('No access token hash in DPoP proof');
    if (payload['ath'] !== createHash('sha256').update(accessToken).digest('base64url'))
      throw new DpopProofError('DPoP proof access token hash mismatch');
  }
  return calculateJwkThumbprint(jwk as JWK, 'sha256');
}

function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function jsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** DPoPHTTPCheck: both URIs without their query, equal as java.net.URI (scheme and host case-insensitive). */
function sameUri(htu: string, requestUri: string): boolean {
  let proof: URL;
  let request: URL;
  try {
    proof = new URL(htu);
    request = new URL(requestUri);
  } catch {
    throw new DpopProofError('Malformed HTTP URL in DPoP proof');
  }
  return proof.protocol === request.protocol && proof.host === request.host && proof.pathname === request.pathname;
}
