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
      'test/security/malicious-jwks.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
