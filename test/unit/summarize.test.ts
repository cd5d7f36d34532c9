import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../shared/nlp/sentences.ts';
import { DEFAULT_SUMMARY_OPTIONS, summarize } from '../../shared/nlp/summarize.ts';

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
    const summary = summarize(STORY, sentences, { ...DEFAULT_SUMMARY_OPTIONS, title: 'Harbour city opens its first tidal power plant' });
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
    const text = summarize(STORY, sentences, { maxSentences: 10, maxWords: 500 }).map((s) => s.text).join('\n');
    // assert
    expect(text).not.toMatch(/2,311|Advertisement|newsletter|inbox|\(CNN\)|^Harbour city opens/m);
    expect(text).toContain('The city of Harbourton switched on its first tidal power plant');
  });

  it('respects smaller budgets', () => {
    // prepare
    const sentences = splitSentences(STORY);
    // act
    const one = summarize(STORY, sentences, { maxSentences: 1, maxWords: 120 });
    const tight = summarize(STORY, sentences, { maxSentences: 3, maxWords: 16 });
    // assert
    expect(one).toHaveLength(1);
    expect(tight.reduce((n, s) => n + s.text.split(/\s+/).length, 0)).toBeLessThanOrEqual(16);
  });

  it('handles empty text and a one-line text', () => {
    // act / assert
    expect(summarize('', [], DEFAULT_SUMMARY_OPTIONS)).toEqual([]);
    const line = 'The bridge reopened to traffic on Sunday after repairs.';
    expect(summarize(line, splitSentences(line), DEFAULT_SUMMARY_OPTIONS).map((s) => s.text)).toEqual([line]);
  });

  it('handles a 1 MB article in well under a second', () => {
    // prepare
    const paragraph =
      'The council debated the budget for the harbour district again. Members asked how the tidal plant would be paid for. ' +
      'Officials said the figures would be published next month.\n\n';
    const big = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
    // act
    const started = performance.now();
    const summary = summarize(big, splitSentences(big), DEFAULT_SUMMARY_OPTIONS);
    // assert
    expect(summary.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
