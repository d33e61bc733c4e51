import { readFileSync } from 'node:fs';

/** Reads a JSON fixture from test/fixtures/authz (see the README there for provenance). */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/authz/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

export function fixturePath(name: string): URL {
  return new URL(`../fixtures/authz/${name}`, import.meta.url);
}
