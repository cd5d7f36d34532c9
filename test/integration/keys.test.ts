import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiPath, queryApi } from '../../cli/query.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators.ts';
import { sampleArticle, startTestStack, type TestStack } from '../helpers/local-stack.ts';

const LEDE = join(import.meta.dirname, '../../cli/lede.mjs');

/** Keys S3 accepts that a path-minded server or client would read as other keys, or fail on. */
const ODD_KEYS = {
  dotDot: 'zzz/../story.txt',
  dot: 'a/./b',
  escape: '../articles-text/pwn.txt',
  upAndBack: 'a/../b',
  onlyDots: '..',
  emptySegments: 'c//d/',
  longSegment: `long/${'s'.repeat(300)}.txt`,
  // The longest keys S3 accepts, 1,024 bytes: one with 2- and 4-byte characters, one in ASCII
  // (dynalite measures key values in UTF-16 units, so only this one trips its 1,024 limit).
  longest: `k/${'é'.repeat(120)}/${'😀'.repeat(150)}${'x'.repeat(1024 - 2 - 241 - 600)}`,
  longestAscii: `ascii/${'x'.repeat(1024 - 6)}`,
};
const CITIES = ['Paris', 'Oslo', 'Riga', 'Porto', 'Dakar', 'Hanoi', 'Quito', 'Perth', 'Tunis'];
/** Each odd key holds the sample article about its own city. */
const cityOf = (key: string) => CITIES[Object.values(ODD_KEYS).indexOf(key)];

let dataDir: string;
let stack: TestStack;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lede-keys-'));
  stack = await startTestStack({ dataDir });
  await stack.upload('story.txt', sampleArticle('Minsk'));
  for (const key of Object.values(ODD_KEYS)) await stack.upload(key, sampleArticle(cityOf(key)));
  await stack.bridge.whenIdle();
});

afterAll(async () => {
  await stack?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** GETs a path exactly as written (fetch would resolve its dot segments first). */
async function getRaw(path: string): Promise<{ status: number; body: string }> {
  return queryApi({ baseUrl: stack.apiUrl, path, sign: false });
}

function lede(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('node', [LEDE, ...args], { env: { ...process.env, ...env } }, (error, stdout) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }),
    );
  });
}

describe('keys are opaque on the local stack', () => {
  it.each(Object.entries(ODD_KEYS))('stores and serves the %s key as itself, with its own text', async (_name, key) => {
    // Act
    const record = await getRaw(apiPath({ key }));
    const text = await getRaw(`${apiPath({ key })}?part=text`);
    // Assert
    expect(record.status).toBe(200);
    expect(JSON.parse(record.body)).toMatchObject({ key, status: 'ok', title: `Talks resume in ${cityOf(key)}` });
    expect(text.body).toBe(sampleArticle(cityOf(key)));
  });

  it.each([
    ['/articles/zzz/%2e%2e/story.txt?part=text', 'Paris'],
    ['/articles/zzz/../story.txt?part=text', 'Paris'],
    ['/articles/zzz%2F..%2Fstory.txt?part=text', 'Paris'],
    ['/articles/a/%2E/b?part=text', 'Oslo'],
  ])('reads %s as the key it spells, never as story.txt', async (path, city) => {
    // Act
    const { status, body } = await getRaw(path);
    // Assert
    expect(status).toBe(200);
    expect(body).toBe(sampleArticle(city));
    expect(body).not.toBe(sampleArticle('Minsk'));
  });

  it('lists every key once, as uploaded, in both buckets only where it belongs', async () => {
    // Act
    const articles = await stack.s3Client.send(new ListObjectsV2Command({ Bucket: stack.bucket }));
    const texts = await stack.s3Client.send(new ListObjectsV2Command({ Bucket: stack.textBucket }));
    // Assert
    expect((articles.Contents ?? []).map((o) => o.Key).sort()).toEqual(['story.txt', ...Object.values(ODD_KEYS)].sort());
    const textKeys = (texts.Contents ?? []).map((o) => o.Key!);
    expect(textKeys).toHaveLength(1 + Object.keys(ODD_KEYS).length);
    for (const key of textKeys) expect(key).toMatch(/^[0-9a-f]{32}\/[^/]+\.txt$/);
    await expect(stat(join(dataDir, 's3', stack.textBucket, 'pwn.txt._S3rver_object'))).rejects.toThrow();
  });

  it('pages through every key, the longest included, with the cursors it issues', async () => {
    // Prepare
    const seen: string[] = [];
    let cursor: string | null = null;
    // Act
    do {
      const { status, body } = await getRaw(apiPath({ limit: '1', ...(cursor ? { cursor } : {}) }));
      expect(status).toBe(200);
      const page = JSON.parse(body) as { items: { key: string }[]; cursor: string | null };
      seen.push(...page.items.map((i) => i.key));
      cursor = page.cursor;
    } while (cursor);
    // Assert
    expect(seen.sort()).toEqual(['story.txt', ...Object.values(ODD_KEYS)].sort());
  });

  it('finds the longest key by entity, and refuses altered or borrowed cursors with 400', async () => {
    // Prepare
    const first = JSON.parse((await getRaw(apiPath({ entity: 'Alena Kowalski', limit: '1' }))).body);
    const [payload, mac] = first.cursor.split('.');
    const startKey = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const altered = (change: object) => `${Buffer.from(JSON.stringify({ ...startKey, ...change })).toString('base64url')}.${mac}`;
    // Act
    const answers = await Promise.all([
      ...[
        altered({ gsi1sk: `2026-01-01T00:00:00.000Z#${'é'.repeat(600)}` }),
        altered({ pk: 'ARTICLE#story.txt' }),
        `${payload}.${'A'.repeat(43)}`,
      ].map((cursor) => getRaw(apiPath({ entity: 'Alena Kowalski', cursor }))),
      getRaw(apiPath({ entity: 'Alena Kowalski', type: 'PERSON', cursor: first.cursor })),
    ]);
    const all = await getRaw(apiPath({ entity: 'Alena Kowalski', limit: '100' }));
    // Assert
    expect(answers.map((a) => [a.status, JSON.parse(a.body).error.code])).toEqual(Array(4).fill([400, 'BAD_REQUEST']));
    expect(JSON.parse(all.body).items.map((i: { key: string }) => i.key)).toEqual(expect.arrayContaining([ODD_KEYS.longest, ODD_KEYS.longestAscii]));
  });
});

describe('the table', () => {
  it('holds no key attribute over DynamoDB limits, in UTF-8 bytes (dynalite checks only table keys, in UTF-16 units)', async () => {
    // Prepare
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
    const limits = { pk: 2048, sk: 1024, gsi1pk: 2048, gsi1sk: 1024, gsi2pk: 2048, gsi2sk: 1024 };
    // Act
    const { Items = [] } = await client.send(new ScanCommand({ TableName: stack.tableName }));
    client.destroy();
    // Assert
    const oversized = Items.flatMap((item) =>
      Object.entries(limits).filter(([name, max]) => item[name] !== undefined && Buffer.byteLength(item[name]) > max).map(([name]) => name),
    );
    expect(Items.filter((item) => item.key === ODD_KEYS.longestAscii).length).toBeGreaterThan(1);
    expect(oversized).toEqual([]);
  });
});

describe('lede query', () => {
  it.each([ODD_KEYS.dotDot, ODD_KEYS.dot, ODD_KEYS.onlyDots, ODD_KEYS.longest, ODD_KEYS.longestAscii])('reads %j as itself', async (key) => {
    // Act
    const { code, stdout } = await lede(['query', key, '--url', stack.apiUrl]);
    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(stdout).key).toBe(key);
  });

  it.each([
    [ODD_KEYS.dotDot, '/articles/zzz%2F..%2Fstory.txt'],
    [ODD_KEYS.onlyDots, '/articles/%2E%2E'],
  ])('signs %j over exactly the path it sends', async (key, sentPath) => {
    // Prepare: a stand-in for API Gateway that records what it receives
    let seen: { url: string; headers: IncomingHttpHeaders } | undefined;
    const server = createServer((req, res) => {
      seen = { url: req.url ?? '', headers: req.headers };
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
    // Act
    const { code } = await lede(['query', key, '--url', url, '--sign', '--region', 'eu-west-1'], {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
    server.close();
    // Assert: the path arrived as sent, with no segment a signer drops, and the signature covers it
    expect(code).toBe(0);
    expect(seen!.url).toBe(sentPath);
    expect(sentPath.split('/').slice(1).filter((s) => ['', '.', '..'].includes(s))).toEqual([]);
    const amzDate = String(seen!.headers['x-amz-date']);
    const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    const { host } = new URL(url);
    const expected = await new SignatureV4({ service: 'execute-api', region: 'eu-west-1', credentials, sha256: Sha256 }).sign(
      { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port: Number(new URL(url).port), path: seen!.url, query: {}, headers: { host } },
      { signingDate },
    );
    expect(seen!.headers.authorization).toBe(expected.headers.authorization);
  });
});

describe('the emulators after a failed write', () => {
  it('log the error and keep serving', async () => {
    // Prepare: a folder where the object's file must go makes the write fail inside s3rver
    await mkdir(join(dataDir, 's3', stack.bucket, 'blocked._S3rver_object'), { recursive: true });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // Act
    const failed = await stack.upload('blocked', 'text').then(() => 'stored', (error: Error) => error.name);
    // the emulators' thread writes its line to stderr on its own time: it may reach us after the answer
    const logged = await eventually(() => stderr.mock.calls.map(([line]) => String(line)).join(''), (text) => text.includes('EISDIR'));
    stderr.mockRestore();
    await stack.upload('after/failure.txt', sampleArticle('Lima'));
    // Assert
    expect(failed).toBe('InternalError');
    expect(logged).toMatch(/the S3 emulator failed a request: Error: EISDIR/);
    expect((await stack.record('after/failure.txt'))?.title).toBe('Talks resume in Lima');
    expect((await getRaw('/openapi.json')).status).toBe(200);
  });
});

/** `read()` once `done` holds of it, or as it is after ten seconds (the assertion then says what was there). */
async function eventually<T>(read: () => T, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  let value = read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = read();
  }
  return value;
}
