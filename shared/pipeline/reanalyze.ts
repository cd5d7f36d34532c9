import { ANALYZER_VERSION } from '../nlp/analysis.ts';
import type { ArticleStore, StoredArticleRef } from '../store/articles.ts';
import { TextStore } from '../store/texts.ts';
import { analyzeChange, dropUnreferencedText, keepText, type ProcessDeps } from './process-change.ts';

export type ReanalyzeOutcome = 'updated' | 'changed-meanwhile' | 'object-gone';

/**
 * Re-analyzes the stored article `ref` with the running analyzer, from the exact object version
 * it was made from. Writes only to the table, never to the bucket, so nothing re-triggers.
 */
export async function reanalyzeArticle(
  ref: StoredArticleRef,
  bucket: string,
  deps: Pick<ProcessDeps, 's3' | 'log' | 'now' | 'texts' | 'analyze'> & { store: ArticleStore },
): Promise<ReanalyzeOutcome> {
  const analyzed = await analyzeChange(
    {
      kind: 'created',
      bucket,
      key: ref.key,
      ...(ref.s3VersionId ? { versionId: ref.s3VersionId } : {}),
      ...(ref.s3ETag ? { eTag: ref.s3ETag } : {}),
      sequencer: ref.seq,
      eventTime: ref.uploadedAt ?? new Date(0).toISOString(),
    },
    deps,
  );
  if (analyzed === 'superseded') return 'object-gone';
  const record = await keepText(analyzed, TextStore.keyFor(ref.key, ref.seq), deps.texts);
  const saved = await deps.store.replaceAnalysis(ref, record);
  await dropUnreferencedText(saved, record.textKey, deps.texts);
  return saved.outcome === 'saved' ? 'updated' : 'changed-meanwhile';
}

/** Whether a record was made by an analyzer older than the running one (never downgrades newer ones). */
export function isOutdated(analyzerVersion: string | undefined, current = ANALYZER_VERSION): boolean {
  if (!analyzerVersion) return true;
  const a = analyzerVersion.split('.').map(Number);
  const b = current.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (Number.isNaN(diff)) return analyzerVersion !== current;
    if (diff !== 0) return diff < 0;
  }
  return false;
}
