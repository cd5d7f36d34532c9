import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateArticle } from '../../bench/generate.ts';
import { startStackProcess, type StackProcess } from '../../local/stack-process.ts';

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

describe('crash safety of the local stack', () => {
  it('ends with every article processed exactly once after kill -9 in the middle of a burst', async () => {
    // Prepare
    workDir = await mkdtemp(join(tmpdir(), 'lede-crash-'));
    const first = await startStackProcess(workDir);
    started.push(first);
    const numbers = Array.from({ length: ARTICLES }, (_, n) => n);
    // Act: kill -9 once some uploads are through, while others and their processing are in flight
    const failedUploads = await uploadAll(first, numbers, (count) => {
      if (count === KILL_AFTER) void first.kill();
    });
    const second = await startStackProcess(workDir);
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
  });
});
