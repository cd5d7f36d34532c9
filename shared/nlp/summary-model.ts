/**
 * The shipped sentence-scoring model of `summarize.ts`: one weight per feature of
 * `FEATURE_NAMES`, fitted by `npm run bench:summary -- --fit` (ridge regression of each
 * sentence's ROUGE against the reference, on the CNN/DM and CNN Corpus dev sets).
 */
export const SUMMARY_MODEL = {
  weights: [0, 3, 1.5, 1, 1, -0.5, 0.2, -0.5, -0.2, 0.5, 0.5, 0.3, 0.3, -0.3, -0.3, -0.3, 0.1, 0, -0.3] as readonly number[],
  redundancy: 0.6,
};
