import { describe, expect, it } from 'vitest';
import { ArticleDocument } from '../../shared/nlp/document.ts';
import { splitSentences } from '../../shared/nlp/sentences.ts';
import { candidateFeatures } from '../../shared/nlp/summary-features.ts';
import { candidateSets, SET_CANDIDATES, SET_FEATURE_NAMES, setFeatures } from '../../shared/nlp/summary-sets.ts';
import { DEFAULT_SUMMARY_OPTIONS, layoutOf, summarize } from '../../shared/nlp/summarize.ts';
import { SUMMARY_MODEL } from '../../shared/nlp/summary-model.ts';

const STORY = [
  'Harbour city opens its first tidal power plant',
  '',
  '0 2,311',
  '',
  'Harbourton (CNN) -- The city of Harbourton switched on its first tidal power plant on Wednesday, promising cheap electricity for forty thousand homes.',
  '',
  'The plant uses twelve underwater turbines that turn with the incoming and outgoing tide.',
  '',
  'Engineers said the tidal turbines would produce power for at least thirty years.',
  '',
  '- Advertisement -',
  '',
  '"It is a proud day," said Mayor Ana Ruiz, who cut a ribbon on the pier.',
  '',
  'Critics worry that the turbines could harm fish that live in the bay.',
  '',
  'Subscribe to our newsletter',
  'Sign up here to get the latest news delivered directly to your inbox.',
].join('\n');

describe('summarize', () => {
  it('returns whole content sentences in article order within the defaults', () => {
    // prepare
    const sentences = splitSentences(STORY);
    // act
    const summary = summarize(new ArticleDocument(STORY, sentences), { ...DEFAULT_SUMMARY_OPTIONS, title: 'Harbour city opens its first tidal power plant' });
    // assert
    expect(summary.length).toBeGreaterThan(0);
    expect(summary.length).toBeLessThanOrEqual(3);
    const words = summary.reduce((n, s) => n + s.text.split(/\s+/).length, 0);
    expect(words).toBeLessThanOrEqual(120);
    for (let i = 1; i < summary.length; i++) expect(summary[i].begin).toBeGreaterThan(summary[i - 1].begin);
    for (const s of summary) {
      expect(s.kind).toBe('sentence');
      expect(STORY.slice(s.begin, s.end)).toBe(s.text);
    }
  });

  it('never takes headlines, datelines, counters, ad markers or newsletter prompts', () => {
    // prepare
    const sentences = splitSentences(STORY);
    // act
    const text = summarize(new ArticleDocument(STORY, sentences), { maxSentences: 10, maxWords: 500 }).map((s) => s.text).join('\n');
    // assert
    expect(text).not.toMatch(/2,311|Advertisement|newsletter|inbox|\(CNN\)|^Harbour city opens/m);
    expect(text).toContain('The city of Harbourton switched on its first tidal power plant');
  });

  it('respects smaller budgets', () => {
    // prepare
    const sentences = splitSentences(STORY);
    // act
    const one = summarize(new ArticleDocument(STORY, sentences), { maxSentences: 1, maxWords: 120 });
    const tight = summarize(new ArticleDocument(STORY, sentences), { maxSentences: 3, maxWords: 16 });
    // assert
    expect(one).toHaveLength(1);
    expect(tight.reduce((n, s) => n + s.text.split(/\s+/).length, 0)).toBeLessThanOrEqual(16);
  });

  it('handles empty text and a one-line text', () => {
    // act / assert
    expect(summarize(new ArticleDocument('', []), DEFAULT_SUMMARY_OPTIONS)).toEqual([]);
    const line = 'The bridge reopened to traffic on Sunday after repairs.';
    expect(summarize(new ArticleDocument(line, splitSentences(line)), DEFAULT_SUMMARY_OPTIONS).map((s) => s.text)).toEqual([line]);
  });

  it('summarizes a 1 MB article within the rules (its time: npm run bench:throughput)', () => {
    // prepare
    const paragraph =
      'The council debated the budget for the harbour district again. Members asked how the tidal plant would be paid for. ' +
      'Officials said the figures would be published next month.\n\n';
    const big = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
    // act
    const summary = summarize(new ArticleDocument(big, splitSentences(big)), DEFAULT_SUMMARY_OPTIONS);
    // assert
    expect(summary.length).toBeGreaterThan(0);
    expect(summary.length).toBeLessThanOrEqual(3);
    for (const s of summary) expect(big.slice(s.begin, s.end)).toBe(s.text);
  });

  describe('block layout (set search)', () => {
    const BLOCK = [
      'The city of Harbourton switched on its first tidal power plant on Wednesday, promising cheap electricity for forty thousand homes.',
      'The plant uses twelve underwater turbines that turn with the incoming and outgoing tide.',
      'Pictured: the turbines being lowered into the bay last spring.',
      'Engineers said the tidal turbines would produce power for at least thirty years, and the city expects to sell the surplus to its neighbours.',
      'But they admitted the cost of the plant had doubled since the first plans were drawn up six years ago.',
      '"It is a proud day," said Mayor Ana Ruiz, who cut a ribbon on the pier.',
      'Critics worry that the turbines could harm fish and seals that live in the bay.',
      'The power plant will be opened to visitors in the summer, the council said.',
      'A second tidal plant is planned further along the coast.',
      'Harbourton has a population of about ninety thousand.',
    ].join(' ');

    it('chooses whole content sentences in article order within the defaults', () => {
      // prepare
      const sentences = splitSentences(BLOCK);
      // act
      const summary = summarize(new ArticleDocument(BLOCK, sentences), DEFAULT_SUMMARY_OPTIONS);
      // assert
      expect(layoutOf(BLOCK)).toBe('block');
      expect(summary.length).toBeGreaterThan(0);
      expect(summary.length).toBeLessThanOrEqual(3);
      expect(summary.reduce((n, s) => n + s.text.split(/\s+/).length, 0)).toBeLessThanOrEqual(120);
      for (let i = 1; i < summary.length; i++) expect(summary[i].begin).toBeGreaterThan(summary[i - 1].begin);
      for (const s of summary) {
        expect(BLOCK.slice(s.begin, s.end)).toBe(s.text);
        expect(s.text).not.toMatch(/^Pictured/);
      }
    });

    it('looks at a bounded number of sets, each within the budget', () => {
      // prepare
      const c = candidateFeatures(new ArticleDocument(BLOCK, splitSentences(BLOCK)));
      // act
      const sets = candidateSets(c, 3, 120);
      const tight = candidateSets(c, 3, 30);
      // assert
      expect(SUMMARY_MODEL.block.setWeights).toHaveLength(SET_FEATURE_NAMES.length);
      expect(sets.length).toBeLessThanOrEqual(92);
      expect(sets.every((ix) => ix.length <= 3 && ix.every((k) => k < SET_CANDIDATES))).toBe(true);
      expect(tight.every((ix) => ix.reduce((n, k) => n + c.words[k], 0) <= 30)).toBe(true);
      for (const ix of sets) expect(setFeatures(c, ix)).toHaveLength(SET_FEATURE_NAMES.length);
    });

    it('respects smaller budgets and larger sentence counts', () => {
      // prepare
      const sentences = splitSentences(BLOCK);
      // act
      const one = summarize(new ArticleDocument(BLOCK, sentences), { maxSentences: 1, maxWords: 120 });
      const tight = summarize(new ArticleDocument(BLOCK, sentences), { maxSentences: 3, maxWords: 20 });
      const five = summarize(new ArticleDocument(BLOCK, sentences), { maxSentences: 5, maxWords: 500 });
      // assert
      expect(one).toHaveLength(1);
      expect(tight.length).toBeGreaterThan(0);
      expect(tight.reduce((n, s) => n + s.text.split(/\s+/).length, 0)).toBeLessThanOrEqual(20);
      expect(five.length).toBeGreaterThan(3);
      expect(five.length).toBeLessThanOrEqual(5);
    });
  });
});
