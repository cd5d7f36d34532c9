import type { Sentence } from './types.ts';

export interface SummaryOptions {
  maxSentences: number;
  maxWords: number;
  title?: string | null;
}

export const DEFAULT_SUMMARY_OPTIONS: SummaryOptions = { maxSentences: 3, maxWords: 120 };

/**
 * Chooses the summary sentences, returned in article order.
 * Interim implementation (issue 4 replaces it): the leading sentences within the word budget.
 */
export function summarize(
  _text: string,
  sentences: Sentence[],
  options: SummaryOptions = DEFAULT_SUMMARY_OPTIONS,
): Sentence[] {
  const chosen: Sentence[] = [];
  let words = 0;
  for (const sentence of sentences) {
    if (sentence.kind !== 'sentence') continue;
    const count = sentence.text.split(/\s+/).length;
    if (chosen.length > 0 && words + count > options.maxWords) break;
    chosen.push(sentence);
    words += count;
    if (chosen.length >= options.maxSentences) break;
  }
  return chosen;
}
