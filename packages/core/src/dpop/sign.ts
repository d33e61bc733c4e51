import { randomUUID, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { KEYCLOAK_DPOP_ALGORITHMS } from './options.js';
import { accessTokenHash } from './proof.js';

/** A client's DPoP key pair (RFC 9449 §4): the private key signs proofs, the public JWK goes in their header. */
export interface DpopKeyPair {
  /** A private key (WebCrypto `CryptoKey` or Node `KeyObject`) of one of Keycloak's DPoP algorithms. */
  privateKey: CryptoKey | KeyObject;
  /** Its public key as a JWK, with no private members. */
  publicJwk: JWK;
  /** The proofs' `alg`. Default: the JWK's `alg`, else `ES256` for an EC P-256 key, `RS256` for RSA, `EdDSA` for OKP. */
  algorithm?: string;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const DEFAULT_ALG: Record<string, string> = { EC: 'ES256', RSA: 'RS256', OKP: 'EdDSA' };

/**
 * Signs DPoP proofs with one key pair: `typ` `dpop+jwt`, the public `jwk`, a fresh `jti`, `htm`, `htu` (no
 * query or fragment), `iat`, and `ath` / `nonce` when given. Built from a {@link DpopKeyPair} or generated.
 */
export class DpopSigner {
  readonly #privateKey: CryptoKey | KeyObject;
  readonly #jwk: JWK;
  readonly #alg: string;
  readonly #now: () => number;
  #jkt: Promise<string> | undefined;

  /** @throws TypeError for a JWK with private members, or an algorithm Keycloak does not accept for DPoP. */
  constructor(pair: DpopKeyPair, now: () => number = Date.now) {
    if (pair === null || typeof pair !== 'object') throw new TypeError('"dpop" must be a key pair or true');
    const { privateKey, publicJwk } = pair;
    if (privateKey === null || typeof privateKey !== 'object')
      throw new TypeError('"dpop.privateKey" must be a CryptoKey or a KeyObject');
    if (publicJwk === null || typeof publicJwk !== 'object' || typeof publicJwk.kty !== 'string')
      throw new TypeError('"dpop.publicJwk" must be a JWK');
    if (PRIVATE_MEMBERS.some((member) => member in publicJwk))
      throw new TypeError('"dpop.publicJwk" must be a public key: it holds private members');
    const alg = pair.algorithm ?? publicJwk.alg ?? DEFAULT_ALG[publicJwk.kty];
    if (alg === undefined || !KEYCLOAK_DPOP_ALGORITHMS.includes(alg))
      throw new TypeError(`"dpop.algorithm" must be one of ${KEYCLOAK_DPOP_ALGORITHMS.join(', ')}`);
    this.#privateKey = privateKey;
    // Only the public members travel in proofs.
    const { kty, crv, x, y, n, e } = publicJwk;
    this.#jwk = Object.fromEntries(Object.entries({ kty, crv, x, y, n, e }).filter(([, v]) => v !== undefined)) as JWK;
    this.#alg = alg;
    this.#now = now;
  }

  /** A signer over a new non-extractable key pair of `algorithm` (default ES256). */
  static async generate(algorithm = 'ES256', now: () => number = Date.now): Promise<DpopSigner> {
    const { privateKey, publicKey } = await generateKeyPair(algorithm);
    return new DpopSigner({ privateKey, publicJwk: await exportJWK(publicKey), algorithm }, now);
  }

  /** The proofs' algorithm. */
  get algorithm(): string {
    return this.#alg;
  }

  /** RFC 7638 SHA-256 thumbprint of the public key: the `cnf.jkt` of tokens bound to it. */
  thumbprint(): Promise<string> {
    this.#jkt ??= calculateJwkThumbprint(this.#jwk, 'sha256');
    return this.#jkt;
  }

  /** A proof for one request; `url` loses its query and fragment. */
  proof(method: string, url: string, options: { accessToken?: string; nonce?: string } = {}): Promise<string> {
    const target = new URL(url);
    target.search = '';
    target.hash = '';
    return new SignJWT({
      htm: method,
      htu: target.href,
      ...(options.accessToken === undefined ? {} : { ath: accessTokenHash(options.accessToken) }),
      ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    })
      .setProtectedHeader({ alg: this.#alg, typ: 'dpop+jwt', jwk: this.#jwk })
      .setJti(randomUUID())
      .setIssuedAt(Math.floor(this.#now() / 1000))
      .sign(this.#privateKey);
  }
}
