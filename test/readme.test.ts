import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's API tour shows files of examples/snippets/ that the test command type-checks (and runs,
// for *.test.ts): this keeps the two identical, so the README cannot drift from code that compiles.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const snippetsDir = new URL('../examples/snippets/', import.meta.url);
const snippets = readdirSync(snippetsDir).filter((name) => name.endsWith('.ts'));

describe('README', () => {
  it('shows at least the six snippets of the tour', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(6);
  });

  it.each(snippets)('shows examples/snippets/%s verbatim', (name) => {
    const code = readFileSync(new URL(name, snippetsDir), 'utf8').trimEnd();
    expect(readme).toContain(`\`\`\`ts\n${code}\n\`\`\``);
  });

  it('names the same test command as .ci/run', () => {
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
    const command = 'npx -y pnpm@10 install && npx -y pnpm@10 test';
    expect(ci).toContain(command);
    expect(readme).toContain(command);
  });
});
