import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, EmbeddedJWK, type JWK } from 'jose';
import { normalizeHtu } from './htu.js';

/** What one DPoP proof is checked against (RFC 9449 §4.3). Times in epoch milliseconds. */
export interface DpopProofExpectation {
  /** The request's method, e.g. `GET`. */
  readonly method: string;
  /** The request's URL, already normalised by {@link normalizeHtu}. */
  readonly htu: string;
  /** The access token sent with the proof, whose hash `ath` must be. */
  readonly accessToken: string;
  readonly algorithms: readonly string[];
  /** Longest age of `iat`. */
  readonly maxAge: number;
  /** Slack on `iat` both ways (the guard's clock tolerance). */
  readonly tolerance: number;
  readonly now: number;
}

/** A proof that passed every check but replay: its key's thumbprint, its `jti` and until when it could be replayed. */
export interface DpopProof {
  /** RFC 7638 SHA-256 thumbprint of the proof's `jwk`, compared with the token's `cnf.jkt`. */
  readonly jkt: string;
  readonly jti: string;
  /** Epoch milliseconds after which the proof is refused as too old, so its `jti` need not be kept. */
  readonly acceptedUntil: number;
}

/** A refused proof; `message` is a fixed, header-safe `error_description`. */
export class DpopProofError extends Error {
  override readonly name = 'DpopProofError';
}

/** Proofs longer than this are refused unread: an RSA-4096 key and every claim fit in well under half of it. */
export const MAX_PROOF_LENGTH = 8_192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** JWK members that only a private (or secret) key has (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
const MAX_JTI_LENGTH = 256;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Verifies a DPoP proof for one request to a resource server (RFC 9449 §4.3 and §7.1): compact JWS, `typ`
 * `dpop+jwt`, an allowed asymmetric `alg`, a public `jwk` that verifies the signature, `jti`, `htm`, `htu`,
 * `iat` within the window, and `ath`. Replay is the caller's check ({@link DpopProof.jti}). Never throws
 * anything but a {@link DpopProofError}.
 */
export async function verifyDpopProof(proof: string, expected: DpopProofExpectation): Promise<DpopProof> {
  if (proof.length > MAX_PROOF_LENGTH) throw new DpopProofError('The DPoP proof is too large');
  if (!COMPACT_JWS.test(proof)) throw new DpopProofError('The DPoP proof is not a signed JWT');
  const header = protectedHeader(proof);
  if (header['typ'] !== 'dpop+jwt') throw new DpopProofError('The DPoP proof must have typ dpop+jwt');
  // includes() compares with ===, so a non-string alg is not accepted either.
  if (!expected.algorithms.includes(header['alg'] as string))
    throw new DpopProofError('The DPoP proof is signed with an algorithm not accepted here');
  const jwk = header['jwk'];
  if (jwk === null || typeof jwk !== 'object' || PRIVATE_MEMBERS.some((m) => m in jwk))
    throw new DpopProofError('The DPoP proof must carry a public jwk');
  // The thumbprint first: it needs the members of the key's type (an array has none), so a jwk lacking one is
  // named as such, not as a bad signature.
  let jkt: string;
  try {
    jkt = await calculateJwkThumbprint(jwk as JWK, 'sha256');
  } catch {
    throw new DpopProofError('The DPoP proof must carry a public jwk');
  }
  let payload: Uint8Array;
  try {
    // The header's alg passed the allow-list above; jose reads the same header.
    ({ payload } = await compactVerify(proof, EmbeddedJWK));
  } catch {
    throw new DpopProofError('The DPoP proof signature is invalid');
  }
  const claims = jsonObject(payload, 'The DPoP proof claims are not a JSON object');
  const { jti, htm, htu, iat, ath } = claims;
  if (
    typeof jti !== 'string' ||
    jti === '' ||
    jti.length > MAX_JTI_LENGTH ||
    typeof htm !== 'string' ||
    typeof htu !== 'string' ||
    // Number.isFinite is false for anything but a finite number.
    !Number.isFinite(iat)
  ) {
    throw new DpopProofError('The DPoP proof lacks jti, htm, htu or iat');
  }
  if (htm !== expected.method) throw new DpopProofError('The DPoP proof is for another HTTP method');
  if (normalizeHtu(htu) !== expected.htu) throw new DpopProofError('The DPoP proof is for another URL');
  const issuedAt = (iat as number) * 1000;
  if (issuedAt > expected.now + expected.tolerance || issuedAt < expected.now - expected.maxAge - expected.tolerance)
    throw new DpopProofError('The DPoP proof is too old or issued in the future');
  if (ath !== accessTokenHash(expected.accessToken))
    throw new DpopProofError('The DPoP proof does not match the access token (ath)');
  return { jkt, jti, acceptedUntil: issuedAt + expected.maxAge + expected.tolerance };
}

/** `ath`: base64url of the SHA-256 of the access token's ASCII bytes (RFC 9449 §4.2). */
export function accessTokenHash(accessToken: string): string {
  // An access token is ASCII (RFC 6750 §2.1), where UTF-8 and ASCII bytes are the same.
  return createHash('sha256').update(accessToken).digest('base64url');
}

function protectedHeader(proof: string): Record<string, unknown> {
  const encoded = proof.slice(0, proof.indexOf('.'));
  return jsonObject(Buffer.from(encoded, 'base64url'), 'The DPoP proof is not a signed JWT');
}

// Stryker disable BlockStatement: emptying the catch block leaves value undefined, which the check after it refuses alike.
function jsonObject(bytes: Uint8Array, failure: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new DpopProofError(failure);
  }
  // Stryker restore BlockStatement
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new DpopProofError(failure);
  return value as Record<string, unknown>;
}
