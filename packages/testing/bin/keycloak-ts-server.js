#!/usr/bin/env node
// Thin launcher so the bin exists before the first build; the CLI lives in src/cli.ts and runs from dist/.
const cli = await import('../dist/cli.js').catch((error) => {
  // A fresh clone has no dist/ until `pnpm build`: say so instead of a module-resolution stack.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli.js')) throw error;
  console.error('keycloak-ts-server: @keycloak-ts/testing is not built yet; run `npx -y pnpm@10 build` first');
  process.exit(1);
});

cli.main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
