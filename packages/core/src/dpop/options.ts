import { ASYMMETRIC_ALGORITHMS } from '../jwks/key-entries.js';
import { durationOption, knownOptions, positiveIntegerOption, stringListOption } from '../shared/options.js';

/**
 * The asymmetric algorithms Keycloak 26 accepts for DPoP proofs (its discovery's
 * `dpop_signing_alg_values_supported`; DPoPUtil.getDPoPSupportedAlgorithms), in the order it lists them.
 */
export const KEYCLOAK_DPOP_ALGORITHMS: readonly string[] = Object.freeze([
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
]);

/**
 * DPoP (RFC 9449) at the guard: `Authorization: DPoP <token>` with a `DPoP` proof header is always accepted
 * when the token is bound to the proof's key (`cnf.jkt`), and a bound token sent as `Bearer` is always
 * refused. Durations are milliseconds.
 */
export interface GuardDpopOptions {
  /** Refuse every token that is not sent as DPoP with a valid proof (Bearer tokens get the DPoP challenge). Default false. */
  required?: boolean;
  /** Accepted proof algorithms (asymmetric only). Default: the set Keycloak advertises ({@link KEYCLOAK_DPOP_ALGORITHMS}). */
  algorithms?: readonly string[];
  /**
   * Longest age of a proof's `iat` (plus the guard's `clockToleranceDuration` both ways); also how long its
   * `jti` is remembered. Default 60 000.
   */
  proofMaxAge?: number;
  /**
   * Proofs remembered at once per guard for replay detection. When that many are still within their window,
   * new proofs are refused (401) rather than an entry forgotten early. Default 100 000.
   */
  maxReplayEntries?: number;
}

/** {@link GuardDpopOptions} after validation. */
export interface ResolvedDpopOptions {
  readonly required: boolean;
  readonly algorithms: readonly string[];
  readonly proofMaxAge: number;
  readonly maxReplayEntries: number;
}

const DPOP_OPTIONS: Record<keyof GuardDpopOptions, true> = {
  required: true,
  algorithms: true,
  proofMaxAge: true,
  maxReplayEntries: true,
};

/** Checks the guard's `dpop` option, throwing a TypeError naming the bad field. */
export function resolveDpopOptions(value: GuardDpopOptions | undefined): ResolvedDpopOptions {
  if (value !== undefined && (value === null || typeof value !== 'object'))
    throw new TypeError('"dpop" must be an object');
  const options = value ?? {};
  knownOptions('the Keycloak guard', options, DPOP_OPTIONS, 'dpop.');
  if (options.required !== undefined && typeof options.required !== 'boolean')
    throw new TypeError('"dpop.required" must be a boolean');
  const algorithms = stringListOption('dpop.algorithms', options.algorithms) ?? KEYCLOAK_DPOP_ALGORITHMS;
  const refused = algorithms.find((alg) => !ASYMMETRIC_ALGORITHMS.has(alg));
  if (refused !== undefined)
    throw new TypeError(`"dpop.algorithms" may only hold asymmetric algorithms, not ${JSON.stringify(refused)}`);
  const proofMaxAge = durationOption('dpop.proofMaxAge', options.proofMaxAge, 60_000);
  if (proofMaxAge < 1_000) throw new TypeError('"dpop.proofMaxAge" must be at least 1 000 ms (iat is in seconds)');
  return {
    required: options.required ?? false,
    algorithms,
    proofMaxAge,
    maxReplayEntries: positiveIntegerOption('dpop.maxReplayEntries', options.maxReplayEntries, 100_000),
  };
}
