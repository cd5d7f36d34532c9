import { SUMMARY_MODEL, type Layout } from './summary-model.ts';
import { candidateFeatures, dot, type Candidates } from './summary-features.ts';
import { selectSet, SET_MAX_SENTENCES } from './summary-sets.ts';
import type { ArticleDocument } from './document.ts';
import { wordCount } from './tokens.ts';
import type { Sentence } from './types.ts';

export interface SummaryOptions {
  maxSentences: number;
  maxWords: number;
  title?: string | null;
  /** Feature weights of the sentence score (defaults to the shipped model, `summary-model.ts`). */
  weights?: readonly number[];
  /** A candidate is dropped when this share of its content words is already in the summary. */
  redundancy?: number;
  /**
   * Take the leading sentences that fit, unscored: for text not in English, which the scores'
   * stems, stop words and capitals (and the weights, fit on English news) do not read.
   */
  lead?: boolean;
}

export const DEFAULT_SUMMARY_OPTIONS: SummaryOptions = { maxSentences: 3, maxWords: 120 };

/**
 * Chooses the summary sentences, returned in article order. Text scraped into one block gets the
 * best-scoring set of 2-3 leading candidates (summary-sets.ts, a bounded search); otherwise each
 * content sentence gets a learned linear score (position, length, centrality, title/lead/entity
 * overlap, quotes) and the best are taken greedily, skipping any mostly covered by those already
 * taken and any that would overrun the word budget. Cost: linear features plus one sort, O(n log n).
 */
export function summarize(doc: ArticleDocument, options: SummaryOptions = DEFAULT_SUMMARY_OPTIONS): Sentence[] {
  const { text, sentences } = doc;
  const maxSentences = options.maxSentences ?? DEFAULT_SUMMARY_OPTIONS.maxSentences;
  const maxWords = options.maxWords ?? DEFAULT_SUMMARY_OPTIONS.maxWords;
  if (maxSentences <= 0 || maxWords <= 0) return [];
  const model = SUMMARY_MODEL[layoutOf(text)];
  const weights = options.weights ?? model.weights;
  const redundancy = options.redundancy ?? model.redundancy;
  const c = candidateFeatures(doc, options.title);
  const setWeights = options.weights ? undefined : model.setWeights;
  const picked = options.lead
    ? leadingSentences(c, maxSentences, maxWords)
    : ((setWeights && maxSentences <= SET_MAX_SENTENCES ? selectSet(c, setWeights, maxSentences, maxWords) : null) ??
      selectSentences(c, weights, redundancy, maxSentences, maxWords));
  if (picked.length === 0 && c.sentences.length === 0) {
    // No regular sentence: fall back to the first sentence-kind unit that fits.
    const first = sentences.find((s) => s.kind === 'sentence' && wordCount(s.text) <= maxWords);
    return first ? [first] : [];
  }
  return picked.map((i) => c.sentences[i]);
}

/**
 * Paragraphed text (line breaks between paragraphs) and text scraped into one block (captions and
 * pull quotes run into the story) reward different sentences: each layout has its own weights.
 */
export function layoutOf(text: string): Layout {
  return /\n/.test(text.trim()) ? 'paragraphs' : 'block';
}

/** Indices of the first candidates that fit the budget, in article order. */
function leadingSentences(c: Candidates, maxSentences: number, maxWords: number): number[] {
  const picked: number[] = [];
  let used = 0;
  for (let i = 0; i < c.sentences.length && picked.length < maxSentences; i++) {
    if (used + c.words[i] > maxWords) continue;
    picked.push(i);
    used += c.words[i];
  }
  return picked;
}

/** Indices (article order) of the candidates chosen: best score first, skipping redundant ones and any over the word budget. */
export function selectSentences(
  c: Candidates,
  weights: readonly number[],
  redundancy: number,
  maxSentences: number,
  maxWords: number,
): number[] {
  const order = c.features
    .map((x, i) => ({ i, score: dot(weights, x) }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const picked: number[] = [];
  // by stem id: in a sentence already picked
  const covered = new Uint8Array(c.stemDf.length);
  let used = 0;
  for (const { i } of order) {
    if (picked.length >= maxSentences) break;
    if (used + c.words[i] > maxWords) continue;
    const distinct = c.stemIds[i];
    let seen = 0;
    for (const id of distinct) seen += covered[id];
    if (distinct.length && seen / distinct.length > redundancy) continue;
    picked.push(i);
    used += c.words[i];
    for (const id of distinct) covered[id] = 1;
  }
  return picked.sort((a, b) => a - b);
}
