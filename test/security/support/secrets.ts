import { expect } from 'vitest';

/**
 * The strings that must never leak from a token: the whole token and its signature part (a
 * signature alone replays nothing, but its presence shows the token went somewhere it should not).
 */
export function tokenSecrets(token: string): string[] {
  const signature = token.split('.')[2];
  return signature === undefined || signature.length < 16 ? [token] : [token, signature];
}

/** Asserts that none of `secrets` occurs in `text`, raw or URL-encoded, and names the first that does. */
export function expectNoSecret(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    const leaked = text.includes(secret) || text.includes(encodeURIComponent(secret));
    expect(leaked, `${where} holds the secret ${secret.slice(0, 12)}...`).toBe(false);
  }
}

/** Everything an error shows: message, stack, JSON form, body, and its causes' messages, as text. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      const fields = current as Error & { body?: unknown; toJSON?: () => unknown };
      parts.push(current.message, current.stack ?? '', safeJson(fields.body));
      if (typeof fields.toJSON === 'function') parts.push(safeJson(fields.toJSON()));
      parts.push(safeJson({ ...current }));
      current = current.cause;
    } else {
      parts.push(String(current), safeJson(current));
      current = undefined;
    }
  }
  return parts.join('\n');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** A pino-compatible logger keeping every line it is given, as JSON text. */
export class CapturingLogger {
  readonly lines: string[] = [];

  debug(obj: Record<string, unknown>, msg: string): void {
    this.lines.push(JSON.stringify({ level: 'debug', ...obj, msg }));
  }

  warn(obj: Record<string, unknown>, msg: string): void {
    this.lines.push(JSON.stringify({ level: 'warn', ...obj, msg }));
  }

  error(obj: Record<string, unknown>, msg: string): void {
    this.lines.push(JSON.stringify({ level: 'error', ...obj, msg }));
  }

  /** As a pino destination stream (Fastify's `logger.stream`). */
  write(line: string): void {
    this.lines.push(line);
  }

  text(): string {
    return this.lines.join('\n');
  }
}
