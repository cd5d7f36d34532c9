import { ListObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3EventRecord } from 'aws-lambda';
import { encodeS3Key } from '../shared/events/s3-notifications.ts';
import type { ArticleStore } from '../shared/store/articles.ts';
import type { LocalEventBridge } from './bridge.ts';

export interface ReconcileResult {
  objects: number;
  records: number;
  queuedCreated: number;
  queuedRemoved: number;
}

interface ListedObject {
  eTag: string;
  size: number;
  lastModified: string;
}

/**
 * Brings the table back in line with the bucket after a crash: events that were queued but not
 * processed died with the process, so every object without a record of its current content is
 * queued as created, and every record without an object as removed. Both go through the same
 * ordering checks as live events, so nothing is processed twice.
 */
export async function reconcile(bridge: LocalEventBridge, s3: S3Client, store: ArticleStore, bucket: string): Promise<ReconcileResult> {
  // Records first, then objects: an upload processed in between then shows as an object without
  // a record (a harmless re-process), never as a record without an object (a wrong deletion).
  const records = new Map<string, string | undefined>();
  for await (const ref of store.storedArticles()) records.set(ref.key, ref.s3ETag);
  const objects = await listObjects(s3, bucket);
  let queuedCreated = 0;
  let queuedRemoved = 0;
  for (const [key, object] of objects) {
    if (records.has(key) && records.get(key) === object.eTag) continue;
    bridge.enqueue(eventRecord(bucket, key, 'ObjectCreated:Put', bridge.nextSequencer(), object));
    queuedCreated++;
  }
  for (const key of records.keys()) {
    if (objects.has(key)) continue;
    bridge.enqueue(eventRecord(bucket, key, 'ObjectRemoved:Delete', bridge.nextSequencer()));
    queuedRemoved++;
  }
  return { objects: objects.size, records: records.size, queuedCreated, queuedRemoved };
}

/** ListObjects (v1, by marker): s3rver's v2 continuation tokens need a cipher OpenSSL 3 disables. */
async function listObjects(s3: S3Client, bucket: string): Promise<Map<string, ListedObject>> {
  const objects = new Map<string, ListedObject>();
  let marker: string | undefined;
  do {
    const page = await s3.send(new ListObjectsCommand({ Bucket: bucket, Marker: marker, MaxKeys: 1000 }));
    for (const object of page.Contents ?? []) {
      if (!object.Key) continue;
      objects.set(object.Key, {
        eTag: (object.ETag ?? '').replace(/"/g, ''),
        size: object.Size ?? 0,
        lastModified: (object.LastModified ?? new Date()).toISOString(),
      });
    }
    marker = page.IsTruncated ? page.Contents?.at(-1)?.Key : undefined;
  } while (marker);
  return objects;
}

function eventRecord(bucket: string, key: string, eventName: string, sequencer: string, object?: ListedObject): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: object?.lastModified ?? new Date().toISOString(),
    eventName,
    userIdentity: { principalId: 'lede-reconcile' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'reconcile', 'x-amz-id-2': 'reconcile' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'lede-reconcile',
      bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
      object: { key: encodeS3Key(key), sequencer, ...(object ? { eTag: object.eTag, size: object.size } : {}) },
    },
  } as S3EventRecord;
}
