import { describe, expect, it } from 'vitest';
import { createPolicyEnforcer } from '@keycloak-ts/core';

/**
 * Keycloak's own path-matching cases, run against createPolicyEnforcer().match(). Each row names its
 * upstream test: keycloak/keycloak `common/src/test/java/org/keycloak/common/util/PathMatcherTest.java`
 * (PathMatcherTest), keycloak/keycloak-client `testsuite/.../policyenforcer/PolicyEnforcerTest.java` and
 * `EnforcerConfigTest.java` with their `authorization-test/enforcer-*.json` configs. `null` means no
 * configured path matches.
 */
type Row = readonly [provenance: string, paths: readonly string[], request: string, expected: string | null];

const rows: readonly Row[] = [
  [
    'PathMatcherTest.templateWithWildcardMatchesCorrectPathOnly',
    ['/api/v1/{clientId}/campaigns/*'],
    '/api/v1/1/campaigns/summer',
    '/api/v1/{clientId}/campaigns/*',
  ],
  [
    'PathMatcherTest.templateWithWildcardMatchesCorrectPathOnly',
    ['/api/v1/{clientId}/campaigns/*'],
    '/api/v1/1/contentConnectorConfigs/29/contentConnectorContents',
    null,
  ],
  ['PathMatcherTest.testMatrixParamsStripped', ['/api/admin', '/*'], '/api/admin;x=1', '/api/admin'],
  ['PathMatcherTest.testMatrixParamsStripped', ['/api/admin', '/*'], '/api/admin;a=1;b=2', '/api/admin'],
  [
    'PathMatcherTest.testMatrixParamsInMiddleSegment',
    ['/api/admin/data', '/*'],
    '/api;v=2/admin/data',
    '/api/admin/data',
  ],
  ['PathMatcherTest.testTrailingSlashStripped', ['/api/admin', '/*'], '/api/admin/', '/api/admin'],
  ['PathMatcherTest.testDoubleSlashesCollapsed', ['/api/admin', '/*'], '//api///admin', '/api/admin'],
  ['PathMatcherTest.testDotSegmentsResolved', ['/api/admin', '/*'], '/api/foo/../admin', '/api/admin'],
  ['PathMatcherTest.testDotSegmentsResolved', ['/api/admin', '/*'], '/api/./admin', '/api/admin'],
  ['PathMatcherTest.testPercentEncodedUnreservedDecoded', ['/api/admin', '/*'], '/%61pi/%61dmin', '/api/admin'],
  [
    'PathMatcherTest.testPercentEncodedReservedDecoded',
    ['/api/admin area', '/*'],
    '/api/admin%20area',
    '/api/admin area',
  ],
  ['PathMatcherTest.testPercentEncodedSlashDecoded', ['/api/admin', '/*'], '/api/%2Fadmin', '/api/admin'],
  ['PathMatcherTest.testCombinedVectors', ['/api/admin', '/*'], '//api/foo/../admin;y=2/', '/api/admin'],
  ['PathMatcherTest.testQueryStringDropped', ['/api/admin', '/*'], '/api/admin?x=1', '/api/admin'],
  ['PathMatcherTest.testFragmentDropped', ['/api/admin', '/*'], '/api/admin#section', '/api/admin'],
  [
    'PathMatcherTest.testQueryStringNotSplicedAcrossMatrixParam',
    ['/api/admin', '/*'],
    '/api/admin;x=1?redirect=/evil',
    '/api/admin',
  ],
  [
    'PathMatcherTest.testEncodedQuestionMarkNotTreatedAsDelimiter',
    ['/api/search?foo', '/*'],
    '/api/search%3Ffoo',
    '/api/search?foo',
  ],
  ['PathMatcherTest.testRootPathPreserved', ['/', '/api/admin'], '/', '/'],
  ['PathMatcherTest.testWildcardMatchingStillWorks', ['/api/admin/*', '/other'], '/api/admin/sub/deep', '/api/admin/*'],
  ['PathMatcherTest.testTemplateMatchingStillWorks', ['/api/{id}/items', '/*'], '/api/123/items', '/api/{id}/items'],
  [
    'PathMatcherTest.testCurlyBracesInTargetUri',
    ['/rest/{version}/carts/{cartId}/cartactions/{actionId}', '/*'],
    '/rest/v2/carts/%7BcartId%7D/cartactions/123',
    '/rest/{version}/carts/{cartId}/cartactions/{actionId}',
  ],
  ['PathMatcherTest.testMalformedUriReturnsNoMatch', ['/api/admin', '/*'], '/api/admin%', null],
  ['PathMatcherTest.missingClosingBraceShouldReturnNull', ['/api/{clientId'], '/api/123', null],
  ['PathMatcherTest.strayClosingBraceBetweenTwoParamsShouldNotThrow', ['/api/{p1}/}/c/{p2}'], '/api/1/2/c/3', null],
  [
    'PathMatcherTest.strayClosingBraceEmbeddedBetweenTwoParamsShouldNotThrow',
    ['/api/{p1}/x}y/{p2}'],
    '/api/1/x}y/2',
    null,
  ],
  ['PathMatcherTest.doubleClosingBraceBetweenTwoParamsShouldNotThrow', ['/api/{p1}}/{p2}'], '/api/1/2', null],
  ['PathMatcherTest.strayClosingBraceAfterAllParamsIsLiteral', ['/api/{p1}/foo}/*'], '/api/1/foo/anything', null],
  [
    'PathMatcherTest.strayClosingBraceAfterAllParamsIsLiteral',
    ['/api/{p1}/foo}/*'],
    '/api/1/foo}/anything',
    '/api/{p1}/foo}/*',
  ],
  ['PathMatcherTest.strayClosingBraceBeforeFirstParamShouldNotMatch', ['/api/}/{p1}/*'], '/api/}/1/anything', null],
  ['PathMatcherTest.emptyPlaceholderMatchesForLegacyCompatibility', ['/api/{}/foo'], '/api/1/foo', '/api/{}/foo'],
  ['PathMatcherTest.emptyExtensionSuffixMatchesForLegacyCompatibility', ['/*.'], '/file.', '/*.'],
  ['PathMatcherTest.emptyExtensionSuffixMatchesForLegacyCompatibility', ['/*.'], '/file.txt', null],
  ['PathMatcherTest.slashInsidePlaceholderWithTrailingWildcard', ['/api/{a/b}/*'], '/api/1/anything', null],
  ['PathMatcherTest.slashInsidePlaceholderWithTrailingWildcard', ['/api/{a/b}/*'], '/api/1/x/y/z', null],
  ['PathMatcherTest.slashInsidePlaceholderWithoutWildcard', ['/api/{a/b}/foo'], '/api/1/foo', null],
  ['PathMatcherTest.slashInsidePlaceholderWithoutWildcard', ['/api/{a/b}/foo'], '/api/1/b/foo', null],
  ['PathMatcherTest.templateStartingWithPlaceholderShouldNotMatch', ['{id}/foo'], '/1/foo', null],
  ['PathMatcherTest.testMutatedUriDoesNotFallThroughToWildcard', ['/api/admin', '/*'], '/api/admin;x=1/', '/api/admin'],
  [
    'PolicyEnforcerTest.testBearerOnlyClientResponse (mutated URIs)',
    ['/api/resourcea', '/*'],
    '/api/%72esourcea',
    '/api/resourcea',
  ],
  [
    'PolicyEnforcerTest.testResolvingPathPlaceholderOnPathBeginning (enforcer-max-entries.json)',
    ['/{ver}/tenants/{id}'],
    '/v1/tenants/1',
    '/{ver}/tenants/{id}',
  ],
  [
    'PolicyEnforcerTest.testSetMethodConfigs (enforcer-paths-use-method-config.json)',
    ['/api-method/*'],
    '/api-method/foo',
    '/api-method/*',
  ],
];

describe("createPolicyEnforcer().match() against Keycloak's own path-matcher cases", () => {
  it.each(rows)('%s: %j matches %s to %s', (_provenance, paths, request, expected) => {
    // paths are checked when parsed: one that does not start with "/" is given as is to the matcher only
    const valid = paths.filter((path) => path.startsWith('/'));
    if (valid.length !== paths.length) {
      expect(() => createPolicyEnforcer({ paths: paths.map((path) => ({ path })) })).toThrowError(
        expect.objectContaining({ code: 'ERR_AUTHORIZATION_CONFIG' }),
      );
      return;
    }
    const enforcer = createPolicyEnforcer({ paths: paths.map((path) => ({ path, name: 'r' })) });
    expect(enforcer.match({ method: 'GET', path: request })?.path.path ?? null).toBe(expected);
  });

  it('EnforcerConfigTest.testMultiplePathsWithSameName (enforcer-config-paths-same-name.json): one path with all four methods', () => {
    const product = (method: string, scope: string) => ({
      path: '/v1/product/*',
      methods: [{ method, scopes: [scope] }],
    });
    const enforcer = createPolicyEnforcer({
      paths: [product('POST', 'create'), product('GET', 'view'), product('PUT', 'update'), product('DELETE', 'delete')],
    });
    expect(enforcer.config.paths).toHaveLength(1);
    expect(enforcer.config.paths[0]?.methods.map((m) => m.method)).toEqual(['POST', 'GET', 'PUT', 'DELETE']);
    expect(enforcer.match({ method: 'GET', path: '/v1/product/1' })?.permission).toEqual({
      resource: '/v1/product/*',
      scopes: ['view'],
      scopesEnforcementMode: 'ALL',
    });
  });

  it('PolicyEnforcer.isAuthorized: under a global PERMISSIVE mode a matched path keeps its own mode', () => {
    const enforcer = createPolicyEnforcer({
      'enforcement-mode': 'PERMISSIVE',
      paths: [
        { path: '/a', name: 'a' },
        { path: '/b', name: 'b', 'enforcement-mode': 'DISABLED' },
      ],
    });
    expect(enforcer.match({ method: 'GET', path: '/a' })?.enforcementMode).toBe('ENFORCING');
    expect(enforcer.match({ method: 'GET', path: '/b' })?.enforcementMode).toBe('DISABLED');
  });

  it('PolicyEnforcer.getRequiredScopes: methods are compared as sent', () => {
    const enforcer = createPolicyEnforcer({
      paths: [{ path: '/a', name: 'a', scopes: ['fallback'], methods: [{ method: 'get', scopes: ['read'] }] }],
    });
    expect(enforcer.match({ method: 'get', path: '/a' })?.permission.scopes).toEqual(['read']);
    expect(enforcer.match({ method: 'GET', path: '/a' })?.permission).toEqual({
      resource: 'a',
      scopes: ['fallback'],
      scopesEnforcementMode: 'ANY',
    });
  });
});
