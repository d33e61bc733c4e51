// The house's import rules for packages/core/src and packages/testing/src, checked by `pnpm check:deps`.
// A domain is a top-level folder of src/ (core: admin, guard, http, jwks, oidc, token, uma, ...; testing: admin,
// authz, http, model, oidc, ...). shared/ holds what several domains use; each domain's internal/ is its own.
const DOMAIN = '^packages/(core|testing)/src/([^/]+)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      comment: 'A cycle of value imports makes module evaluation order matter (a binding read before it is set).',
      severity: 'error',
      from: { path: '^packages/(core|testing)/src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-cycle-between-domains',
      comment: 'Domains point one way, even through `import type`: a cycle across folders means a type lives in the wrong one.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { circular: true, pathNot: '^packages/$1/src/$2(/|$)' },
    },
    {
      name: 'no-foreign-internal',
      comment: "A domain's internal/ folder is private to it; what several domains need goes to shared/.",
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: '^packages/(core|testing)/src/.*/internal/', pathNot: '^packages/$1/src/$2/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
