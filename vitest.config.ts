import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources (the "source" export condition), so a
// change is tested without a rebuild; `pnpm build` still type-checks the packages.
export default defineConfig({
  resolve: { conditions: ['source', 'import', 'node', 'default'] },
  // These conditions also reach Node as --conditions for external packages: 'import' there would make
  // require() of dual packages (is-promise, used by Express 5's router) return the ESM namespace.
  ssr: { resolve: { conditions: ['source', 'node'], externalConditions: ['source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    reporters: ['default', './test/support/closing-line-reporter.ts'],
  },
});
