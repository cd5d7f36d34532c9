import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
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

async function pollRecord(apiUrl: string, key: string): Promise<Response> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(`${apiUrl}/articles/${key}`);
    if (response.status === 200) return response;
    await new Promise((r) => setTimeout(r, 100));
  }
  return fetch(`${apiUrl}/articles/${key}`);
}

describe('lede start', () => {
  it('serves an upload, stops cleanly on Ctrl-C and keeps the data for the next start', async () => {
    // Prepare
    workDir = await mkdtemp(join(tmpdir(), 'lede-start-'));
    const first = await start(workDir);
    // Act
    await first.s3.send(new PutObjectCommand({ Bucket: 'articles', Key: 'story.txt', Body: sampleArticle() }));
    const served = await pollRecord(first.apiUrl, 'story.txt');
    const code = await first.stop();
    const second = await start(workDir);
    const afterRestart = await fetch(`${second.apiUrl}/articles/story.txt`);
    await second.stop();
    // Assess
    expect(first.output()).toContain('aws --endpoint-url');
    expect(first.output()).toContain(`curl ${first.apiUrl}/articles/story.txt`);
    expect(served.status).toBe(200);
    expect(code).toBe(0);
    expect(first.output()).toContain('Stopped');
    expect(afterRestart.status).toBe(200);
    expect((await afterRestart.json()).title).toBe('Talks resume in Minsk');
  });
});
