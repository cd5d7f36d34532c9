import type { S3EventRecord, SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

/** An S3 event record as AWS writes it into an SQS message (key already URL-encoded). */
export function s3EventRecord(overrides: {
  encodedKey: string;
  eventName?: string;
  bucket?: string;
  sequencer?: string;
  eTag?: string;
  versionId?: string;
  size?: number;
  eventTime?: string;
}): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: overrides.eventTime ?? '2026-11-28T10:00:00.000Z',
    eventName: overrides.eventName ?? 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:EXAMPLE' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'REQ', 'x-amz-id-2': 'ID2' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'lede',
      bucket: { name: overrides.bucket ?? 'articles', ownerIdentity: { principalId: 'OWNER' }, arn: 'arn:aws:s3:::articles' },
      object: {
        key: overrides.encodedKey,
        size: overrides.size ?? 100,
        eTag: overrides.eTag ?? 'd41d8cd98f00b204e9800998ecf8427e',
        ...(overrides.versionId ? { versionId: overrides.versionId } : {}),
        sequencer: overrides.sequencer ?? '0062E99A88DC407460',
      },
    },
  } as S3EventRecord;
}

export function sqsMessage(body: string): SQSRecord {
  return {
    messageId: randomUUID(),
    receiptHandle: 'handle',
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'S3', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:articles',
    awsRegion: 'us-east-1',
  };
}

export function sqsEventOf(...records: S3EventRecord[][]): SQSEvent {
  return { Records: records.map((batch) => sqsMessage(JSON.stringify({ Records: batch }))) };
}
