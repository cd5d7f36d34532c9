import { ANALYZER_VERSION } from '../shared/nlp/analysis.ts';
import { IsolatedAnalyzer } from '../shared/pipeline/isolated-analysis.ts';
import { isOutdated, reanalyzeArticle, type ReanalyzeOutcome } from '../shared/pipeline/reanalyze.ts';
import { ArticleStore, type StoredArticleRef } from '../shared/store/articles.ts';
import { TextStore } from '../shared/store/texts.ts';
import { ProgressBar } from './progress.ts';
import type { Target } from './targets.ts';

export interface ReanalyzeOptions {
  /** Articles started per second, at most: the table and the bucket see a bounded load. */
  rate: number;
  concurrency: number;
  /** Stops early (for interruption); whatever was done stays done, and a new run resumes. */
  signal?: AbortSignal;
  progress?: boolean;
}

export interface ReanalyzeSummary {
  analyzerVersion: string;
  scanned: number;
  outdated: number;
  updated: number;
  changedMeanwhile: number;
  objectGone: number;
  interrupted: boolean;
}

/**
 * Re-processes every stored article whose record an older analyzer wrote. Resumable by design:
 * a re-analyzed record carries the new analyzer version, so the next run skips it.
 */
export async function reanalyzeAll(target: Target, options: ReanalyzeOptions): Promise<ReanalyzeSummary> {
  const store = new ArticleStore(target.dynamo, target.table);
  const outdated: StoredArticleRef[] = [];
  let scanned = 0;
  for await (const ref of store.storedArticles()) {
    scanned++;
    if (isOutdated(ref.analyzerVersion)) outdated.push(ref);
  }
  const counts: Record<ReanalyzeOutcome, number> = { updated: 0, 'changed-meanwhile': 0, 'object-gone': 0 };
  const bar = options.progress ? new ProgressBar('reanalyze', outdated.length) : undefined;
  const texts = new TextStore(target.s3, target.textBucket);
  // the processor's budget: an article over it gets its TOO_COMPLEX record here too, instead of stalling the run
  const analyzer = new IsolatedAnalyzer();
  const deps = { s3: target.s3, store, texts, log: quietLog, analyze: analyzer.analyze.bind(analyzer) };
  const pace = paced(options.rate);
  let next = 0;
  const worker = async () => {
    while (next < outdated.length && !options.signal?.aborted) {
      const ref = outdated[next++];
      await pace();
      counts[await reanalyzeArticle(ref, target.bucket, deps)]++;
      bar?.tick();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker)).finally(() => analyzer.close());
  bar?.finish();
  return {
    analyzerVersion: ANALYZER_VERSION,
    scanned,
    outdated: outdated.length,
    updated: counts.updated,
    changedMeanwhile: counts['changed-meanwhile'],
    objectGone: counts['object-gone'],
    interrupted: options.signal?.aborted ?? false,
  };
}

/** Spaces calls to at most `perSecond`, shared by all workers. */
function paced(perSecond: number): () => Promise<void> {
  const interval = 1000 / perSecond;
  let nextSlot = performance.now();
  return async () => {
    const now = performance.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + interval;
    if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
  };
}

const quietLog = {
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`lede: ${message}\n`),
  error: (message: string, error?: Error) => process.stderr.write(`lede: ${message}: ${error?.message ?? ''}\n`),
} as never;
