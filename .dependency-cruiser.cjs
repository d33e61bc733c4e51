// The house's import rules for packages/core/src and packages/testing/src, checked by `pnpm check:deps`.
// A domain is a top-level folder of src/ (core: admin, guard, http, jwks, oidc, token, uma, ...; testing: admin,
// authz, http, model, oidc, ...). shared/ holds what several domains use; each domain's internal/ is its own.
const DOMAIN = '^packages/(core|testing)/src/([^/]+)';

// Core's layers (packages/core/ARCHITECTURE.md): what each domain may import besides itself and errors.ts.
const CORE_LAYERS = {
  shared: [],
  http: ['shared'],
  jwks: ['shared', 'http'],
  token: ['shared', 'http', 'jwks', 'store'],
  store: ['shared'],
  authz: ['shared', 'http'],
  permissions: ['authz', 'token'],
  oidc: ['shared', 'http', 'jwks', 'token', 'authz', 'permissions', 'dpop'],
  admin: ['shared', 'http', 'oidc', 'authz'],
  uma: ['shared', 'http', 'token', 'permissions', 'oidc', 'admin', 'store'],
  dpop: ['shared', 'jwks', 'store'],
  revocation: ['shared', 'jwks', 'token', 'store'],
  guard: ['shared', 'jwks', 'token', 'authz', 'permissions', 'oidc', 'admin', 'uma', 'store', 'dpop', 'revocation'],
};
const layerRules = Object.entries(CORE_LAYERS).map(([domain, allowed]) => ({
  name: `core-layers-${domain}`,
  comment: `core/src/${domain}/ may import only ${['errors.ts', ...allowed].join(', ')} (see packages/core/ARCHITECTURE.md).`,
  severity: 'error',
  from: { path: `^packages/core/src/${domain}/` },
  to: {
    path: '^packages/core/src/',
    pathNot: `^packages/core/src/(${[domain, ...allowed].join('|')})/|^packages/core/src/errors\\.ts$`,
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-runtime-cycle',
      comment: 'A cycle of value imports makes module evaluation order matter (a binding read before it is set).',
      severity: 'error',
      from: { path: '^packages/(core|testing)/src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-cycle-between-domains',
      comment:
        'Domains point one way, even through `import type`: a cycle across folders means a type lives in the wrong one.',
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
