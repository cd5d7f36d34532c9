import { describe, expect, it } from 'vitest';
import { withPrefixes } from '../../shared/nlp/entities/features.ts';
import { KeyTable } from '../../shared/nlp/entities/key-table.ts';
import { KnownWords } from '../../shared/nlp/entities/known-words.ts';

/** A table of `groups` (value -> keys one a line), laid out as the model file holds them. */
function tableOf(groups: Array<[number, string[]]>, prefix?: number): KeyTable<number> {
  const text = groups.map(([, keys]) => keys.join('\n')).join('\n');
  const table = new KeyTable<number>(text, text.split(/[\n ]/).length);
  let from = 0;
  for (const [value, keys] of groups) {
    const joined = keys.join('\n');
    table.addLines(from, from + joined.length, () => value);
    from += joined.length + 1;
  }
  if (prefix !== undefined) table.addPrefixes(prefix);
  return table;
}

/** Keys that are alike, long and short, non-ASCII, empty, and many enough that slots collide. */
const GROUPS: Array<[number, string[]]> = [
  [1, ['paris', 'new york', 'new york city', 'são paulo', '']],
  [2, ['par', 'pari', 'parisian', 'la paz', 'new']],
  [3, Array.from({ length: 300 }, (_, i) => `w${i}`)],
];

describe('key tables', () => {
  it('answer every key with its value, as a Map would', () => {
    const table = tableOf(GROUPS);
    const map = new Map(GROUPS.flatMap(([value, keys]) => keys.map((key) => [key, value] as const)));

    for (const key of [...map.keys(), 'pa', 'parisx', 'new york ci', 'w300', 'sao paulo', 'W1', ' ']) {
      expect(table.get(key)).toBe(map.get(key));
    }
  });

  it('add the prefixes of multi-word keys as features.ts withPrefixes does, keeping the value of a prefix that is a key', () => {
    const table = tableOf(GROUPS, 0);
    const map = withPrefixes(new Map(GROUPS.flatMap(([value, keys]) => keys.map((key) => [key, value] as const))));

    expect(table.get('new')).toBe(2);
    expect(table.get('new york')).toBe(1);
    expect(table.get('la')).toBe(0);
    expect(new Map(Array.from(table.keys(), (key) => [key, table.get(key)]))).toEqual(map);
  });

  it('list keys and values in the order they were added', () => {
    const table = tableOf([[7, ['b', 'a']], [8, ['c']]]);
    const seen: Array<[string, number]> = [];

    table.forEach((value, key) => seen.push([key, value]));

    expect(seen).toEqual([['b', 7], ['a', 7], ['c', 8]]);
    expect([...table.keys()]).toEqual(['b', 'a', 'c']);
  });

  it('give the known-word filter their keys through the hashes they keep, prefixes included', () => {
    const table = tableOf(GROUPS, 0);

    const known = new KnownWords([table]);

    expect([...table.keys()].every((key) => known.mayHold(key))).toBe(true);
    expect(known.mayHold('new york')).toBe(true);
    expect(known.mayHold('são')).toBe(true);
    expect(['w300', 'zqxj', 'paulo', 'york city'].filter((key) => known.mayHold(key))).toEqual([]);
  });
});
