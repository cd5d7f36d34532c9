import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateArticle } from '../../bench/generate.ts';
import { startStackProcess, type StackProcess } from '../../local/stack-process.ts';
import { startTestStack } from '../helpers/local-stack.ts';

const ARTICLES = 60;
const KILL_AFTER = 25;
const started: StackProcess[] = [];
let workDir: string;

afterAll(async () => {
  for (const stack of started) await stack.kill();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const keyOf = (n: number) => `crash/article-${String(n).padStart(3, '0')}.txt`;

/** Uploads with a few concurrent clients; returns the articles whose upload did not succeed. */
async function uploadAll(stack: StackProcess, numbers: number[], onUploaded?: (count: number) => void): Promise<number[]> {
  const failed: number[] = [];
  let next = 0;
  let uploaded = 0;
  const client = async () => {
    while (next < numbers.length) {
      const n = numbers[next++];
      try {
        await stack.s3.send(new PutObjectCommand({ Bucket: 'articles', Key: keyOf(n), Body: generateArticle(n) }));
        onUploaded?.(++uploaded);
      } catch {
        failed.push(n);
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, client));
  return failed;
}

async function listAll(apiUrl: string): Promise<{ key: string; status: string }[]> {
  const items: { key: string; status: string }[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `${apiUrl}/articles?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await (await fetch(url)).json()) as { items: { key: string; status: string }[]; cursor: string | null };
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

function savesPerKey(output: string): Map<string, number> {
  const saves = new Map<string, number>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: { message?: string; outcome?: string; key?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // the line kill -9 cut short
    }
    if (entry.message === 'article processed' && entry.outcome === 'saved' && entry.key) {
      saves.set(entry.key, (saves.get(entry.key) ?? 0) + 1);
    }
  }
  return saves;
}

describe('crash safety of the local stack', () => {
  it('ends with every article processed exactly once after kill -9 in the middle of a burst', async () => {
    // Prepare
    workDir = await mkdtemp(join(tmpdir(), 'lede-crash-'));
    // INFO logs name every article processed, so the test can count how often each was.
    const first = await startStackProcess(workDir, { POWERTOOLS_LOG_LEVEL: 'INFO' });
    started.push(first);
    const numbers = Array.from({ length: ARTICLES }, (_, n) => n);
    // Act: kill -9 once some uploads are through, while others and their processing are in flight
    const failedUploads = await uploadAll(first, numbers, (count) => {
      if (count === KILL_AFTER) void first.kill();
    });
    const second = await startStackProcess(workDir, { POWERTOOLS_LOG_LEVEL: 'INFO' });
    started.push(second);
    const stillFailing = await uploadAll(second, failedUploads);
    let items = await listAll(second.apiUrl);
    for (let attempt = 0; attempt < 300 && items.length < ARTICLES; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      items = await listAll(second.apiUrl);
    }
    await new Promise((r) => setTimeout(r, 500));
    items = await listAll(second.apiUrl);
    // Assess
    expect(failedUploads.length).toBeGreaterThan(0);
    // The restart found uploads whose events died with the first process, and caught up on them.
    expect(second.output()).toMatch(/Catching up: [1-9]\d* object/);
    expect(stillFailing).toEqual([]);
    const keys = items.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(numbers.map(keyOf));
    expect(items.every((i) => i.status === 'ok')).toBe(true);
    // Exactly once: every article has its one record (above), and none was saved twice across
    // both runs (one whose upload failed and was repeated is a new upload, and may count twice).
    // A log line can be lost, never doubled: kill -9 drops what the first process had not yet
    // written to its pipe, so an article saved just before the kill may show no line at all.
    const saves = savesPerKey(first.output() + second.output());
    for (const n of numbers.filter((n) => !failedUploads.includes(n))) expect(saves.get(keyOf(n)) ?? 0, keyOf(n)).toBeLessThanOrEqual(1);
    const savedAfterRestart = numbers.filter((n) => !failedUploads.includes(n) && savesPerKey(second.output()).has(keyOf(n)));
    expect(savedAfterRestart.length).toBeGreaterThan(0);
  });
});

describe('uploads a crash cut short', () => {
  it('are removed at start, so s3rver can list the bucket and reconcile runs', async () => {
    // Prepare: one object with no metadata, one with metadata cut mid-write, one complete
    const dataDir = await mkdtemp(join(tmpdir(), 'lede-torn-'));
    const bucketDir = join(dataDir, 's3', 'articles');
    await mkdir(bucketDir, { recursive: true });
    await writeFile(join(bucketDir, 'torn-a.txt._S3rver_object'), 'half an art');
    await writeFile(join(bucketDir, 'torn-b.txt._S3rver_object'), 'half an article');
    await writeFile(join(bucketDir, 'torn-b.txt._S3rver_metadata.json'), '{"content-type": "te');
    await writeFile(join(bucketDir, 'whole.txt._S3rver_object'), generateArticle(1));
    await writeFile(join(bucketDir, 'whole.txt._S3rver_metadata.json'), '{"content-type": "text/plain"}');
    // Act
    const stack = await startTestStack({ dataDir });
    try {
      await stack.bridge.whenIdle();
      // Assess
      expect(stack.incompleteUploadsRemoved).toBe(2);
      expect(stack.reconciled).toMatchObject({ objects: 1, queuedCreated: 1 });
      expect((await stack.record('whole.txt'))?.status).toBe('ok');
    } finally {
      await stack.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
