/**
 * Reads `iss` from a JWT payload WITHOUT verifying it: only to pick which allow-listed issuer's keys
 * verify the token. Returns undefined for anything that is not a readable JWT.
 */
export function peekIssuer(token: string): string | undefined {
  const first = token.indexOf('.');
  const second = first === -1 ? -1 : token.indexOf('.', first + 1);
  if (second === -1) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString('utf8'));
    if (payload === null || typeof payload !== 'object' || !Object.hasOwn(payload, 'iss')) return undefined;
    const iss = (payload as { iss: unknown }).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}
