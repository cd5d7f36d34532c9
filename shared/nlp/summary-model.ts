/**
 * The shipped sentence-scoring model of `summarize.ts`: per text layout, one weight per feature
 * of `FEATURE_NAMES` and the redundancy threshold.
 *
 * - `INITIAL_WEIGHTS` are hand-set priors (lead position first, then centrality and overlap,
 *   penalties for quotes, dangling openers and very short sentences).
 * - 'paragraphs' (text with line breaks between paragraphs): logistic regression of "is the sentence
 *   in the greedy ROUGE oracle summary", fitted by
 *   `npm run bench:summary -- --fit ../shared/eval/summ/cnndm_dev.jsonl ../shared/eval/summ/cnncorpus_dev.jsonl`
 *   on the 500 CNN Corpus dev stories (5-fold cross-validated figures in docs/summarizer.md).
 * - 'block' (text scraped into one block, as CNN/DailyMail's): the priors as they are, because the
 *   fitted model did worse than them under cross-validation.
 */
export type Layout = 'paragraphs' | 'block';

export const INITIAL_WEIGHTS: readonly number[] = [0, 3, 1.5, 1, 1, -0.5, 0.2, -0.5, -0.2, 0.5, 0.5, 0.3, 0.3, -0.3, -0.3, -0.3, 0.1, 0, -0.3, 0, 0, 0, 0, 0];

export const SUMMARY_MODEL: Record<Layout, { weights: readonly number[]; redundancy: number; fitted: boolean }> = {
  paragraphs: {
    weights: [-1.9856, -1.6423, -0.7081, -0.3577, 1.7425, -3.856, -1.3983, -0.2467, -0.1859, 1.1172, 0.1242, -0.1329, 0.327, -0.4948, 0.2915, 0.0846, 0.483, 0.3452, -0.5122, -0.1237, -0.0006, -0.0111, 0.5824, -0.2006],
    redundancy: 0.6,
    fitted: true,
  },
  block: { weights: INITIAL_WEIGHTS, redundancy: 0.6, fitted: false },
};
