#!/usr/bin/env node
// Thin launcher so the bin exists before the first build; the CLI lives in src/cli.ts.
import { main } from '../dist/cli.js';

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
