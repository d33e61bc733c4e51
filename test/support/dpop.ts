import { createHash, generateKeyPairSync, randomUUID, sign, type JsonWebKey, type KeyObject } from 'node:crypto';

/** What a test may change in one proof: claims (undefined removes one) and protected header members. */
export interface ProofOverrides {
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  /** The access token whose hash goes in `ath`. */
  accessToken?: string;
  /** `iat` in epoch seconds; default now. */
  iat?: number;
  /** Signs the proof with another key than the one its header carries. */
  signWith?: DpopTestKey;
}

/** A client's DPoP key pair and a proof maker (RFC 9449 §4.2), as a DPoP client builds them, on node:crypto. */
export interface DpopTestKey {
  readonly alg: 'ES256' | 'RS256' | 'EdDSA';
  readonly jwk: JsonWebKey;
  /** The private key as a JWK (for the "private parts in the header" rows). */
  readonly privateJwk: JsonWebKey;
  readonly privateKey: KeyObject;
  /** RFC 7638 thumbprint of the public key: the `cnf.jkt` of tokens bound to it. */
  readonly jkt: string;
  proof(htm: string, htu: string, overrides?: ProofOverrides): string;
}

const MEMBERS: Record<string, string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  RSA: ['e', 'kty', 'n'],
  OKP: ['crv', 'kty', 'x'],
};

export function dpopTestKey(alg: DpopTestKey['alg'] = 'ES256'): DpopTestKey {
  const { publicKey, privateKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg === 'RS256'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const members = MEMBERS[jwk.kty as string] as string[];
  const canonical = JSON.stringify(Object.fromEntries(members.map((m) => [m, (jwk as Record<string, unknown>)[m]])));
  const key: DpopTestKey = {
    alg,
    jwk,
    privateJwk: privateKey.export({ format: 'jwk' }),
    privateKey,
    jkt: createHash('sha256').update(canonical).digest('base64url'),
    proof: (htm, htu, overrides = {}) => {
      const claims = defined({
        jti: randomUUID(),
        htm,
        htu,
        iat: overrides.iat ?? Math.floor(Date.now() / 1000),
        ...(overrides.accessToken === undefined ? {} : { ath: ath(overrides.accessToken) }),
        ...overrides.claims,
      });
      const header = defined({ alg, typ: 'dpop+jwt', jwk, ...overrides.header });
      return signJws(header, claims, overrides.signWith ?? key);
    },
  };
  return key;
}

/** A compact JWS of any header and claims, signed by `key` (JOSE signature encodings). */
export function signJws(header: Record<string, unknown>, claims: Record<string, unknown>, key: DpopTestKey): string {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  const signature =
    key.alg === 'ES256'
      ? sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
      : sign(key.alg === 'RS256' ? 'sha256' : null, Buffer.from(input), key.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

/** `ath`: base64url SHA-256 of the access token. */
export function ath(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('base64url');
}

/** The claims of a JWT, unverified (for assertions on what a server issued). */
export function jwtClaims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
