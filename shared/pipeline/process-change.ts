import type { Logger } from '@aws-lambda-powertools/logger';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { comparableSequencer, versionOf, type ObjectChange } from '../events/s3-notifications.ts';
import { failedRecord, toRecord, type ArticleRecord } from '../model/record.ts';
import { analyzeArticle, MAX_ARTICLE_BYTES, type AnalysisOutcome } from '../nlp/analyze.ts';
import type { ArticleStore, SaveResult } from '../store/articles.ts';
import { TextStore } from '../store/texts.ts';

export interface ProcessDeps {
  s3: S3Client;
  store: ArticleStore;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  now?: () => Date;
  /** Where the analyzed texts go; without it (tests of the core path), no text is kept. */
  texts?: TextStore;
  /** Told of every analysis, for metrics. */
  observe?: (observation: AnalysisObservation) => void;
}

export interface AnalysisObservation {
  status: 'ok' | 'failed';
  analysisMs: number;
  bytes: number;
}

export type ProcessOutcome =
  | 'saved' // a record (ok or failed) was written
  | 'deleted' // the article's record was removed
  | 'already-processed' // this change, or a later one, is already stored
  | 'superseded' // the object changed again before it could be read; the later event brings it
  | 'stale'; // a later change was stored while this one was being analyzed

/** Brings the articles table up to date with one S3 change. Throws only on faults worth retrying. */
export async function processObjectChange(change: ObjectChange, deps: ProcessDeps): Promise<ProcessOutcome> {
  if (change.kind === 'removed') {
    if (change.removes === 'version') return resyncAfterVersionDeleted(change, deps);
    const { outcome, replacedTextKey } = await deps.store.markDeleted(change);
    await deps.texts?.delete(replacedTextKey);
    return outcome === 'saved' ? 'deleted' : 'already-processed';
  }
  const stored = await deps.store.compareWithStored(change);
  if (stored === 'same-or-newer') return 'already-processed';
  const analyzed = await analyzeChange(change, deps);
  if (analyzed === 'superseded') return 'superseded';
  const record = await keepText(analyzed, TextStore.keyFor(change.key, comparableSequencer(change.sequencer)), deps.texts);
  const saved = await deps.store.saveRecord(change, record, stored === 'older');
  await dropUnreferencedText(saved, record.textKey, deps.texts);
  deps.log.info('article processed', { status: record.status, outcome: saved.outcome, error: record.error?.code });
  return saved.outcome === 'saved' ? 'saved' : 'stale';
}

/**
 * One version of a versioned object was deleted for good. If it is not the one the record
 * describes, nothing changes. If it is, or the article is deleted (the version may have been its
 * delete marker: an undelete), the key's current version, if any, takes the record's place.
 */
async function resyncAfterVersionDeleted(change: ObjectChange, deps: ProcessDeps): Promise<ProcessOutcome> {
  const stored = await deps.store.storedVersion(change.key);
  if (stored !== undefined && stored !== null && stored !== change.versionId) return 'already-processed';
  const current = await currentVersion(change, deps.s3);
  if (!current) {
    const { outcome, replacedTextKey } = await deps.store.markDeleted(change);
    await deps.texts?.delete(replacedTextKey);
    return outcome === 'saved' ? 'deleted' : 'already-processed';
  }
  return processObjectChange({ ...change, kind: 'created', removes: undefined, ...current }, deps);
}

async function currentVersion(change: ObjectChange, s3: S3Client): Promise<Pick<ObjectChange, 'versionId' | 'eTag' | 'size'> | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: change.bucket, Key: change.key }));
    return { versionId: head.VersionId, eTag: head.ETag?.replace(/"/g, ''), size: head.ContentLength };
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

/** Stores the text the record's offsets index, before the record that points to it. */
export async function keepText(analyzed: AnalyzedChange, textKey: string, texts: TextStore | undefined): Promise<ArticleRecord> {
  if (analyzed.text === undefined || !texts) return analyzed.record;
  await texts.put(textKey, analyzed.text);
  return { ...analyzed.record, textKey };
}

/** After a write, one text is unreferenced: the replaced record's, or ours when the write lost. */
export async function dropUnreferencedText(saved: SaveResult, ownTextKey: string | undefined, texts: TextStore | undefined): Promise<void> {
  if (saved.outcome === 'stale') return texts?.delete(ownTextKey);
  if (saved.replacedTextKey !== ownTextKey) await texts?.delete(saved.replacedTextKey);
}

export interface AnalyzedChange {
  record: ArticleRecord;
  /** The text the record's offsets index, when the analysis got that far. */
  text?: string;
}

/** Reads the object version a change names and analyzes it into the article's record. */
export async function analyzeChange(
  change: ObjectChange,
  deps: Pick<ProcessDeps, 's3' | 'log' | 'now' | 'observe'>,
): Promise<AnalyzedChange | 'superseded'> {
  const analysis = await readAndAnalyze(change, deps);
  if (analysis === 'superseded') return analysis;
  deps.observe?.({ status: analysis.record.status, analysisMs: analysis.analysisMs, bytes: analysis.bytes ?? 0 });
  const record: ArticleRecord = {
    key: change.key,
    version: versionOf(change),
    ...analysis.record,
    uploadedAt: change.eventTime,
    ...(analysis.bytes !== undefined ? { bytes: analysis.bytes } : {}),
  };
  return { record, text: analysis.text };
}

async function readAndAnalyze(
  change: ObjectChange,
  deps: Pick<ProcessDeps, 's3' | 'log' | 'now'>,
): Promise<{ record: ArticleRecord; text?: string; bytes?: number; analysisMs: number } | 'superseded'> {
  const now = deps.now?.() ?? new Date();
  if (change.size !== undefined && change.size > MAX_ARTICLE_BYTES) {
    return { record: failedRecord(tooLarge(change.size), now), bytes: change.size, analysisMs: 0 };
  }
  const object = await readObject(change, deps.s3);
  if (object === 'superseded') return object;
  if ('tooLarge' in object) return { record: failedRecord(tooLarge(object.tooLarge), now), bytes: object.tooLarge, analysisMs: 0 };
  const started = performance.now();
  let outcome: AnalysisOutcome;
  try {
    outcome = analyzeArticle({ bytes: object.bytes, contentType: object.contentType, key: change.key });
  } catch (error) {
    // A bug in the analyzer must not turn into endless retries: the article gets a failed record and the
    // error goes to the log (and to the ArticlesFailed metric).
    deps.log.error('analyzer failed', error as Error);
    outcome = { status: 'failed', error: { code: 'ANALYZER_ERROR', message: 'The analyzer failed on this article; it has been logged.' } };
  }
  const text = outcome.status === 'ok' ? outcome.text : undefined;
  return { record: toRecord(outcome, now), text, bytes: object.bytes.length, analysisMs: performance.now() - started };
}

type ReadResult = { bytes: Uint8Array; contentType?: string } | { tooLarge: number } | 'superseded';

async function readObject(change: ObjectChange, s3: S3Client): Promise<ReadResult> {
  try {
    const response = await s3.send(
      new GetObjectCommand({
        Bucket: change.bucket,
        Key: change.key,
        // Read exactly the version the event names; without versioning, the ETag pins it.
        ...(change.versionId ? { VersionId: change.versionId } : change.eTag ? { IfMatch: `"${change.eTag}"` } : {}),
      }),
    );
    if ((response.ContentLength ?? 0) > MAX_ARTICLE_BYTES) {
      (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
      return { tooLarge: response.ContentLength ?? 0 };
    }
    const bytes = (await response.Body?.transformToByteArray()) ?? new Uint8Array();
    return { bytes, contentType: response.ContentType };
  } catch (error) {
    if (isGone(error)) return 'superseded';
    throw error;
  }
}

function isGone(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return name === 'NoSuchKey' || name === 'NoSuchVersion' || name === 'PreconditionFailed' || status === 404 || status === 412;
}

function tooLarge(size: number) {
  return {
    code: 'TOO_LARGE',
    message: `The object is ${size} bytes; Lede analyzes objects up to ${MAX_ARTICLE_BYTES} bytes (5 MiB).`,
  };
}
