/**
 * The shipped sentence-scoring model of `summarize.ts`: per text layout, one weight per feature
 * of `FEATURE_NAMES` and the redundancy threshold.
 *
 * - `INITIAL_WEIGHTS` are hand-set priors (lead position first, then centrality and overlap,
 *   penalties for quotes, dangling openers and very short sentences).
 * - 'paragraphs' (text with line breaks between paragraphs): fitted from the priors by
 *   `npm run bench:summary -- --fit ../shared/eval/summ/cnndm_dev.jsonl ../shared/eval/summ/cnncorpus_dev.jsonl`
 *   (coordinate ascent on ROUGE-1 + ROUGE-2; 5-fold cross-validated figures in docs/summarizer.md).
 * - 'block' (text scraped into one block, as CNN/DailyMail's): the priors as they are, because
 *   fitting did not beat them under cross-validation.
 */
export type Layout = 'paragraphs' | 'block';

export const INITIAL_WEIGHTS: readonly number[] = [0, 3, 1.5, 1, 1, -0.5, 0.2, -0.5, -0.2, 0.5, 0.5, 0.3, 0.3, -0.3, -0.3, -0.3, 0.1, 0, -0.3, 0, 0, 0, 0];

export const SUMMARY_MODEL: Record<Layout, { weights: readonly number[]; redundancy: number; fitted: boolean }> = {
  paragraphs: {
    weights: [0, 3.2, -0.15, 3.5, 1, -0.4, -0.05, -2, -0.35, 0.5, -1.15, 0.25, 0.15, -0.8, -0.2, -0.2, 1.1, 0, -0.8, 0.1, 0, 0, 0],
    redundancy: 0.6,
    fitted: true,
  },
  block: { weights: INITIAL_WEIGHTS, redundancy: 0.6, fitted: false },
};
