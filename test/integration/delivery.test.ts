import type { SQSBatchResponse, SQSEvent, Context } from 'aws-lambda';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeS3Key } from '../../shared/events/s3-notifications.ts';
import { toRecord, type ArticleRecord } from '../../shared/model/record.ts';
import { ArticleStore } from '../../shared/store/articles.ts';
import { s3EventRecord, sqsEventOf, sqsMessage } from '../helpers/events.ts';
import { sampleArticle, startTestStack, type TestStack } from '../helpers/local-stack.ts';
import { lambdaContext } from '../../local/context.ts';

let stack: TestStack;
let processor: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
let dynamo: typeof import('../../shared/aws/clients.ts').dynamo;
const MAX_RECEIVES = 3;

beforeAll(async () => {
  stack = await startTestStack({ maxReceives: MAX_RECEIVES });
  // The same module instances the stack runs: the handler and its DynamoDB client.
  ({ handler: processor } = await import('../../functions/processor.ts'));
  ({ dynamo } = await import('../../shared/aws/clients.ts'));
});

afterAll(async () => {
  await stack?.close();
});

afterEach(() => {
  dynamo.middlewareStack.remove('inject-throttle');
});

const invoke = (event: SQSEvent) => processor(event, lambdaContext('lede-processor', 60_000));

/** Uploads an object and returns the ETag S3 gives it, to build events for it by hand. */
async function uploadQuietly(key: string, body: string): Promise<string> {
  await stack.upload(key, body);
  await stack.bridge.whenIdle();
  const record = await stack.record(key);
  return record!.version!;
}

/** Makes the next `times` DynamoDB calls fail as a throttled table does; the SDK's own retries do not see it. */
function throttleDynamo(times: number, commands: string[] = ['PutCommand', 'BatchWriteCommand', 'PutItemCommand', 'BatchWriteItemCommand']): void {
  failDynamo(times, commands, 'ProvisionedThroughputExceededException', 'Rate of requests exceeds the allowed throughput.');
}

/** Makes the next `times` calls of `commands` fail with a DynamoDB error the emulator would not give here. */
function failDynamo(times: number, commands: string[], name: string, message: string): void {
  let left = times;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (left > 0 && commands.includes(context.commandName ?? '')) {
        left--;
        throw Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
      }
      return next(args);
    },
    { step: 'initialize', name: 'inject-throttle' },
  );
}

describe('at-least-once delivery', () => {
  it('writes once when the same event arrives twice', async () => {
    // Prepare
    const key = 'twice/story.txt';
    const eTag = await uploadQuietly(key, sampleArticle('Minsk'));
    const before = await stack.record(key);
    const event = sqsEventOf([s3EventRecord({ encodedKey: encodeS3Key(key), eTag, sequencer: 'FFFFFFFFFFFFFFFFFF' })]);
    // Act
    const first = await invoke(event);
    const afterFirst = await stack.record(key);
    const second = await invoke(event);
    const afterSecond = await stack.record(key);
    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(afterFirst).not.toEqual(before);
    expect(afterSecond).toEqual(afterFirst);
  });

  it('never lets an older version overwrite a newer one', async () => {
    // Prepare: the newer upload is processed first
    const key = 'order/story.txt';
    const eTag = await uploadQuietly(key, sampleArticle('Tallinn'));
    const newer = await stack.record(key);
    const stale = sqsEventOf([s3EventRecord({ encodedKey: encodeS3Key(key), eTag, sequencer: '0000000000000001' })]);
    // Act
    const response = await invoke(stale);
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(await stack.record(key)).toEqual(newer);
  });

  it('does not revive an article when its creation event arrives after its deletion', async () => {
    // Prepare
    const key = 'late/story.txt';
    const eTag = await uploadQuietly(key, sampleArticle('Riga'));
    await stack.remove(key);
    await stack.bridge.whenIdle();
    const late = sqsEventOf([s3EventRecord({ encodedKey: encodeS3Key(key), eTag, sequencer: '0000000000000002' })]);
    // Act
    await invoke(late);
    // Assess
    expect(await stack.record(key)).toBeUndefined();
  });

  it('processes every record of every message in a batch', async () => {
    // Prepare
    const keys = ['batch/one.txt', 'batch/two two.txt', 'batch/three.txt'];
    const before: (ArticleRecord | undefined)[] = [];
    for (const key of keys) {
      await uploadQuietly(key, sampleArticle('Vilnius'));
      before.push(await stack.record(key));
    }
    // Act: the three changes again with later sequencers, two in one message and one in another
    const records = keys.map((key, i) =>
      s3EventRecord({ encodedKey: encodeS3Key(key), eTag: before[i]!.version, sequencer: `F${'0'.repeat(20)}${i}` }),
    );
    const response = await invoke(sqsEventOf(records.slice(0, 2), records.slice(2)));
    // Assess: every record was written again, from its event (whose time the factory sets)
    expect(response.batchItemFailures).toEqual([]);
    for (const [i, key] of keys.entries()) {
      const after = await stack.record(key);
      expect(before[i]!.uploadedAt).not.toBe('2026-11-28T10:00:00.000Z');
      expect(after!.uploadedAt).toBe('2026-11-28T10:00:00.000Z');
    }
  });

  it('ignores the test event S3 sends when notifications are configured', async () => {
    const response = await invoke({ Records: [sqsMessage(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }))] });
    expect(response.batchItemFailures).toEqual([]);
  });
});

describe('deleting one version of a versioned object', () => {
  it('keeps the article while its object still exists', async () => {
    // Prepare
    const key = 'versions/kept.txt';
    await uploadQuietly(key, sampleArticle('Vitebsk'));
    const event = sqsEventOf([
      s3EventRecord({ encodedKey: encodeS3Key(key), eventName: 'ObjectRemoved:Delete', versionId: 'an-old-version', sequencer: 'FF00000000000000000001' }),
    ]);
    // Act
    const response = await invoke(event);
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect((await stack.record(key))?.status).toBe('ok');
  });

  it('deletes the article when no version of the object is left', async () => {
    // Prepare: a record whose object no longer exists in any version (its own events long gone)
    const key = 'versions/gone.txt';
    const store = new ArticleStore(dynamo, stack.tableName);
    const record = toRecord({ status: 'ok', title: 'Gone', language: 'en', languageConfidence: 1, wordCount: 1, summary: [], entities: [], keyphrases: [] });
    await store.saveRecord({ kind: 'created', bucket: 'articles', key, versionId: 'the-last-version', sequencer: '01', eventTime: '2026-11-28T10:00:00.000Z' }, { key, ...record }, false);
    expect((await stack.get(`/articles/${key}`)).status).toBe(200);
    const event = sqsEventOf([
      s3EventRecord({ encodedKey: encodeS3Key(key), eventName: 'ObjectRemoved:Delete', versionId: 'the-last-version', sequencer: 'FF00000000000000000002' }),
    ]);
    // Act
    const response = await invoke(event);
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect((await stack.get(`/articles/${key}`)).status).toBe(404);
  });
});

describe('faults', () => {
  it('retries a throttled write and then stores the article', async () => {
    // Prepare
    throttleDynamo(1);
    // Act
    await stack.upload('faults/throttled.txt', sampleArticle('Gdansk'));
    const record = await stack.record('faults/throttled.txt');
    // Assess
    expect(record?.error).toBeUndefined();
    expect(record?.status).toBe('ok');
    expect(stack.bridge.deadLetters).toEqual([]);
  });

  it('reports only the failed message of a batch', async () => {
    // Prepare
    const good = await uploadQuietly('faults/good.txt', sampleArticle('Lodz'));
    const event = sqsEventOf(
      [s3EventRecord({ encodedKey: 'faults/good.txt', eTag: good, sequencer: 'F1000000000000000000000' })],
      [s3EventRecord({ encodedKey: 'faults/good.txt', eTag: good, sequencer: 'F2000000000000000000000' })],
    );
    throttleDynamo(1, ['GetCommand', 'GetItemCommand']);
    // Act
    const response = await invoke(event);
    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0].messageId }]);
  });

  it('moves a message that keeps failing to the dead-letter store, and nothing loops', async () => {
    // Prepare
    throttleDynamo(1000);
    // Act
    await stack.upload('faults/always-throttled.txt', sampleArticle('Poznan'));
    await stack.bridge.whenIdle();
    // Assess
    expect(stack.bridge.deadLetters).toHaveLength(1);
    const [dead] = stack.bridge.deadLetters;
    expect(dead.message.attributes.ApproximateReceiveCount).toBe(String(MAX_RECEIVES));
    expect(dead.message.body).toContain('faults/always-throttled.txt');
    expect(stack.bridge.pendingCount).toBe(0);
  });

  it('answers a record the table refuses with a failed record, and leaves no text behind', async () => {
    // Prepare
    const key = 'faults/refused.txt';
    failDynamo(1, ['PutCommand', 'PutItemCommand'], 'ValidationException', 'Item size has exceeded the maximum allowed size');
    // Act
    await stack.upload(key, sampleArticle('Krakow'));
    const record = await stack.record(key);
    await stack.bridge.whenIdle();
    // Assert
    expect(record).toMatchObject({ key, status: 'failed', error: { code: 'STORE_REFUSED' } });
    const texts = await stack.s3Client.send(new ListObjectsV2Command({ Bucket: stack.textBucket, Prefix: key }));
    expect(texts.Contents ?? []).toEqual([]);
    expect(stack.bridge.deadLetters.filter((dead) => dead.message.body.includes(key))).toEqual([]);
  });

  it('sends back the messages it has no time left to analyze within their budget', async () => {
    // Prepare
    const etag = await uploadQuietly('faults/late.txt', sampleArticle('Torun'));
    const event = sqsEventOf([s3EventRecord({ encodedKey: 'faults/late.txt', eTag: etag, sequencer: 'F3000000000000000000000' })]);
    // Act: an invocation with seconds left, less than one article's budget
    const response = await processor(event, lambdaContext('lede-processor', 3_000));
    // Assert
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0].messageId }]);
  });

  it('sends a malformed message back for retry rather than dropping it', async () => {
    const event = { Records: [sqsMessage('this is not an S3 notification')] };
    const response = await invoke(event);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0].messageId }]);
  });
});
