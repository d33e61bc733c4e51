// `pnpm test:real [vitest args]`: test/keycloak against a real Keycloak (the one at KEYCLOAK_URL, else started).
import { printTotals, runRealTier } from './tiers.mjs';

const passed = await runRealTier(process.argv.slice(2));
printTotals();
process.exit(passed ? 0 : 1);
