import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';

/** A client assertion split and decoded, its signature not yet checked. */
export interface ParsedAssertion {
  compact: string;
  header: ProtectedHeaderParameters;
  claims: JWTPayload;
}

/** Decodes a compact JWS; undefined when it is not one (Keycloak's JWSInput fails with "Parsing error"). */
export function parseAssertion(compact: string): ParsedAssertion | undefined {
  if (compact.split('.').length !== 3) return undefined;
  try {
    return { compact, header: decodeProtectedHeader(compact), claims: decodeJwt(compact) };
  } catch {
    return undefined;
  }
}

/** The `aud` claim as a list, whether it was sent as a string or an array. */
export function audiences(claims: JWTPayload): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}
