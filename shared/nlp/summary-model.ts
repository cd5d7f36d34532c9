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
    weights: [-1.9991, -1.6412, -0.7048, -0.3407, 1.7618, -3.8317, -1.3821, -0.2406, -0.1868, 1.1074, 0.2355, -0.1233, 0.3306, -0.4796, 0.2703, 0.0824, 0.4797, 0.3443, -0.4888, -0.1475, -0.0064, -0.0066, 0.5759, -0.2865],
    redundancy: 0.6,
    fitted: true,
  },
  block: { weights: INITIAL_WEIGHTS, redundancy: 0.6, fitted: false },
};
