// `pnpm check:pack`: what a user installs, tried as a user would. Packs each package (its prepack builds it),
// installs the tarballs into a scratch app outside the workspace, type-checks the app under `nodenext` and
// `bundler`, and runs it, as ESM and as CommonJS (require() of our ESM packages, Node 20.19+), against the
// testing server from the tarball. Prints `pack check: ok` or the step that failed.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const PACKAGES = ['testing', 'core', 'express', 'fastify'];
const keep = process.argv.includes('--keep');

function step(name, command, args, cwd) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  if (result.status !== 0) {
    console.log(
      `pack check: failed at ${name}:\n${`${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n')}`,
    );
    process.exit(1);
  }
  return result.stdout;
}

const scratch = mkdtempSync(join(tmpdir(), 'keycloak-ts-pack-'));
try {
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs);
  const pnpm = process.env.npm_execpath?.includes('pnpm') ? [process.execPath, process.env.npm_execpath] : ['pnpm'];
  for (const name of PACKAGES) {
    step(
      `pnpm pack @keycloak-ts/${name}`,
      pnpm[0],
      [...pnpm.slice(1), 'pack', '--pack-destination', tarballs],
      join(root, 'packages', name),
    );
  }
  const files = readdirSync(tarballs);
  const tarball = (name) =>
    join(
      tarballs,
      files.find((file) => file.startsWith(`keycloak-ts-${name}-`)),
    );

  const app = join(scratch, 'app');
  cpSync(join(here, 'app'), app, { recursive: true });
  const pkg = {
    name: 'pack-check-app',
    private: true,
    type: 'module',
    dependencies: {
      ...Object.fromEntries(PACKAGES.map((name) => [`@keycloak-ts/${name}`, `file:${tarball(name)}`])),
      express: '^5.1.0',
      fastify: '^5.6.0',
    },
    devDependencies: { typescript: '~5.9.3', '@types/node': '^20.19.0', '@types/express': '^5.0.3' },
    // The adapters' tarballs ask for @keycloak-ts/core 0.x from the registry; the local tarballs answer instead.
    overrides: Object.fromEntries(PACKAGES.map((name) => [`@keycloak-ts/${name}`, `file:${tarball(name)}`])),
  };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  step('npm install of the tarballs', 'npm', ['install', '--no-package-lock', '--loglevel=error'], app);
  step(
    'tsc under nodenext',
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.nodenext.json'],
    app,
  );
  step('tsc under bundler', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.bundler.json'], app);
  step('the ESM app', process.execPath, ['dist/app.js'], app);
  const cjs = step('the CommonJS app', process.execPath, ['app.cjs'], app);
  if (!cjs.includes('cjs: ok')) {
    console.log(`pack check: the CommonJS app did not finish:\n${cjs}`);
    process.exit(1);
  }
  console.log(`pack check: ok (${files.join(', ')})`);
} finally {
  if (keep) console.log(`scratch app kept at ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
