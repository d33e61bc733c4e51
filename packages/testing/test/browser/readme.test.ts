import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

// The README shows readme-example.test.ts, which runs: this keeps the two identical.
it('shows the browser login example of the README verbatim', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('./readme-example.test.ts', import.meta.url), 'utf8').trimEnd();
  expect(readme).toContain(`\`\`\`ts\n${example}\n\`\`\``);
});
