import { stringListOption } from '../shared/options.js';
import { headerSafe } from './answers.js';
import type { GuardLogger } from './options.js';

/**
 * The audience check of a guard (RFC 9068 §4, RFC 9700 §2.3: a resource server accepts only tokens
 * whose `aud` names it). On by default: without it, a token any client of the realm obtained for
 * itself (`aud: account`, or no `aud` at all) would be accepted by every API of the realm.
 */
export interface TokenAudience {
  /** The values of which `aud` must contain one; undefined when the check is turned off. */
  readonly accepted: readonly string[] | undefined;
  /** The `error_description` of a refusal: what to change in Keycloak (or in the options) to be let in. */
  readonly description: string;
}

/**
 * Reads `verifyTokenAudience` and `tokenAudience`: the accepted audiences are `tokenAudience` when
 * given, else the `clientId`. A list with `verifyTokenAudience: false` contradicts itself and throws.
 */
export function resolveTokenAudience(
  verify: boolean | undefined,
  tokenAudience: string | readonly string[] | undefined,
  clientId: string,
): TokenAudience {
  if (verify !== undefined && typeof verify !== 'boolean')
    throw new TypeError('"verifyTokenAudience" must be a boolean');
  const list = stringListOption('tokenAudience', tokenAudience);
  if (verify === false && list !== undefined)
    throw new TypeError('"tokenAudience" cannot be used with "verifyTokenAudience: false"');
  const accepted = verify === false ? undefined : (list ?? [clientId]);
  // Stryker disable next-line ArrayDeclaration: without an audience check no refusal reads this description.
  return { accepted, description: refusalDescription(accepted ?? [clientId]) };
}

/**
 * Names what the token lacks and the fix: an Audience mapper (`oidc-audience-mapper`) on a client scope
 * of the calling client, or the guard's `tokenAudience`. Characters RFC 6750 §3 does not allow in
 * `error_description` are percent-encoded, since client ids are free text in Keycloak.
 */
function refusalDescription(accepted: readonly string[]): string {
  return headerSafe(
    `The access token audience (aud) does not contain ${accepted.join(' or ')}; add an Audience mapper ` +
      `for ${accepted[0]} to a client scope of the calling client, or set the guard's tokenAudience option`,
  );
}

/**
 * The one warning of a guard built with `verifyTokenAudience: false`: the opt-out lets in tokens that
 * other clients of the realm obtained for themselves, so it must not go unnoticed in the logs.
 */
export function warnAudienceOptOut(audience: TokenAudience, logger: GuardLogger | undefined, clientId: string): void {
  if (audience.accepted !== undefined || logger === undefined) return;
  logger.warn(
    { clientId, verifyTokenAudience: false },
    'keycloak guard does not check the token audience: tokens issued to any client of the realm are accepted',
  );
}
