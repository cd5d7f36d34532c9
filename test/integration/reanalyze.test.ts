import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTarget, type Target } from '../../cli/targets.ts';
import { reanalyzeAll } from '../../cli/reanalyze.ts';
import { ANALYZER_VERSION } from '../../shared/nlp/analyze.ts';
import { sampleArticle, startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;
let target: Target;
const KEYS = ['re/one.txt', 're/two.txt', 're/three.txt'];

beforeAll(async () => {
  stack = await startTestStack();
  target = localTarget(stack.s3Endpoint, stack.dynamoEndpoint, stack.bucket, stack.tableName, stack.textBucket);
  for (const [n, key] of KEYS.entries()) await stack.upload(key, sampleArticle(['Minsk', 'Riga', 'Oslo'][n], 'Irena Sadowska'));
  await stack.bridge.whenIdle();
});

afterAll(async () => {
  await stack?.close();
});

/** Makes a stored record look as if an older analyzer had written it. */
async function ageRecord(key: string): Promise<void> {
  await target.dynamo.send(
    new UpdateCommand({
      TableName: target.table,
      Key: { pk: `ARTICLE#${key}`, sk: 'RECORD' },
      UpdateExpression: 'SET analyzerVersion = :old, processedAt = :then',
      ExpressionAttributeValues: { ':old': '0.0.1', ':then': '2020-01-01T00:00:00Z' },
    }),
  );
}

async function entityItemCount(key: string): Promise<number> {
  const { Items } = await target.dynamo.send(
    new QueryCommand({
      TableName: target.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': `ARTICLE#${key}`, ':e': 'ENTITY#' },
    }),
  );
  return Items?.length ?? 0;
}

describe('lede reanalyze', () => {
  it('re-analyzes exactly the records an older analyzer wrote, and keeps the entity index right', async () => {
    // Prepare
    const before = await stack.record(KEYS[0]);
    const indexItems = await entityItemCount(KEYS[0]);
    await ageRecord(KEYS[0]);
    await ageRecord(KEYS[1]);
    // Act
    const summary = await reanalyzeAll(target, { rate: 100, concurrency: 2 });
    // Assess
    expect(summary).toMatchObject({ scanned: 3, outdated: 2, updated: 2, interrupted: false });
    const after = await stack.record(KEYS[0]);
    expect(after).toMatchObject({ analyzerVersion: ANALYZER_VERSION, version: before!.version, uploadedAt: before!.uploadedAt });
    expect(after!.processedAt).not.toBe('2020-01-01T00:00:00Z');
    expect(await entityItemCount(KEYS[0])).toBe(indexItems);
    const { body } = await stack.get(`/articles?entity=${encodeURIComponent(after!.entities[0].name)}`);
    expect(body.items.map((i: { key: string }) => i.key)).toContain(KEYS[0]);
  });

  it('has nothing to do when every record is current', async () => {
    const summary = await reanalyzeAll(target, { rate: 100, concurrency: 2 });
    expect(summary).toMatchObject({ scanned: 3, outdated: 0, updated: 0 });
  });

  it('resumes after an interruption without redoing finished work', async () => {
    // Prepare
    for (const key of KEYS) await ageRecord(key);
    const interrupt = new AbortController();
    // Act: one article a second, interrupted while the second waits for its turn
    const first = reanalyzeAll(target, { rate: 1, concurrency: 1, signal: interrupt.signal });
    setTimeout(() => interrupt.abort(), 300);
    const interrupted = await first;
    const resumed = await reanalyzeAll(target, { rate: 100, concurrency: 2 });
    // Assess
    expect(interrupted).toMatchObject({ outdated: 3, interrupted: true });
    expect(interrupted.updated).toBeLessThan(3);
    expect(resumed).toMatchObject({ outdated: 3 - interrupted.updated, updated: 3 - interrupted.updated });
  });
});
