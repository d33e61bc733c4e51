import { defineConfig } from 'vitest/config';

// The tests the mutation run (stryker.config.mjs) gives StrykerJS: those that reach core's token/, jwks/
// and guard/, and the security suites that attack them. Resolution as in the root config, so the tests
// run against the TypeScript sources Stryker mutates in place. MUTATION_TESTS (comma-separated globs)
// narrows the files while iterating on one folder.
const narrowed = process.env.MUTATION_TESTS?.split(',').filter((glob) => glob !== '');
export default defineConfig({
  resolve: { conditions: ['source', 'import', 'node', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node'], externalConditions: ['source'] } },
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: narrowed ?? [
      'packages/core/test/token/**/*.test.ts',
      'packages/core/test/jwks/**/*.test.ts',
      'packages/core/test/guard/**/*.test.ts',
      'packages/core/test/dpop/**/*.test.ts',
      'packages/core/test/revocation/**/*.test.ts',
      // The guard's DPoP gate, scopes, revocation and refusal headers are driven through the adapters.
      'packages/express/test/**/*.test.ts',
      'packages/fastify/test/**/*.test.ts',
      'test/security/malicious-jwks.test.ts',
      'test/security/dpop-guard.test.ts',
      'test/security/revocation-receivers.test.ts',
      'test/security/hostile-requests.test.ts',
      'test/security/guard-secrets.test.ts',
      // ready(), the decision channel, and the guard scenarios of test/keycloak (on the in-memory Keycloak here).
      'packages/core/test/shared/diagnostics.test.ts',
      'test/keycloak/guards-*.test.ts',
      'test/keycloak/dpop.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Stryker switches mutants with a global, not by reloading modules, so the test files share one module
    // graph: each mutant then pays its tests, not their imports (~3x faster here). Every file of this list
    // passes so (vitest --no-isolate), which is what makes it safe.
    isolate: false,
  },
});
