// The two areas of `pnpm mutation`, each a StrykerJS config over the shared base (stryker.config.mjs): the files
// mutated and the tests that judge them. Split so each mutant is run by the tests written for its layer: the token
// and JWKS layer by core's own unit tests (fast), the guard and the checks it delegates to (DPoP proofs and replay,
// logout tokens, revocations) by core's guard tests and the security suites that attack a guard over HTTP. The
// adapters' and scenario suites reach the same code again and would make each guard mutant cost ~6 s instead of ~1 s.
import base from '../../stryker.config.mjs';

const AREAS = {
  token: {
    mutate: ['packages/core/src/token/**/*.ts', 'packages/core/src/jwks/**/*.ts'],
    tests: [
      'packages/core/test/token/**/*.test.ts',
      'packages/core/test/jwks/**/*.test.ts',
      // Diagnostics, and the option checks of the verifier, introspector and key set (unknown keys, resolved shapes).
      'packages/core/test/shared/**/*.test.ts',
      'test/security/malicious-jwks.test.ts',
    ],
  },
  guard: {
    mutate: [
      'packages/core/src/dpop/{proof,htu,replay}.ts',
      'packages/core/src/revocation/{logout-token,revocations}.ts',
      'packages/core/src/guard/{credentials,audience,dpop-gate,dpop-challenge,guard,spec,permission-spec,run-inline,answers,context,admin}.ts',
      'packages/core/src/guard/internal/{claims-requirements,roles,peek-issuer,denial,authorize,enforcer-routes,realms,realm-address}.ts',
    ],
    tests: [
      'packages/core/test/guard/**/*.test.ts',
      'packages/core/test/dpop/**/*.test.ts',
      'packages/core/test/revocation/**/*.test.ts',
      'packages/core/test/shared/diagnostics.test.ts',
      'test/security/dpop-guard.test.ts',
      'test/security/hostile-requests.test.ts',
      'test/security/guard-secrets.test.ts',
      'test/security/revocation-receivers.test.ts',
      // The policy enforcer's paths (user-managed-access tickets, the deny page, lazy resource lookups) and UMA routes.
      'test/keycloak/guards-enforcer.test.ts',
      'packages/express/test/uma.test.ts',
    ],
  },
};

/** The StrykerJS config of one area; MUTATION_TESTS still narrows its tests while iterating. */
export function area(name) {
  const { mutate, tests } = AREAS[name];
  // Read by scripts/mutation/vitest.config.ts in Stryker's test-runner processes, which inherit this environment.
  process.env.MUTATION_TESTS ??= tests.join(',');
  return {
    ...base,
    mutate,
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
  };
}
