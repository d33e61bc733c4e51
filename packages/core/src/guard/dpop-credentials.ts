import type { CredentialSources, RequestSource } from './credentials.js';
import { Denial } from './internal/denial.js';

/** A request that sent `Authorization: DPoP <token>`: the token and every `DPoP` header it carried. */
export interface DpopCredentials {
  readonly token: string;
  /** The `DPoP` header values; a valid request has exactly one. */
  readonly proofs: readonly string[];
}

/**
 * Reads `Authorization: DPoP <token>` (RFC 9449 §7.1; scheme case-insensitive) and the `DPoP` headers, or
 * returns undefined when the request uses another scheme (or none), so the bearer reader takes it. Throws a
 * Denial for what is malformed whatever the scheme: two Authorization headers, an empty token, a token also
 * sent in the opted-in query parameter or cookie.
 */
export function readDpopCredentials<R>(
  request: R,
  source: RequestSource<R>,
  sources: CredentialSources,
): DpopCredentials | undefined {
  const raw = source.rawHeaders(request);
  let authorization: string | undefined;
  let proofs: string[] | undefined;
  let cookie = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 13 && name.toLowerCase() === 'authorization') {
      if (authorization !== undefined) throw new Denial('multiple_authorization_headers');
      authorization = raw[i + 1] as string;
    } else if (name.length === 4 && name.toLowerCase() === 'dpop') {
      (proofs ??= []).push(raw[i + 1] as string);
    } else if (name.length === 6 && sources.cookieName !== undefined && name.toLowerCase() === 'cookie') {
      cookie ||= hasCookie(raw[i + 1] as string, sources.cookieName);
    }
  }
  if (authorization === undefined || !isDpopScheme(authorization)) return undefined;
  const token = authorization.slice(5).trim();
  if (token === '') throw new Denial('empty_bearer');
  const inQuery = sources.queryParameter !== undefined && source.query(request, sources.queryParameter) !== undefined;
  if (inQuery || cookie) throw new Denial('multiple_token_sources');
  return { token, proofs: proofs ?? [] };
}

function isDpopScheme(value: string): boolean {
  if (value.length < 4 || value.slice(0, 4).toLowerCase() !== 'dpop') return false;
  if (value.length === 4) return true;
  const separator = value.charCodeAt(4);
  return separator === 32 || separator === 9;
}

function hasCookie(header: string, name: string): boolean {
  return header.split(';').some((part) => {
    const equals = part.indexOf('=');
    return equals !== -1 && part.slice(0, equals).trim() === name;
  });
}
