import { describe, expect, it } from 'vitest';
import { NTAGS, baseFeatures, comboFeature, documentFeatures, roleFeatures, type FeatureSink } from '../../shared/nlp/entities/features.ts';
import { Compiled, compiledModel } from '../../shared/nlp/entities/compiled.ts';
import { addDocumentScores, baseScores, type TaggerInput } from '../../shared/nlp/entities/inference.ts';
import { decode } from '../../shared/nlp/entities/decode.ts';
import { featureId, loadModel, WIDTH, type Model } from '../../shared/nlp/entities/model.ts';
import { tokenize } from '../../shared/nlp/entities/tokenize.ts';

// Sample text written for these tests: names, a caps headline, hyphens, multi-word places,
// and tokens that look like the tagger's own markers (`<s>`, `|`).
const TEXT = [
  'FRENCH FISHERMEN BLOCK CALAIS PORT',
  'PARIS - French Foreign Minister Jean-Yves Le Drian met New York Mayor Eric Adams on Tuesday.',
  '"We will not give in," Le Drian told reporters in the United States, after a talk at the U.N. in New York.',
  'The pro-Brussels camp in Saint-Malo said <s> and </s> are not words | nor is a|b or <S>.',
  'Le Drian said Norway and the European Commission had cut the cod catch by 12% since March 2019.',
].join('\n');

/** The tokens' texts sentence by sentence, as the feature templates read them. */
function sentencesOf(tokens: TaggerInput): string[][] {
  return Array.from({ length: tokens.starts.length - 1 }, (_, k) => tokens.norms.slice(tokens.starts[k], tokens.starts[k + 1]));
}

function documentOf(text: string): string[][] {
  return sentencesOf(tokenize(text));
}

/** The tagger's input for sentences of token texts. */
function inputOf(doc: string[][]): TaggerInput {
  const starts = [0];
  for (const sentence of doc) starts.push(starts[starts.length - 1] + sentence.length);
  return { norms: doc.flat(), starts };
}

/** The scores the feature templates give, by looking every feature string up in the model. */
function referenceSums(model: Model, doc: string[][]): Int32Array {
  const n = doc.reduce((a, s) => a + s.length, 0);
  const sums = new Int32Array(n * 2 * NTAGS);
  const add = (t: number, f: string) => {
    const id = featureId(model, f);
    if (id === undefined) return;
    for (let y = 0; y < 2 * NTAGS; y++) sums[t * 2 * NTAGS + y] += model.emit[id * WIDTH + y];
  };
  const sink: FeatureSink = {
    emit: add,
    group(t, role, _j, word) {
      const out: string[] = [];
      roleFeatures(role, word, model.resources, (template, value) => out.push(template + value));
      for (const f of out) add(t, f);
    },
    combo: (t, kind, a, b, c) => add(t, comboFeature(kind, a, b, c)),
    pair: (t, kind, _ja, _jb, a, b) => add(t, comboFeature(kind, a, b, '')),
  };
  baseFeatures(doc, model.resources, sink);
  return sums;
}

/** From sums with a row (WIDTH sums) per token, the rows of the tokens that may be names: the only ones the tagger scores. */
function scoredRows(sums: ArrayLike<number>, rows: Int32Array): number[][] {
  const scored: number[][] = [];
  rows.forEach((row, t) => {
    if (row >= 0) scored.push(Array.from({ length: WIDTH }, (_, y) => sums[t * WIDTH + y]));
  });
  return scored;
}

/** The tagger's own sums (a row per scored token), row by row. */
function rowsOf(sums: ArrayLike<number>): number[][] {
  return Array.from({ length: sums.length / WIDTH }, (_, r) => Array.from({ length: WIDTH }, (_, y) => sums[r * WIDTH + y]));
}

describe('compiled entity features', () => {
  it('sum to exactly the weights of the feature templates', () => {
    const model = loadModel();
    const doc = documentOf(TEXT);

    const compiled = baseScores(inputOf(doc));

    expect(rowsOf(compiled.sums)).toEqual(scoredRows(referenceSums(model, doc), compiled.rows));
  });

  it('score the tokens written with a capital or a digit, connectors next to them, tokens between two of them and every token of a caps sentence', () => {
    const doc = [
      ['the', 'cat', 'sat', 'near', 'Paris', 'in', 'spring', 'of', '2019', 'we', 'met', 'Smith', ',', 'Jones', '.'],
      ['FIRE', 'IN', 'THE', 'HOUSE'],
    ];

    const { rows } = baseScores(inputOf(doc));

    expect(Array.from(rows, (row) => (row >= 0 ? 1 : 0))).toEqual([0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1]);
    expect(Array.from(rows).filter((row) => row >= 0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('give the same sums when the words are met again (cached) as the first time', () => {
    const doc = documentOf(TEXT);

    const first = Array.from(baseScores(inputOf(doc)).sums);
    const again = Array.from(baseScores(inputOf(doc)).sums);

    expect(again).toEqual(first);
  });

  it('sum to exactly the weights of the feature templates for words first met once the known-word filter is on', () => {
    const model = loadModel();
    // a second document builds the filter (compiled.ts `known`); these words appear in no other test
    baseScores(inputOf(documentOf('Warm-up.')));
    baseScores(inputOf(documentOf('Another warm-up.')));
    const doc = documentOf('Mayor Wilhelmina Okonkwo-Bartlett of Lisbon met Frobnicated Quarkworks Ltd in Ouagadougou on Friday, and PARIS-BASED Zyxtrel fell 3%.');

    const compiled = baseScores(inputOf(doc));

    expect(rowsOf(compiled.sums)).toEqual(scoredRows(referenceSums(model, doc), compiled.rows));
  });

  it('give the same sums when plain words come with their text records (words.ts) as when they come as strings', () => {
    const tokens = tokenize(TEXT);

    const viaStrings = Array.from(baseScores({ norms: tokens.norms, starts: tokens.starts }).sums);
    const viaRecords = baseScores(tokens);

    expect(tokens.records.filter(Boolean).length).toBeGreaterThan(20);
    expect(Array.from(viaRecords.sums)).toEqual(viaStrings);
  });

  it('look a record\'s word up again once the word cache has started over', () => {
    const tokens = tokenize(TEXT);
    const before = baseScores(tokens).words;

    compiledModel().reset();
    const after = baseScores(tokens).words;

    const t = tokens.norms.indexOf('Drian');
    expect(after[t]).not.toBe(before[t]);
    expect(after[t]).toBe(compiledModel().word('Drian'));
  });

  it('add exactly the weights of the document-level templates for the second pass', () => {
    const model = loadModel();
    const doc = documentOf(`${TEXT}\nDrian and Adams met in Paris. PARIS and Norway replied. Drian left.`);
    const scores = baseScores(inputOf(doc));
    const before = rowsOf(scores.sums);
    // any first-pass tags will do: alternate a few types so that the vote features fire
    const tags1 = Int32Array.from({ length: scores.words.length }, (_, t) => [0, 1, 3, 5, 0, 2][t % 6]);

    addDocumentScores(scores, tags1);

    // the same sums with a row for every token, as referenceSums lays them out
    const expected = new Int32Array(scores.words.length * WIDTH);
    scores.rows.forEach((row, t) => row >= 0 && expected.set(before[row], t * WIDTH));
    documentFeatures(doc, tags1, (t, f) => {
      const id = featureId(model, f);
      if (id === undefined) return;
      for (let y = 0; y < NTAGS; y++) expected[t * 2 * NTAGS + NTAGS + y] += model.emit[id * WIDTH + NTAGS + y];
    });
    expect(rowsOf(scores.sums)).toEqual(scoredRows(expected, scores.rows));
  });
});

describe('compiled word-pair features', () => {
  it('find a pair feature whose word holds `|` even when the other word is in no other pair', () => {
    // prepare: a tiny model whose only pair feature has a word with `|` in it
    const templates = new Map([['w-1w=', new Map([['a|b|zqx', 0]])]]);
    const weights = { trans: new Float32Array((NTAGS + 1) * NTAGS), scale: 1 };
    const resources = { gazetteer: new Map(), gazetteerMaxLength: 1, lexicon: new Map(), casePrior: new Map(), external: new Map(), externalMaxLength: 1, clusters: new Map() };
    const compiled = new Compiled({ templates, emit: new Int16Array(WIDTH), pass1: weights, pass2: weights, resources });

    const id = compiled.pairId(0, compiled.word('a|b').lower, compiled.word('zqx').lower);

    expect(id).toBe(0);
  });
});

describe('decoding a run between tokens held at O', () => {
  /** Deterministic pseudo-random integer sums, WIDTH a token. */
  function randomSums(n: number, seed: number): Int32Array {
    let state = seed;
    return Int32Array.from({ length: n * WIDTH }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 16) - 32768;
    });
  }

  it('gives the run the tags the whole sentence gets with those neighbours forced to O', () => {
    const c = compiledModel();
    const scale = c.model.pass1.scale;
    // a score that forces a tag: far above any sum of weights
    const force = Math.round(1e4 / scale);
    for (let seed = 1; seed <= 40; seed++) {
      // prepare: 8 tokens; tokens 0 and 7 are forced to O in the whole sentence
      const sums = randomSums(8, seed);
      for (const t of [0, 7]) for (let y = 0; y < NTAGS; y++) sums[t * WIDTH + y] = y === 0 ? force : -force;
      const whole = new Int32Array(8);
      const run = new Int32Array(8);

      decode(sums, 0, scale, 0, 8, c.trans1, whole);
      decode(sums, 0, scale, 1, 7, c.trans1, run, true, true);

      expect(Array.from(run.subarray(1, 7))).toEqual(Array.from(whole.subarray(1, 7)));
    }
  });
});
