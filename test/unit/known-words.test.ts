import { describe, expect, it } from 'vitest';
import { KnownWords } from '../../shared/nlp/entities/known-words.ts';

const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i.toString(36)}`);

describe('known-word filter', () => {
  it('holds every word of every list it was given', () => {
    const lists = [words('paris', 20_000), words('Obama', 20_000), ['', 'new york', '<s>', 'é', '中国']];

    const known = new KnownWords(lists);

    expect(lists.flat().every((w) => known.mayHold(w))).toBe(true);
  });

  it('turns down nearly every word it was not given', () => {
    const known = new KnownWords([words('paris', 30_000)]);

    const others = words('berlin', 10_000).filter((w) => known.mayHold(w)).length;

    expect(others).toBeLessThan(300);
  });
});
