import type { DpopTestKey } from '../../support/dpop.js';

/** A DPoP-bound access token of `user` from the in-memory server's `web` client (password grant with a proof). */
export async function boundToken(serverUrl: string, realm: string, key: DpopTestKey, user = 'alice'): Promise<string> {
  const tokenUrl = `${serverUrl}/realms/${realm}/protocol/openid-connect/token`;
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { dpop: key.proof('POST', tokenUrl) },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'web',
      username: user,
      password: `${user}-password`,
    }),
  });
  const body = (await response.json()) as { access_token?: string; token_type?: string };
  if (body.token_type !== 'DPoP' || body.access_token === undefined)
    throw new Error(`no DPoP token: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** A guard logger that keeps its lines, for the warn-once assertions. */
export class RecordingLogger {
  readonly lines: Array<{ level: 'debug' | 'warn' | 'error'; obj: Record<string, unknown>; msg: string }> = [];
  debug(obj: Record<string, unknown>, msg: string): void {
    this.lines.push({ level: 'debug', obj, msg });
  }
  warn(obj: Record<string, unknown>, msg: string): void {
    this.lines.push({ level: 'warn', obj, msg });
  }
  error(obj: Record<string, unknown>, msg: string): void {
    this.lines.push({ level: 'error', obj, msg });
  }
  warnings(): string[] {
    return this.lines.filter((line) => line.level === 'warn').map((line) => line.msg);
  }
}
