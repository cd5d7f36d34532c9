import type { Logger } from '@aws-lambda-powertools/logger';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { comparableSequencer, versionOf, type ObjectChange } from '../events/s3-notifications.ts';
import { failedRecord, toRecord, type ArticleRecord } from '../model/record.ts';
import { MAX_ARTICLE_BYTES, type AnalysisOutcome, type ArticleSource } from '../nlp/analysis.ts';
import type { ArticleStore, SaveResult } from '../store/articles.ts';
import { TextStore } from '../store/texts.ts';
import { AnalysisDeferredError } from './isolated-analysis.ts';

/** Analyzes one upload; `deadline` (epoch ms) is when the analysis must be over, if anything bounds it. */
export type Analyzer = (source: ArticleSource, options?: { deadline?: number }) => Promise<AnalysisOutcome>;

export interface ProcessDeps {
  s3: S3Client;
  store: ArticleStore;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  now?: () => Date;
  /** Where the analyzed texts go; without it (tests of the core path), no text is kept. */
  texts?: TextStore;
  /** Told of every analysis, for metrics. */
  observe?: (observation: AnalysisObservation) => void;
  /** The processor's is budgeted (isolated-analysis.ts). */
  analyze: Analyzer;
  /** Epoch ms by which an analysis must be over (the invocation's end, less time for the writes). */
  deadline?: number;
}

export interface AnalysisObservation {
  status: 'ok' | 'failed';
  /** The failure's code, for a failed record. */
  errorCode?: string;
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
  let record = await keepText(analyzed, TextStore.keyFor(change.key, comparableSequencer(change.sequencer)), deps.texts);
  let saved: SaveResult;
  try {
    saved = await deps.store.saveRecord(change, record, stored === 'older');
  } catch (error) {
    // A fault (throttling, the network) is retried with the message, and the retry writes the same
    // text key again. A record the table refuses would be refused on every retry: say so instead.
    if (!isRefusedItem(error)) throw error;
    deps.log.error('record refused by the table', error as Error);
    await deps.texts?.delete(record.textKey);
    record = storeRefused(analyzed.record, deps.now?.() ?? new Date());
    saved = await deps.store.saveRecord(change, record, stored === 'older');
  }
  await dropUnreferencedText(saved, record.textKey, deps.texts);
  deps.log.info('article processed', { status: record.status, outcome: saved.outcome, error: record.error?.code });
  return saved.outcome === 'saved' ? 'saved' : 'stale';
}

/** DynamoDB's answer to an item it will never take (too large, a key attribute out of bounds). */
function isRefusedItem(error: unknown): boolean {
  return (error as { name?: string }).name === 'ValidationException';
}

/** The failed record of an analysis the table refused: what identifies the article, and why. */
function storeRefused(refused: ArticleRecord, now: Date): ArticleRecord {
  const { key, version, uploadedAt, bytes } = refused;
  return {
    ...failedRecord({ code: 'STORE_REFUSED', message: 'The analysis could not be stored: the table refused its record. It has been logged.' }, now),
    key,
    version,
    uploadedAt,
    ...(bytes !== undefined ? { bytes } : {}),
  };
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
  deps: Pick<ProcessDeps, 's3' | 'log' | 'now' | 'observe' | 'analyze' | 'deadline'>,
): Promise<AnalyzedChange | 'superseded'> {
  const analysis = await readAndAnalyze(change, deps);
  if (analysis === 'superseded') return analysis;
  const { status, error } = analysis.record;
  deps.observe?.({ status, ...(error ? { errorCode: error.code } : {}), analysisMs: analysis.analysisMs, bytes: analysis.bytes ?? 0 });
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
  deps: Pick<ProcessDeps, 's3' | 'log' | 'now' | 'analyze' | 'deadline'>,
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
    outcome = await deps.analyze({ bytes: object.bytes, contentType: object.contentType, key: change.key }, { deadline: deps.deadline });
  } catch (error) {
    // Too little of the invocation is left for the article's budget: the message goes back to the queue.
    if (error instanceof AnalysisDeferredError) throw error;
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
