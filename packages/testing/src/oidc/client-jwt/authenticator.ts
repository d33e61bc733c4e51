import { compactVerify } from 'jose';
import type { RequestContext } from '../../http/context.js';
import type { ClientModel, RealmModel } from '../../model/types.js';
import type { ParsedAssertion } from './assertion.js';
import { checkActive, checkAudience, maxExpSeconds } from './claims.js';
import { clientVerificationKey } from './client-keys.js';
import { assertionRejected, authenticatorFailed, JWT_BEARER_ASSERTION, type JwtAuthenticatorType } from './errors.js';
import { consumeJti } from './replay.js';

const ASYMMETRIC = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]);
const SYMMETRIC = new Set(['HS256', 'HS384', 'HS512']);

/** The JWT authenticator a confidential client is configured for, if it is one of the two. */
export function jwtAuthenticatorOf(client: ClientModel): JwtAuthenticatorType | undefined {
  if (client.publicClient) return undefined;
  const type = client.clientAuthenticatorType;
  return type === 'client-jwt' || type === 'client-secret-jwt' ? type : undefined;
}

/** What the JWT validators read from the request. */
export interface AssertionInput {
  assertionType: string | undefined;
  /** The raw `client_assertion`, and its decoded form when it parses. */
  assertion: string | undefined;
  parsed: ParsedAssertion | undefined;
  clientIdParam: string | undefined;
}

function checkParameters({ assertionType, assertion }: AssertionInput): void {
  if (assertionType === undefined) throw assertionRejected('Parameter client_assertion_type is missing');
  if (assertionType !== JWT_BEARER_ASSERTION) {
    throw assertionRejected(
      `Parameter client_assertion_type has value '${assertionType}' but expected is '${JWT_BEARER_ASSERTION}'`,
    );
  }
  if (assertion === undefined) throw assertionRejected('client_assertion parameter missing');
}

/** validateSignatureAlgorithm: never none, asymmetric only for client-jwt, and the client's pinned alg if any. */
function checkAlgorithm(type: JwtAuthenticatorType, client: ClientModel, alg: unknown): string {
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') throw assertionRejected('Invalid signature algorithm');
  if (type === 'client-jwt' && !ASYMMETRIC.has(alg)) throw assertionRejected('Invalid signature algorithm');
  const expected = client.attributes['token.endpoint.auth.signing.alg'];
  if (expected && expected !== alg) throw assertionRejected('Invalid signature algorithm');
  return alg;
}

async function checkSignature(
  type: JwtAuthenticatorType,
  client: ClientModel,
  parsed: ParsedAssertion,
  alg: string,
): Promise<void> {
  if (type === 'client-secret-jwt') {
    const secret = client.secret;
    const verified =
      secret !== undefined &&
      SYMMETRIC.has(alg) &&
      (await compactVerify(parsed.compact, new TextEncoder().encode(secret), { algorithms: [alg] }).then(
        () => true,
        () => false,
      ));
    if (!verified) throw authenticatorFailed(type, 'Signature on JWT token by client secret failed validation');
    return;
  }
  const key = await clientVerificationKey(client, parsed.header);
  if (!key) throw assertionRejected('Unable to load public key');
  const verified = await compactVerify(parsed.compact, key, { algorithms: [alg] }).then(
    () => true,
    () => false,
  );
  if (!verified) throw authenticatorFailed(type, 'Signature on JWT token failed validation');
}

/**
 * Validates a signed-JWT client assertion for a client configured with `client-jwt` (private_key_jwt) or
 * `client-secret-jwt` (client_secret_jwt), in the order of Keycloak's AbstractJWTClientValidator.validate():
 * parameters, client, algorithm, signature, audience, lifetime, then single use of the jti.
 */
export async function validateClientAssertion(
  ctx: RequestContext,
  realm: RealmModel,
  client: ClientModel,
  type: JwtAuthenticatorType,
  input: AssertionInput,
): Promise<void> {
  checkParameters(input);
  const parsed = input.parsed;
  if (!parsed) throw authenticatorFailed(type, 'Parsing error');
  const sub = parsed.claims.sub;
  if (typeof sub !== 'string') throw assertionRejected('Token sub claim is required');
  if (input.clientIdParam !== undefined && input.clientIdParam !== sub)
    throw assertionRejected('client_id parameter does not match sub claim');
  const alg = checkAlgorithm(type, client, parsed.header.alg);
  await checkSignature(type, client, parsed, alg);
  checkAudience(parsed.claims, ctx.issuer(realm));
  const now = ctx.nowSeconds;
  const lifespan = checkActive(parsed.claims, now, maxExpSeconds(client));
  consumeJti(ctx.kernel, type, parsed.claims.jti, now, lifespan);
}
