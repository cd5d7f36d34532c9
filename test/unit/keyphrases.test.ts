import { describe, expect, it } from 'vitest';
import { ArticleDocument } from '../../shared/nlp/document.ts';
import { extractKeyphrases } from '../../shared/nlp/keyphrases.ts';
import { splitSentences } from '../../shared/nlp/sentences.ts';

const STORY =
  'The city of Harbourton switched on its first tidal power plant on Wednesday. ' +
  'The tidal power plant uses twelve underwater turbines built by Marine Energy Group. ' +
  'Mayor Ana Ruiz said the tidal power plant would supply cheap electricity. ' +
  'Marine Energy Group said the turbines would last thirty years. ' +
  'Critics said the underwater turbines could harm fish in the bay, and Ana Ruiz promised a study.';

describe('extractKeyphrases', () => {
  it('returns scored noun phrases and names, best first', () => {
    // prepare
    const sentences = splitSentences(STORY);
    // act
    const phrases = extractKeyphrases(new ArticleDocument(STORY, sentences), { max: 10, title: 'Harbourton opens tidal power plant' });
    // assert
    const texts = phrases.map((p) => p.text);
    expect(texts[0].toLowerCase()).toBe('tidal power plant');
    expect(texts).toContain('Marine Energy Group');
    expect(texts).toContain('Ana Ruiz');
    expect(texts.map((t) => t.toLowerCase())).toContain('underwater turbines');
    for (let i = 1; i < phrases.length; i++) expect(phrases[i].score).toBeLessThanOrEqual(phrases[i - 1].score);
    expect(phrases[0].score).toBe(1);
  });

  it('leaves out stop words, reporting verbs and fragments', () => {
    // prepare
    const sentences = splitSentences(STORY);
    // act
    const texts = extractKeyphrases(new ArticleDocument(STORY, sentences), { max: 10 }).map((p) => p.text.toLowerCase());
    // assert
    for (const bad of ['the', 'said', 'would', 'wednesday', 'of', 'on']) expect(texts).not.toContain(bad);
    for (const t of texts) expect(t).not.toMatch(/^(?:the|of|and|said)\b|\b(?:the|of|and|said)$/);
  });

  it('respects max and handles empty text', () => {
    // act / assert
    expect(extractKeyphrases(new ArticleDocument(STORY, splitSentences(STORY)), { max: 3 })).toHaveLength(3);
    expect(extractKeyphrases(new ArticleDocument('', []), { max: 10 })).toEqual([]);
  });
});
