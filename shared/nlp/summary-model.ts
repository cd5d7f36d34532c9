/**
 * The shipped sentence-scoring model of `summarize.ts`: per text layout, one weight per feature
 * of `FEATURE_NAMES` and the redundancy threshold. `initial` is hand-set (lead position first,
 * then centrality and overlap); the layout weights are fitted from it by
 * `npm run bench:summary -- --fit` (coordinate ascent on ROUGE-1 + ROUGE-2 of the chosen
 * summaries, on the CNN/DM and CNN Corpus dev sets; cross-validated figures in docs/summarizer.md).
 */
export type Layout = 'paragraphs' | 'block';

export const INITIAL_WEIGHTS: readonly number[] = [0, 3, 1.5, 1, 1, -0.5, 0.2, -0.5, -0.2, 0.5, 0.5, 0.3, 0.3, -0.3, -0.3, -0.3, 0.1, 0, -0.3, 0, 0, 0, 0];

export const SUMMARY_MODEL: Record<Layout, { weights: readonly number[]; redundancy: number }> = {
  paragraphs: { weights: INITIAL_WEIGHTS, redundancy: 0.6 },
  block: { weights: INITIAL_WEIGHTS, redundancy: 0.6 },
};
