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
    weights: [-1.9852, -1.6293, -0.7017, -0.3546, 1.7342, -3.8546, -1.4024, -0.2413, -0.1889, 1.1214, 0.1222, -0.1209, 0.3163, -0.4994, 0.3005, 0.083, 0.4813, 0.347, -0.5172, -0.1047, -0.0027, -0.0114, 0.5848, -0.187],
    redundancy: 0.6,
    fitted: true,
  },
  block: { weights: INITIAL_WEIGHTS, redundancy: 0.6, fitted: false },
};
