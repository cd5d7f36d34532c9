import type { Sentence } from './types.ts';

/**
 * Splits article text into sentences with offsets into `text`.
 * Interim implementation (issue 4 replaces it): splits on terminal punctuation and blank lines.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const paragraph of text.matchAll(/[^\n]+/g)) {
    const base = paragraph.index ?? 0;
    for (const match of paragraph[0].matchAll(/[^.!?]+(?:[.!?]+["'”’)]*|$)/g)) {
      const raw = match[0];
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (!trimmed) continue;
      const begin = base + (match.index ?? 0) + lead;
      sentences.push({ text: trimmed, begin, end: begin + trimmed.length, kind: 'sentence' });
    }
  }
  return sentences;
}
