import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleArticle } from '../helpers/local-stack.ts';

const LEDE = join(import.meta.dirname, '../../cli/lede.mjs');
const children: ChildProcess[] = [];
let workDir: string;

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: () => string;
  s3Endpoint: string;
  apiUrl: string;
}

/** `lede start` as a user runs it, on free ports, in its own process group so nothing outlives the test. */
async function startStack(cwd: string): Promise<Started> {
  const child = spawn('node', [LEDE, 'start'], {
    cwd,
    detached: true,
    env: { ...process.env, LEDE_S3_PORT: '0', LEDE_DYNAMODB_PORT: '0', LEDE_API_PORT: '0', POWERTOOLS_LOG_LEVEL: 'WARN' },
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => output.includes('Press Ctrl-C') && resolve());
    child.once('exit', (code) => reject(new Error(`lede start exited with ${code}: ${output}`)));
  });
  return {
    child,
    output: () => output,
    s3Endpoint: /S3 endpoint:\s+(\S+)/.exec(output)![1],
    apiUrl: /HTTP API:\s+(\S+)/.exec(output)![1],
  };
}

async function stopWithCtrlC(started: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
  started.child.kill('SIGINT');
  return exited;
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
    const first = await startStack(workDir);
    const s3 = new S3Client({
      endpoint: first.s3Endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    // Act
    await s3.send(new PutObjectCommand({ Bucket: 'articles', Key: 'story.txt', Body: sampleArticle() }));
    const served = await pollRecord(first.apiUrl, 'story.txt');
    const code = await stopWithCtrlC(first);
    const second = await startStack(workDir);
    const afterRestart = await fetch(`${second.apiUrl}/articles/story.txt`);
    await stopWithCtrlC(second);
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
