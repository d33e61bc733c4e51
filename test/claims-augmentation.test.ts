import type { ExpressKeycloakContext, ProtectSpec as ExpressSpec } from '@keycloak-ts/express';
import type { FastifyKeycloakContext } from '@keycloak-ts/fastify';
import type { Request } from 'express';
import type { FastifyRequest } from 'fastify';
import { describe, expectTypeOf, it } from 'vitest';

// What users write once in their app to type their own claims (issue 4: "typed through an interface users
// can extend"). The augmentation is global to the type-check, so the claim is optional and uniquely named.
declare module '@keycloak-ts/core' {
  interface KeycloakAccessTokenClaims {
    augmentation_probe_tenant?: string;
  }
}

describe('claims typed by augmenting KeycloakAccessTokenClaims', () => {
  it('reach req.keycloak.token in Express and request.keycloak.token in Fastify', () => {
    expectTypeOf<ExpressKeycloakContext['token']['augmentation_probe_tenant']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<Request['keycloak']>['token']['augmentation_probe_tenant']>().toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf<FastifyKeycloakContext['token']['augmentation_probe_tenant']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<FastifyRequest['keycloak']>['token']['augmentation_probe_tenant']>().toEqualTypeOf<
      string | undefined
    >();
  });

  it('reach the token a predicate spec receives', () => {
    const spec: ExpressSpec<Request> = (token) => {
      expectTypeOf(token.augmentation_probe_tenant).toEqualTypeOf<string | undefined>();
      return token.augmentation_probe_tenant === 'acme';
    };
    expectTypeOf(spec).not.toBeUndefined();
  });
});
