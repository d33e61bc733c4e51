import { describe, expect, it } from 'vitest';
import * as testing from '@keycloak-ts/testing';

describe('package', () => {
  it('exports startKeycloak from its public entry point', () => {
    expect(typeof testing.startKeycloak).toBe('function');
  });
});
