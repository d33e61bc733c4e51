/** Collects the process warnings (Fastify's FSTWRN/FSTDEP codes among them) emitted while an app is built and closed. */
import type { FastifyInstance } from 'fastify';

/** Builds the app with `build`, readies and closes it, and returns the codes of the warnings emitted meanwhile. */
export async function warningsWhileBuilding(build: () => Promise<FastifyInstance>): Promise<string[]> {
  const codes: string[] = [];
  const onWarning = (warning: Error & { code?: string }): void => void codes.push(warning.code ?? warning.name);
  process.on('warning', onWarning);
  try {
    const app = await build();
    await app.ready();
    await app.close();
    // process.emitWarning delivers on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return codes;
}
