import { KeycloakInvalidTokenError } from '@keycloak-ts/core';
import { expect } from 'vitest';

/** Awaits a promise that must reject with a KeycloakInvalidTokenError, and returns that error. */
export async function invalidTokenError(promise: Promise<unknown>): Promise<KeycloakInvalidTokenError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeycloakInvalidTokenError);
  expect((error as KeycloakInvalidTokenError).code).toBe('ERR_INVALID_TOKEN');
  return error as KeycloakInvalidTokenError;
}

/** The reason of the KeycloakInvalidTokenError `promise` must reject with. */
export async function reasonOf(promise: Promise<unknown>): Promise<string> {
  return (await invalidTokenError(promise)).reason;
}
