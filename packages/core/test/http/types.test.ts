import { describe, expectTypeOf, it } from 'vitest';
import type {
  KeycloakConnection,
  KeycloakErrorCode,
  KeycloakResponse,
  RequestBody,
  RequestOptions,
} from '@keycloak-ts/core';

describe('public types of the connection', () => {
  it('types the body of request() with the caller-given shape', () => {
    expectTypeOf<KeycloakConnection['request']>().returns.resolves.toEqualTypeOf<KeycloakResponse<unknown>>();
    expectTypeOf<Awaited<ReturnType<KeycloakConnection['rawGet']>>['body']>().toEqualTypeOf<unknown>();
    expectTypeOf<KeycloakResponse<{ id: string }>['body']>().toEqualTypeOf<{ id: string }>();
  });

  it('accepts only tagged bodies', () => {
    expectTypeOf<{ json: { username: string } }>().toExtend<RequestBody>();
    expectTypeOf<{ form: { grant_type: string } }>().toExtend<RequestBody>();
    expectTypeOf<{ raw: Uint8Array; contentType: string }>().toExtend<RequestBody>();
    expectTypeOf<{ username: string }>().not.toExtend<RequestBody>();
  });

  it('restricts methods and response expectations to known values', () => {
    expectTypeOf<RequestOptions['method']>().toEqualTypeOf<
      'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
    >();
    expectTypeOf<RequestOptions['expect']>().toEqualTypeOf<'json' | 'text' | 'bytes' | 'none' | undefined>();
    expectTypeOf<'ERR_TIMEOUT' | 'ERR_ABORTED' | 'ERR_INVALID_RESPONSE'>().toExtend<KeycloakErrorCode>();
  });
});
