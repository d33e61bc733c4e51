import type { GuardDenialReason } from '../errors.js';
import type { SharedStore } from '../store/shared-store.js';
import type { VerifiedToken } from '../token/verified-token.js';
import type { RequestSource } from './credentials.js';
import type { DpopCredentials } from './credentials.js';
import { requestHtu } from '../dpop/htu.js';
import type { ResolvedDpopOptions } from '../dpop/options.js';
import { DpopProofError, verifyDpopProof } from '../dpop/proof.js';
import { DpopReplayCache, type ReplayLogger } from '../dpop/replay.js';
import type { StoreDownPolicy } from '../store/store-option.js';

const UNKNOWN_URL = 'The request URL cannot be determined to check the DPoP proof';

/** A DPoP refusal: its reason and the header-safe description the client sees. */
export class DpopDenial {
  constructor(
    readonly reason: GuardDenialReason,
    readonly description: string | undefined,
  ) {}
}

/** What the gate needs from the guard's options. */
export interface DpopGateOptions {
  readonly dpop: ResolvedDpopOptions;
  readonly publicUrl: string | undefined;
  readonly clockToleranceDuration: number;
  readonly store: SharedStore | undefined;
  readonly storeDown: StoreDownPolicy;
  readonly logger: ReplayLogger | undefined;
  readonly now: () => number;
}

/**
 * The token's `cnf.jkt` (RFC 9449 §6.1), or undefined when it is not DPoP-bound. A `jkt` that is no string still
 * binds the token, to no key a proof can have: it fails closed, refused as Bearer and with every proof.
 */
export function boundThumbprint(verified: VerifiedToken): string | undefined {
  // A primitive `cnf` has no `jkt`; only null and undefined need the optional chain.
  const jkt = ((verified.claims as { cnf?: unknown }).cnf as { jkt?: unknown } | null | undefined)?.jkt;
  // Not a string: still bound, and equal to no proof's thumbprint (a string), so refused either way.
  return jkt as string | undefined;
}

/**
 * The guard's DPoP checks after the token itself verified: for a Bearer request, that the token is not
 * bound and DPoP is not required; for a DPoP request, one valid proof for this request, used once, by the
 * key the token is bound to.
 */
export class DpopGate<R> {
  readonly #options: DpopGateOptions;
  readonly #source: RequestSource<R>;
  readonly #replay: DpopReplayCache;
  /** `algs` of the DPoP challenge. */
  readonly algs: string;

  constructor(options: DpopGateOptions, source: RequestSource<R>) {
    this.#options = options;
    this.#source = source;
    this.#replay = new DpopReplayCache(options.dpop.maxReplayEntries, options.store, options.storeDown, options.logger);
    this.algs = options.dpop.algorithms.join(' ');
  }

  get required(): boolean {
    return this.#options.dpop.required;
  }

  /** Proofs remembered for replay detection (for stats and tests). */
  get replayEntries(): number {
    return this.#replay.size;
  }

  /** Why a token sent as Bearer is refused, or undefined when it may pass. */
  bearerRefusal(verified: VerifiedToken): GuardDenialReason | undefined {
    if (boundThumbprint(verified) !== undefined) return 'dpop_bound_as_bearer';
    return this.#options.dpop.required ? 'dpop_required' : undefined;
  }

  /** Checks the proof of a DPoP request; throws a {@link DpopDenial}. */
  async verify(request: R, credentials: DpopCredentials, verified: VerifiedToken): Promise<void> {
    const { proofs, token } = credentials;
    if (proofs.length === 0) throw new DpopDenial('dpop_proof_invalid', 'A DPoP proof header is required');
    if (proofs.length > 1) throw new DpopDenial('dpop_proof_invalid', 'Exactly one DPoP proof header is allowed');
    const target = this.#source.requestTarget?.(request);
    if (target === undefined) throw new DpopDenial('dpop_proof_invalid', UNKNOWN_URL);
    const htu = requestHtu(this.#options.publicUrl, target.origin, target.path);
    if (htu === undefined) throw new DpopDenial('dpop_proof_invalid', UNKNOWN_URL);
    const now = this.#options.now();
    let proof;
    try {
      proof = await verifyDpopProof(proofs[0] as string, {
        method: target.method,
        htu,
        accessToken: token,
        algorithms: this.#options.dpop.algorithms,
        maxAge: this.#options.dpop.proofMaxAge,
        tolerance: this.#options.clockToleranceDuration,
        now,
      });
    } catch (error) {
      // Only a DpopProofError's message is a fixed, header-safe text; anything else is a bug to surface as it is.
      // Stryker disable next-line ConditionalExpression: verifyDpopProof throws nothing else.
      if (error instanceof DpopProofError) throw new DpopDenial('dpop_proof_invalid', error.message);
      throw error;
    }
    // An unbound token (undefined) matches no proof either.
    if (boundThumbprint(verified) !== proof.jkt) throw new DpopDenial('dpop_binding_mismatch', undefined);
    const verdict = await this.#replay.check(proof.jkt, proof.jti, proof.acceptedUntil, now);
    if (verdict === 'replayed') throw new DpopDenial('dpop_proof_replayed', undefined);
    if (verdict === 'full') throw new DpopDenial('dpop_replay_full', undefined);
    if (verdict === 'store-down') throw new DpopDenial('dpop_replay_unavailable', undefined);
  }
}
