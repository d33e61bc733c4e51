import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript run by `pnpm demo` over the built packages, typed loosely here
import { demoCommands, startDemo } from '../examples/start-demo.js';
import { passwordToken } from './support/guard/realm.js';

interface Demo {
  keycloakUrl: string;
  expressUrl: string;
  fastifyUrl: string;
  close(): Promise<void>;
}

describe('the README demo', () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = (await startDemo()) as Demo;
  });
  afterAll(() => demo?.close());

  it('answers each printed command of both APIs with the status and description it announces', async () => {
    const tokens: Record<string, string> = {
      ALICE: await passwordToken(demo.keycloakUrl, 'demo', 'alice', 'alice', 'demo-web'),
      BOB: await passwordToken(demo.keycloakUrl, 'demo', 'bob', 'bob', 'demo-web'),
    };
    const { express, fastify } = demoCommands(demo) as Record<'express' | 'fastify', Array<[string, string]>>;
    for (const [command, expected] of [...express, ...fastify]) {
      const url = command.split(' ').at(-1) as string;
      const header = /-H "Authorization: Bearer \$?([\w-]+)"/.exec(command)?.[1];
      const authorization = header === undefined ? undefined : `Bearer ${tokens[header] ?? header}`;
      const method = /-X (\w+)/.exec(command)?.[1] ?? 'GET';
      const response = await fetch(url, { method, headers: authorization === undefined ? {} : { authorization } });
      expect(`${command} -> ${response.status}`).toBe(`${command} -> ${expected.slice(0, 3)}`);
      const description = /error_description="([^"]+)"/.exec(expected)?.[1];
      if (description !== undefined)
        expect(((await response.json()) as { error_description?: string }).error_description).toBe(description);
    }
  });
});
