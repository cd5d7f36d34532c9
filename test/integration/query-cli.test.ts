import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle, startTestStack, type TestStack } from '../helpers/local-stack.ts';

const LEDE = join(import.meta.dirname, '../../cli/lede.mjs');
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.upload('query/a story.txt', sampleArticle('Minsk', 'Alena Kowalski'));
  await stack.bridge.whenIdle();
});

afterAll(async () => {
  await stack?.close();
});

function lede(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [LEDE, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('lede query', () => {
  it('reads a record by key from the local API, without signing', async () => {
    const { code, stdout } = await lede(['query', 'query/a story.txt', '--url', stack.apiUrl]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ key: 'query/a story.txt', status: 'ok' });
  });

  it('lists articles by entity, and fails with the API error for an unknown key', async () => {
    // Prepare
    const name = (await stack.record('query/a story.txt'))!.entities[0].name;
    // Act
    const found = await lede(['query', '--entity', name, '--limit', '5', '--url', stack.apiUrl]);
    const missing = await lede(['query', 'no/such.txt', '--url', stack.apiUrl]);
    // Assess
    expect(JSON.parse(found.stdout).items.map((i: { key: string }) => i.key)).toContain('query/a story.txt');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('NOT_FOUND');
  });

  it('signs requests to a deployed API with SigV4 from the usual credential chain', async () => {
    // Prepare: a stand-in for API Gateway that records what it receives
    let seen: { url: string; headers: IncomingHttpHeaders } | undefined;
    const server = createServer((req, res) => {
      seen = { url: req.url ?? '', headers: req.headers };
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[],"cursor":null}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
    // Act
    const { code } = await lede(['query', '--entity', 'New York', '--type', 'LOCATION', '--url', url, '--sign', '--region', 'eu-west-1'], {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
    server.close();
    // Assess
    expect(code).toBe(0);
    // Sent as signed: a space as %20 (a `+` would be a literal plus to API Gateway).
    expect(seen!.url).toBe('/articles?entity=New%20York&type=LOCATION');
    const authorization = String(seen!.headers.authorization);
    expect(authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
    const amzDate = String(seen!.headers['x-amz-date']);
    const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    const expected = await new SignatureV4({ service: 'execute-api', region: 'eu-west-1', credentials, sha256: Sha256 }).sign(
      {
        method: 'GET',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: Number(new URL(url).port),
        path: '/articles',
        query: { entity: 'New York', type: 'LOCATION' },
        headers: { host: new URL(url).host },
      },
      { signingDate },
    );
    expect(authorization).toBe(expected.headers.authorization);
  });
});
