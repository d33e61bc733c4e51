// Runs every bench script in bench/ (files named *.js other than this one), one after another, so
// results do not compete for the CPU. Run after `pnpm build` (the root `bench` script does both).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const scripts = readdirSync(dir)
  .filter((file) => file.endsWith('.js') && file !== 'run.js')
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n== ${script}`);
  const { status } = spawnSync(process.execPath, [`${dir}${script}`], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
