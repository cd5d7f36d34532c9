import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectChange } from '../../shared/events/s3-notifications.ts';
import { toRecord } from '../../shared/model/record.ts';
import { ArticleStore } from '../../shared/store/articles.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;
let store: ArticleStore;

beforeAll(async () => {
  stack = await startTestStack();
  const { dynamo } = await import('../../shared/aws/clients.ts');
  store = new ArticleStore(dynamo, stack.tableName);
});

afterAll(async () => {
  await stack?.close();
});

function change(key: string, sequencer: string): ObjectChange {
  return { kind: 'created', bucket: 'articles', key, eTag: 'etag', sequencer, eventTime: `2026-11-28T10:00:${sequencer.slice(-2)}.000Z` };
}

function recordMentioning(name: string) {
  const entity = { name, type: 'LOCATION' as const, salience: 0.5, mentions: [{ text: name, begin: 0, end: name.length }] };
  return toRecord({ status: 'ok', title: name, language: 'en', languageConfidence: 1, wordCount: 1, summary: [], entities: [entity], keyphrases: [] });
}

describe('the article store', () => {
  it('serves a full page of 100 entity hits (records are fetched in batches of at most 100)', async () => {
    // Prepare: 101 articles that mention the same place
    for (let n = 0; n < 101; n++) {
      const key = `many/${String(n).padStart(3, '0')}.txt`;
      await store.saveRecord(change(key, `0A${String(n).padStart(2, '0')}`), { key, ...recordMentioning('Hrodna') }, false);
    }
    // Act
    const first = await stack.get('/articles?entity=hrodna&limit=100');
    const second = await stack.get(`/articles?entity=hrodna&limit=100&cursor=${encodeURIComponent(first.body.cursor)}`);
    // Assess
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(100);
    expect(second.body).toMatchObject({ cursor: null });
    expect(second.body.items).toHaveLength(1);
  });

  it('keeps the entity index of the newer version when an older one loses the race', async () => {
    // Prepare
    const key = 'race/story.txt';
    await store.saveRecord(change(key, '0B02'), { key, ...recordMentioning('Pinsk') }, false);
    // Act: the older version's write arrives last
    const late = await store.saveRecord(change(key, '0B01'), { key, ...recordMentioning('Mogilev') }, true);
    // Assess
    expect(late.outcome).toBe('stale');
    expect((await stack.get('/articles?entity=pinsk')).body.items.map((i: { key: string }) => i.key)).toEqual([key]);
    expect((await stack.get('/articles?entity=mogilev')).body.items).toEqual([]);
  });

  it('answers 404 for a key longer than S3 allows instead of failing', async () => {
    const { status, body } = await stack.get(`/articles/${'k'.repeat(1100)}`);
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });
});
