// Mutation testing, the base of the two areas of `pnpm mutation` (scripts/mutation/areas.mjs: `pnpm mutation:token`,
// `pnpm mutation:guard`); not part of `pnpm test`. Run as it is (`npx stryker run`) it mutates both areas against
// every test that reaches them, which takes hours here.
// StrykerJS 9.6 (10 needs Node 22) with its vitest runner. Under pnpm the plugins must be listed, and
// `inPlace` mutates the sources where they are, because the tests import the workspace packages through
// their node_modules symlinks, which a sandbox copy would not follow back. One worker: the machine is shared.
// Iterate on one file with: pnpm mutation:guard --mutate packages/core/src/guard/credentials.ts
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner', './scripts/mutation/message-literals.mjs'],
  ignorers: ['message-literals'],
  vitest: { configFile: 'scripts/mutation/vitest.config.ts', related: false },
  inPlace: true,
  // Stryker would otherwise write `// @ts-nocheck` into every file of the repo (in place!); vitest does
  // not type-check, so the instrumented sources need no such line.
  disableTypeChecks: false,
  concurrency: 1,
  coverageAnalysis: 'perTest',
  mutate: [
    'packages/core/src/token/**/*.ts',
    'packages/core/src/jwks/**/*.ts',
    'packages/core/src/guard/**/*.ts',
    // The security checks the guard delegates to: DPoP proofs and session revocation.
    'packages/core/src/dpop/{proof,htu,replay}.ts',
    'packages/core/src/revocation/{logout-token,revocation-list,revocations,receiver}.ts',
  ],
  // A static mutant (module-level code: constant tables, option defaults) is only seen by re-running every test
  // (46% of the run's time for 14% of its mutants). They are reported as ignored, not hidden: the tables they
  // touch are asserted by the tests through the behaviour they drive.
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
};
