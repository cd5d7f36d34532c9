import { describe, expect, it } from 'vitest';
import { contentStemsOf, readTokens as tokens } from '../../shared/nlp/tokens.ts';

const contentStems = (text: string) => contentStemsOf(tokens(text));
import { stem, stopwordSet } from '../../shared/nlp/words.ts';

/** The definitions the hand-written scanners follow, as regular expressions. */
function referenceTokens(text: string): Array<string | null> {
  const out: Array<string | null> = [];
  for (const m of text.matchAll(/([\p{L}\p{N}][\p{L}\p{N}'’-]*)|[^\p{L}\p{N}\s]+/gu)) out.push(m[1] ? m[1].replace(/['’-]+$/, '') : null);
  return out;
}

/** Content stems read over the whole lower-cased text (not token by token). */
function referenceContentStems(text: string): string[] {
  const out: string[] = [];
  for (const [w] of text.toLowerCase().matchAll(/[a-z0-9]+(?:['’][a-z]+)?/g)) {
    if (w.length >= 2 && !stopwordSet().has(w) && !/^\d+$/.test(w)) out.push(stem(w.replace(/['’].*$/, '')));
  }
  return out;
}

const SAMPLES = [
  'The U.S. Navy’s ships -- and Jean-Yves’ café -- sailed at 3.5 knots!',
  "Don't stop: it's İstanbul's 2nd ΟΔΟΣ, 😀 said O'Neill-Smith's aide…",
  '  \u00a0tabs\tand\u2009thin spaces, ’quoted’ -dash- words-- 𝐀𝐁 \ud800 lone',
  'KELVIN \u212a and ǅungla: runners running quickly',
];

describe('tokens', () => {
  it('reads words (trailing quotes and hyphens trimmed) and punctuation runs like the patterns', () => {
    for (const text of SAMPLES) expect(tokens(text).map((t) => (t ? t.word : null))).toEqual(referenceTokens(text));
  });

  it('keeps what the stages need about a word', () => {
    // act
    const [word] = tokens('Obama’s');
    // assert
    expect(word).toMatchObject({ word: 'Obama’s', lower: "obama's", stem: 'obama', upper: true, possessive: true });
  });

  it('reads a plain ASCII word the same way (its stem is its one content stem)', () => {
    // act
    const [running, the, year] = tokens('Running the 2024');
    // assert
    expect(running).toMatchObject({ word: 'Running', lower: 'running', stem: 'run', upper: true, possessive: false, contentStems: ['run'] });
    expect(the?.contentStems).toEqual([]);
    expect(year?.contentStems).toEqual([]);
  });

  it('finds each token\'s own record among many (past the table\'s growth and its size bound)', () => {
    // prepare: 120,000 distinct tokens, then the first ones again
    const raw = Array.from({ length: 120_000 }, (_, i) => `w${i.toString(36)}x`);
    const text = raw.join(' ');
    const again = raw.slice(0, 1000).join(' ');
    // act
    const read = tokens(text).map((t) => t?.word);
    const reread = tokens(again).map((t) => t?.word);
    // assert
    expect(read).toEqual(raw);
    expect(reread).toEqual(raw.slice(0, 1000));
  });
});

describe('contentStems', () => {
  it('gives the stems of reading the whole lower-cased text', () => {
    for (const text of SAMPLES) expect(contentStems(text)).toEqual(referenceContentStems(text));
  });
});

describe('stem', () => {
  it("gives Porter's stems (the `stemmer` package: the same stems as natural's on every dev-corpus word, four times faster)", () => {
    // Prepare
    const words = ['caresses', 'ponies', 'relational', 'conditional', 'hopefulness', 'generalizations', 'running', 'agreed', 'sky'];
    // Act
    const stems = words.map(stem);
    // Assert
    expect(stems).toEqual(['caress', 'poni', 'relat', 'condit', 'hope', 'gener', 'run', 'agre', 'sky']);
  });
});
