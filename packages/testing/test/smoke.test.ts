import { describe, expect, it } from 'vitest';
import * as testing from '@keycloak-ts/testing';

describe('package', () => {
  it('loads from source', () => {
    expect(typeof testing).toBe('object');
  });
});
