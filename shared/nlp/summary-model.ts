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
    weights: [-1.9855, -1.673, -0.7074, -0.3693, 1.7608, -3.8507, -1.4005, -0.2471, -0.1816, 1.1144, -0.0687, -0.145, 0.3278, -0.4991, 0.295, 0.0766, 0.4876, 0.3441, -0.388, -0.1356, -0.0072, -0.0099, 0.5813, 0.1069],
    redundancy: 0.6,
    fitted: true,
  },
  block: { weights: INITIAL_WEIGHTS, redundancy: 0.6, fitted: false },
};
