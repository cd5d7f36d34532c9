import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArticleRecord } from '../../shared/model/record.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/start.ts';

export interface TestStack extends LocalStack {
  s3Client: S3Client;
  upload(key: string, body: string | Uint8Array, contentType?: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** Uploads, waits until the pipeline is idle, and returns the API's answer for the key. */
  get(path: string): Promise<{ status: number; body: any }>;
  record(key: string): Promise<ArticleRecord | undefined>;
  close(): Promise<void>;
}

/** A whole local stack on free ports with its data in a temporary folder. */
export async function startTestStack(overrides: Partial<LocalStackOptions> = {}): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lede-test-'));
  const stack = await startLocalStack({
    s3Port: 0,
    dynamoPort: 0,
    apiPort: 0,
    dataDir,
    persistTable: false,
    logLevel: 'SILENT',
    retryDelayMs: () => 10,
    ...overrides,
  });
  const s3Client = new S3Client({
    endpoint: stack.s3Endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const get = async (path: string) => {
    const response = await fetch(`${stack.apiUrl}${path}`);
    return { status: response.status, body: await response.json() };
  };
  return {
    ...stack,
    s3Client,
    async upload(key, body, contentType) {
      await s3Client.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async remove(key) {
      await s3Client.send(new DeleteObjectCommand({ Bucket: stack.bucket, Key: key }));
    },
    get,
    async record(key) {
      await stack.bridge.whenIdle();
      const { status, body } = await get(`/articles/${encodeKeyForPath(key)}`);
      return status === 200 ? body : undefined;
    },
    async close() {
      s3Client.destroy();
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Percent-encodes each path segment of a key, as a client must for the API. */
export function encodeKeyForPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** An article written for the tests: its words are ours, not taken from any dataset. */
export function sampleArticle(city = 'Minsk', person = 'Alena Kowalski'): string {
  return [
    `Talks resume in ${city}`,
    '',
    `${person} arrived in ${city} on Tuesday for a second round of talks on grain exports.`,
    `Officials from the Northern Grain Council said the meeting would last three days.`,
    `${person} told reporters that a deal was close but that shipping costs remained a problem.`,
    `The last round of talks, held in Riga in March, ended without an agreement.`,
  ].join('\n');
}
