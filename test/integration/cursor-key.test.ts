import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '../../local/stack-process.ts';
import { sampleArticle } from '../helpers/local-stack.ts';

const started: StackProcess[] = [];
let workDir: string;

afterAll(async () => {
  for (const stack of started) await stack.kill();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function start(cwd: string): Promise<StackProcess> {
  const stack = await startStackProcess(cwd);
  started.push(stack);
  return stack;
}

async function listing(apiUrl: string, cursor?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${apiUrl}/articles?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  return { status: response.status, body: await response.json() };
}

describe('the local stack cursor key', () => {
  it('is made once per data folder, readable by its owner only, so cursors outlive a restart', async () => {
    // Prepare: two articles, and the cursor after the first
    workDir = await mkdtemp(join(tmpdir(), 'lede-cursor-key-'));
    const first = await start(workDir);
    for (const key of ['one.txt', 'two.txt']) {
      await first.s3.send(new PutObjectCommand({ Bucket: 'articles', Key: key, Body: sampleArticle() }));
    }
    let page = await listing(first.apiUrl);
    for (let attempt = 0; attempt < 100 && page.body.cursor === null; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      page = await listing(first.apiUrl);
    }
    const keyFile = join(workDir, '.lede', 'cursor-key');
    const keyBefore = await readFile(keyFile, 'utf8');
    await first.stop();
    // Act
    const second = await start(workDir);
    const next = await listing(second.apiUrl, page.body.cursor);
    const forged = await listing(second.apiUrl, `${page.body.cursor.split('.')[0]}.${'A'.repeat(43)}`);
    await second.stop();
    // Assert
    expect(keyBefore.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(keyFile, 'utf8')).toBe(keyBefore);
    expect(next.status).toBe(200);
    expect([...page.body.items, ...next.body.items].map((i: { key: string }) => i.key).sort()).toEqual(['one.txt', 'two.txt']);
    expect(forged.status).toBe(400);
  });
});
