import { KeycloakError } from '@keycloak-ts/core';
import { expect } from 'vitest';

/** Awaits a call that must fail and returns its error, asserting it is one of ours. */
export async function failure(promise: Promise<unknown>): Promise<KeycloakError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeycloakError);
  return error as KeycloakError;
}
