import type { S3Event, S3EventRecord } from 'aws-lambda';

/** One change to an object in the articles bucket, as S3 reports it. */
export interface ObjectChange {
  kind: 'created' | 'removed';
  bucket: string;
  /** Decoded object key, as the user named it. */
  key: string;
  versionId?: string;
  eTag?: string;
  size?: number;
  /**
   * For a removal: `object` when the key's current object went (a plain delete, or a delete
   * marker on a versioned bucket), `version` when one version of a versioned object was deleted
   * for good, which may or may not be the version an article's record describes.
   */
  removes?: 'object' | 'version';
  /** S3's per-key ordering token: a later change of a key has a greater sequencer. */
  sequencer: string;
  eventTime: string;
}

export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

/**
 * Parses the body of an SQS message that S3 sent. A message may hold several records; S3's
 * configuration test message (`s3:TestEvent`) holds none.
 */
export function parseS3Notification(body: string): ObjectChange[] {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    throw new MalformedMessageError('The message body is not JSON.');
  }
  if (isTestEvent(message)) return [];
  const records = (message as Partial<S3Event> | null)?.Records;
  if (!Array.isArray(records)) throw new MalformedMessageError('The message holds no S3 event records.');
  return records.map(toObjectChange);
}

function isTestEvent(message: unknown): boolean {
  return (message as { Event?: unknown } | null)?.Event === 's3:TestEvent';
}

function toObjectChange(record: S3EventRecord): ObjectChange {
  const object = record?.s3?.object;
  const bucket = record?.s3?.bucket?.name;
  if (typeof object?.key !== 'string' || typeof bucket !== 'string' || typeof object.sequencer !== 'string') {
    throw new MalformedMessageError('An S3 event record lacks its bucket, key or sequencer.');
  }
  const kind = record.eventName?.startsWith('ObjectRemoved:') ? 'removed' : 'created';
  const removesVersion = record.eventName === 'ObjectRemoved:Delete' && Boolean(object.versionId);
  return {
    kind,
    ...(kind === 'removed' ? { removes: removesVersion ? 'version' : 'object' } : {}),
    bucket,
    key: decodeS3Key(object.key),
    ...(object.versionId ? { versionId: object.versionId } : {}),
    ...(object.eTag ? { eTag: object.eTag } : {}),
    ...(typeof object.size === 'number' ? { size: object.size } : {}),
    sequencer: object.sequencer,
    eventTime: record.eventTime,
  };
}

/** S3 event keys are form-encoded: `+` is a space and `%XX` a UTF-8 byte. */
export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/** The inverse of {@link decodeS3Key}, as S3 writes keys into events (slashes kept). */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}

/** Sequencers are hex strings of varying length; padded, they compare as strings. */
export function comparableSequencer(sequencer: string): string {
  return sequencer.toUpperCase().padStart(32, '0');
}

/** The version an article record refers to: S3's version id where the bucket is versioned, else the ETag. */
export function versionOf(change: ObjectChange): string {
  return change.versionId ?? change.eTag ?? change.sequencer;
}
