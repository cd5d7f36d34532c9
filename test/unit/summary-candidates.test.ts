import { describe, expect, it } from 'vitest';
import { ArticleDocument } from '../../shared/nlp/document.ts';
import { splitSentences } from '../../shared/nlp/sentences.ts';
import { candidateFeatures } from '../../shared/nlp/summary-features.ts';
import { contentStemsOf, readTokens } from '../../shared/nlp/tokens.ts';

const TEXT = [
  'The harbour council approved the tidal plant on Monday after a long debate about tidal power.',
  'Harbour engineers said the tidal turbines would run for thirty years without major repairs.',
  'The council expects the plant to supply power to forty thousand homes across the harbour region.',
].join(' ');

describe('candidateFeatures stem ids', () => {
  it('gives each candidate its distinct stems in first occurrence order, and their document frequency', () => {
    // prepare
    const c = candidateFeatures(new ArticleDocument(TEXT, splitSentences(TEXT)));
    const idOf = new Map<string, number>();
    // act
    const lists = c.sentences.map((s) => [...new Set(contentStemsOf(readTokens(s.text)))]);
    // assert
    expect(c.stemIds).toHaveLength(c.sentences.length);
    lists.forEach((stems, k) => {
      expect(c.stemIds[k]).toHaveLength(stems.length);
      stems.forEach((t, j) => {
        const id = c.stemIds[k][j];
        expect(idOf.get(t) ?? id).toBe(id); // one id per stem across candidates
        idOf.set(t, id);
      });
    });
    for (const [t, id] of idOf) expect(c.stemDf[id]).toBe(lists.filter((stems) => stems.includes(t)).length);
    expect(c.stemDf[idOf.get('harbour')!]).toBe(3);
  });
});
