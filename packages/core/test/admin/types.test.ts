import type {
  AdminToken,
  KeycloakAdmin,
  KeycloakAdminOptions,
  RealmRepresentation,
  TokenResponse,
  UserQuery,
  UserRepresentation,
} from '@keycloak-ts/core';
import { describe, expectTypeOf, it } from 'vitest';

describe('public types of KeycloakAdmin', () => {
  it("types each method with Keycloak's representations", () => {
    expectTypeOf<KeycloakAdmin['getUsers']>().returns.resolves.toEqualTypeOf<UserRepresentation[]>();
    expectTypeOf<KeycloakAdmin['getRealm']>().returns.resolves.toEqualTypeOf<RealmRepresentation>();
    expectTypeOf<KeycloakAdmin['createUser']>().returns.resolves.toEqualTypeOf<string>();
    expectTypeOf<KeycloakAdmin['getUserId']>().returns.resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf<KeycloakAdmin['usersCount']>().returns.resolves.toEqualTypeOf<number>();
    expectTypeOf<KeycloakAdmin['iterateUsers']>().returns.toEqualTypeOf<
      AsyncGenerator<UserRepresentation, void, undefined>
    >();
  });

  it("keeps Keycloak's wire field names and refuses unknown ones", () => {
    expectTypeOf<{
      username: string;
      emailVerified: boolean;
      attributes: Record<string, string[]>;
    }>().toExtend<UserRepresentation>();
    expectTypeOf<{ userName: string }>().not.toExtend<UserRepresentation>();
    expectTypeOf<{ max: number; exact: boolean; briefRepresentation: boolean }>().toExtend<UserQuery>();
    expectTypeOf<{ limit: number }>().not.toExtend<UserQuery>();
  });

  it('leaves paging to the iterator: iterateUsers takes no first or max', () => {
    type IterationQuery = NonNullable<Parameters<KeycloakAdmin['iterateUsers']>[0]>;
    expectTypeOf<Extract<keyof IterationQuery, 'first' | 'max'>>().toBeNever();
    expectTypeOf<Extract<keyof IterationQuery, 'username'>>().toEqualTypeOf<'username'>();
  });

  it('accepts a KeycloakOpenID token response as the admin token', () => {
    expectTypeOf<TokenResponse>().toExtend<AdminToken>();
    expectTypeOf<{ serverUrl: string; token: TokenResponse }>().toExtend<KeycloakAdminOptions>();
  });
});
