import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every ```ts block of docs/guides compiles against the packages' current types: a guide that names a method or
// option we no longer have fails here, not in a user's editor. Each block is its own module (so it must import
// what it uses), type-checked with the repository's strict settings.
const GUIDES = new URL('../docs/guides/', import.meta.url).pathname;
const OUT = new URL('./.docs-check/', import.meta.url).pathname;

function blocks(): Array<{ name: string; code: string }> {
  const found: Array<{ name: string; code: string }> = [];
  for (const file of readdirSync(GUIDES)
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    const text = readFileSync(join(GUIDES, file), 'utf8');
    let index = 0;
    for (const match of text.matchAll(/```ts\n([\s\S]*?)```/g))
      found.push({ name: `${file.replace(/\.md$/, '')}-${index++}`, code: match[1] ?? '' });
  }
  return found;
}

describe('the guides in docs/guides', () => {
  it('have TypeScript examples that type-check against the packages', () => {
    const found = blocks();
    expect(found.length).toBeGreaterThanOrEqual(6);
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    for (const { name, code } of found) writeFileSync(join(OUT, `${name}.ts`), `${code}\nexport {};\n`);
    writeFileSync(
      join(OUT, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.check.json',
        include: ['*.ts'],
        compilerOptions: { lib: ['ES2023', 'DOM'] },
      }),
    );
    const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', join(OUT, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    rmSync(OUT, { recursive: true, force: true });
    expect(tsc.stdout).toBe('');
  }, 120_000);

  it('link only to files that exist', () => {
    for (const file of readdirSync(GUIDES).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(GUIDES, file), 'utf8');
      for (const [, target] of text.matchAll(/\]\((\.{1,2}\/[^)#]+)/g)) {
        expect(() => readFileSync(new URL(target!, `file://${GUIDES}`)), `${file} links to ${target}`).not.toThrow();
      }
    }
  });
});
