import { readFileSync } from 'node:fs';
import * as core from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';

// python-keycloak 7.1.1's public methods, camelCased, must exist on our classes so migrating code finds them.
const rows = readFileSync(new URL('../fixtures/python-keycloak-surface.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('class\t'))
  .map((line) => line.split('\t'));

const classes: Record<string, { prototype: object }> = {
  KeycloakAdmin: core.KeycloakAdmin,
  KeycloakOpenID: core.KeycloakOpenID,
  KeycloakUMA: core.KeycloakUMA,
  KeycloakOpenIDConnection: core.KeycloakOpenIDConnection,
  ConnectionManager: core.KeycloakConnection,
};

/** Where our name differs from the camelCase of python-keycloak's, and why. */
const renamed: Record<string, string> = {
  // Python's async twin of close(); every method here is async, so close() is the one.
  'ConnectionManager.aclose': 'close',
};

function camelCase(name: string): string {
  return name.replace(/ \(.*\)$/, '').replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function has(target: { prototype: object }, name: string): boolean {
  return name in target.prototype || name in target;
}

describe("python-keycloak 7.1.1's surface", () => {
  it('reads every class of the method list', () => {
    expect(new Set(rows.map(([cls]) => cls))).toEqual(new Set(Object.keys(classes)));
    expect(rows.length).toBeGreaterThan(280);
  });

  it.each(Object.keys(classes))('%s has every method under its camelCase name', (cls) => {
    const missing = rows
      .filter(([rowClass]) => rowClass === cls)
      .map(([, method]) => renamed[`${cls}.${method}`] ?? camelCase(method ?? ''))
      .filter((name) => !has(classes[cls]!, name));
    expect(missing).toEqual([]);
  });
});
