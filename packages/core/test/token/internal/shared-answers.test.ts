import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryStore, type SharedStore } from '../../../src/index.js';
import { SharedAnswers } from '../../../src/token/internal/shared-answers.js';

// Introspection answers shared through a store: what is written, and what a read trusts. A store that fails or
// holds anything but an answer written here reads as a store that does not know.

const NOW = 1_000_000;
const keyOf = (token: string) => `p:${createHash('sha256').update(token).digest('base64url')}`;

/** A store whose get answers `text` (or throws), recording sets. */
function scripted(get: () => Promise<string | undefined>): SharedStore & { sets: unknown[][] } {
  const store = new MemoryStore() as MemoryStore & { sets: unknown[][] };
  store.sets = [];
  store.get = get;
  store.set = async (...args: unknown[]) => {
    store.sets.push(args);
  };
  return store;
}

describe('SharedAnswers', () => {
  it('writes the answer under a digest of the token, until its end, and reads it back', async () => {
    const store = new MemoryStore({ now: () => NOW });
    const answers = new SharedAnswers(store, 'p:', () => NOW);
    await answers.write('tok', { active: true, sub: 'alice' }, NOW + 500);
    await answers.write('gone', 'inactive', NOW + 500);
    expect(await answers.read('tok')).toEqual({ answer: { active: true, sub: 'alice' }, until: NOW + 500 });
    expect(await answers.read('gone')).toEqual({ answer: 'inactive', until: NOW + 500 });
    expect(await store.get(keyOf('tok'))).toBe(
      JSON.stringify({ until: NOW + 500, answer: { active: true, sub: 'alice' } }),
    );
  });

  it('writes nothing that ends within a millisecond, and the ttl that is left otherwise', async () => {
    const store = scripted(async () => undefined);
    const answers = new SharedAnswers(store, 'p:', () => NOW);
    await answers.write('a', 'inactive', NOW);
    await answers.write('b', 'inactive', NOW + 1);
    expect(store.sets).toEqual([[keyOf('b'), JSON.stringify({ until: NOW + 1, answer: { active: false } }), 1]]);
  });

  it('keeps going when the store fails to write', async () => {
    const store = new MemoryStore();
    store.set = () => Promise.reject(new Error('down'));
    await expect(new SharedAnswers(store, 'p:', () => NOW).write('a', 'inactive', NOW + 10)).resolves.toBeUndefined();
  });

  it.each([
    ['a store that throws', () => Promise.reject(new Error('down'))],
    ['nothing', async () => undefined],
    ['text that is not JSON', async () => 'nope'],
    ['JSON that is not an object', async () => '[1]'],
    ['no until', async () => JSON.stringify({ answer: { active: true } })],
    [
      'an until that is not a number',
      async () => JSON.stringify({ until: String(NOW + 10), answer: { active: true } }),
    ],
    ['an until that has passed', async () => JSON.stringify({ until: NOW, answer: { active: true } })],
    ['no answer', async () => JSON.stringify({ until: NOW + 10 })],
    ['an answer that is a list', async () => JSON.stringify({ until: NOW + 10, answer: [true] })],
    ['an answer without a boolean active', async () => JSON.stringify({ until: NOW + 10, answer: { active: 'yes' } })],
  ])('reads %s as unknown', async (_name, get) => {
    expect(await new SharedAnswers(scripted(get), 'p:', () => NOW).read('tok')).toBeUndefined();
  });

  it('reads an answer whose until is the next millisecond', async () => {
    const get = async () => JSON.stringify({ until: NOW + 1, answer: { active: false } });
    expect(await new SharedAnswers(scripted(get), 'p:', () => NOW).read('tok')).toEqual({
      answer: 'inactive',
      until: NOW + 1,
    });
  });
});
