import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources (the "source" export condition), so a
// change is tested without a rebuild; `pnpm build` still type-checks the packages.
export default defineConfig({
  resolve: { conditions: ['source', 'import', 'node', 'default'] },
  // These conditions also reach Node as --conditions for external packages: 'import' there would make
  // require() of dual packages (is-promise, used by Express 5's router) return the ESM namespace.
  ssr: { resolve: { conditions: ['source', 'node'], externalConditions: ['source'] } },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    reporters: ['default', './test/support/closing-line-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'memory',
          include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
        },
      },
      {
        // test/keycloak again, against a real Keycloak (KEYCLOAK_URL, set by scripts/test.mjs or by the user).
        // Two files at a time: each creates its own realm, and the JVM shares the machine's two cores.
        extends: true,
        test: {
          name: 'real',
          include: ['test/keycloak/**/*.test.ts'],
          env: { KEYCLOAK_TARGET: 'real' },
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
