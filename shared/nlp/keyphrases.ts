import type { Keyphrase, Sentence } from './types.ts';

export interface KeyphraseOptions {
  max: number;
  title?: string | null;
}

/**
 * Scores the article's topical phrases.
 * Interim implementation (issue 4 replaces it): frequent longer words.
 */
export function extractKeyphrases(
  text: string,
  _sentences: Sentence[],
  options: KeyphraseOptions = { max: 10 },
): Keyphrase[] {
  const counts = new Map<string, number>();
  for (const [word] of text.toLowerCase().matchAll(/[a-z][a-z-]{5,}/g)) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0) || 1;
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, options.max)
    .map(([word, count]) => ({ text: word, score: Number((count / total).toFixed(4)) }));
}
