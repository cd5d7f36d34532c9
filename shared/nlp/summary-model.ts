/**
 * The shipped summary model (`summarize.ts`, `summary-sets.ts`): per text layout, one weight per
 * feature of `FEATURE_NAMES`, the redundancy threshold and, for one-block text, the set weights.
 *
 * - `INITIAL_WEIGHTS` are hand-set priors (lead position first, then centrality and overlap,
 *   penalties for quotes, dangling openers and very short sentences).
 * - 'paragraphs' (text with line breaks between paragraphs): logistic regression of "is the sentence
 *   in the greedy ROUGE oracle summary", fitted by
 *   `npm run bench:summary -- --fit ../shared/eval/summ/cnndm_dev.jsonl ../shared/eval/summ/cnncorpus_dev.jsonl`
 *   on the 500 CNN Corpus dev stories (5-fold cross-validated figures in docs/summarizer.md).
 * - 'block' (text scraped into one block, as CNN/DailyMail's): the summary is chosen as a set
 *   (`selectSet` in summary-sets.ts) with `setWeights` (one per `SET_FEATURE_NAMES`), fitted by the
 *   same `--fit` command (ListNet, tau 0.05, L2 1) on the 250 CNN/DM dev stories, the only block
 *   texts there (5-fold cross-validated figures in docs/summarizer.md). The sentence `weights`
 *   stay the hand-set priors: they serve the greedy selection, used when the caller passes its own
 *   `weights`, asks for more than 3 sentences, or no set fits the budget.
 */
export type Layout = 'paragraphs' | 'block';

export const INITIAL_WEIGHTS: readonly number[] = [0, 3, 1.5, 1, 1, -0.5, 0.2, -0.5, -0.2, 0.5, 0.5, 0.3, 0.3, -0.3, -0.3, -0.3, 0.1, 0, -0.3, 0, 0, 0, 0, 0];

export interface LayoutModel {
  /** Sentence-score weights (`FEATURE_NAMES`), for the greedy selection. */
  weights: readonly number[];
  redundancy: number;
  fitted: boolean;
  /** Set-score weights (`SET_FEATURE_NAMES`): when present, summaries of ≤ 3 sentences are chosen as a set. */
  setWeights?: readonly number[];
}

export const SUMMARY_MODEL: Record<Layout, LayoutModel> = {
  paragraphs: {
    weights: [-1.985, -1.6273, -0.701, -0.3544, 1.7312, -3.8572, -1.4006, -0.2407, -0.1895, 1.1212, 0.1223, -0.1218, 0.3163, -0.4993, 0.3006, 0.0832, 0.4813, 0.3465, -0.5169, -0.1048, -0.0026, -0.011, 0.5851, -0.1864],
    redundancy: 0.6,
    fitted: true,
  },
  block: {
    weights: INITIAL_WEIGHTS,
    redundancy: 0.6,
    fitted: false,
    setWeights: [0.2107, 0.4348, 0.2384, 0.1073, -0.1351, -0.2387, -0.3077, -0.429, 0, 0.1205, 0.4486, -0.3659, 1.1445, 1.1809, -0.108, -0.059, 0.1033, -0.2565, -0.1845, 0.1304, -0.3085, -0.1631, 0.2223, 0.5582, 0, -0.002],
  },
};
