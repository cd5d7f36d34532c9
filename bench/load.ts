/**
 * Burst load through the local stack: uploads N generated articles with C concurrent clients to a
 * `lede start` process, measures each upload-to-queryable latency, then checks that exactly N
 * records exist, all `ok`, none missing or duplicated.
 *
 * Then it marks every record as written by an older analyzer and times `lede reanalyze` over them.
 *
 *   npm run bench:load -- [--count 1000] [--concurrency 16] [--poll-ms 50] [--no-reanalyze]
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startStackProcess, type StackProcess } from '../local/stack-process.ts';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { reanalyzeAll } from '../cli/reanalyze.ts';
import { localTarget } from '../cli/targets.ts';
import { DEFAULTS } from '../local/start.ts';
import { ArticleStore } from '../shared/store/articles.ts';
import { generateArticle } from './generate.ts';

// As `lede` does: the SDK's clients here would print its Node 20 support warning into the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    'no-reanalyze': { type: 'boolean', default: false },
    // Each client polls its article's record this often; faster polling mostly measures the polling.
    'poll-ms': { type: 'string', default: '50' },
  },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency);
const pollMs = Number(values['poll-ms']);

const workDir = await mkdtemp(join(tmpdir(), 'lede-load-'));
const stack = await startStackProcess(workDir);
try {
  const started = performance.now();
  const latencies = await runClients(stack, count, concurrency);
  const elapsed = (performance.now() - started) / 1000;
  const audit = await auditRecords(stack, count);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  console.log(`uploads: ${count} with ${concurrency} concurrent clients in ${elapsed.toFixed(1)} s (${(count / elapsed).toFixed(1)} articles/s)`);
  console.log(`upload-to-queryable: p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${at(1).toFixed(0)} ms`);
  console.log(`records: ${audit.ok} ok, ${audit.failed} failed, ${audit.missing} missing, ${audit.duplicated} duplicated`);
  process.exitCode = audit.ok === count && audit.duplicated === 0 ? 0 : 1;
  if (!values['no-reanalyze']) await timeReanalysis(stack);
} finally {
  await stack.stop();
  stack.s3.destroy();
  await rm(workDir, { recursive: true, force: true });
}

async function runClients(stack: StackProcess, total: number, clients: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    for (let n = next++; n < total; n = next++) {
      const key = `load/article-${String(n).padStart(5, '0')}.txt`;
      const t0 = performance.now();
      await stack.s3.send(new PutObjectCommand({ Bucket: 'articles', Key: key, Body: generateArticle(n) }));
      await waitUntilQueryable(stack.apiUrl, key);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return latencies;
}

async function waitUntilQueryable(apiUrl: string, key: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${apiUrl}/articles/${key}`);
    await response.arrayBuffer();
    if (response.status === 200) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`${key} was not queryable within 60 s`);
}

/** Walks the whole listing through the API, as a client would. */
async function auditRecords(stack: StackProcess, expected: number) {
  const seen = new Map<string, number>();
  let ok = 0;
  let failed = 0;
  let cursor: string | null = null;
  do {
    const url: string = `${stack.apiUrl}/articles?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await (await fetch(url)).json()) as { items: { key: string; status: string }[]; cursor: string | null };
    for (const item of page.items) {
      seen.set(item.key, (seen.get(item.key) ?? 0) + 1);
      if (item.status === 'ok') ok++;
      else failed++;
    }
    cursor = page.cursor;
  } while (cursor);
  const duplicated = [...seen.values()].filter((n) => n > 1).length;
  return { ok, failed, missing: expected - seen.size, duplicated };
}

/** Ages every record, then re-analyzes them all through the same code as `lede reanalyze`. */
async function timeReanalysis(stack: StackProcess): Promise<void> {
  const target = localTarget(stack.s3Endpoint, stack.dynamoEndpoint, DEFAULTS.bucket, DEFAULTS.tableName, DEFAULTS.textBucket);
  const store = new ArticleStore(target.dynamo, target.table);
  for await (const ref of store.storedArticles()) {
    await target.dynamo.send(
      new UpdateCommand({
        TableName: target.table,
        Key: { pk: `ARTICLE#${ref.key}`, sk: 'RECORD' },
        UpdateExpression: 'SET analyzerVersion = :old',
        ExpressionAttributeValues: { ':old': '0.0.0' },
      }),
    );
  }
  const started = performance.now();
  const summary = await reanalyzeAll(target, { rate: 1000, concurrency: 8 });
  const seconds = (performance.now() - started) / 1000;
  console.log(`reanalysis: ${summary.updated} of ${summary.outdated} outdated records in ${seconds.toFixed(1)} s (${(summary.updated / seconds).toFixed(1)} records/s)`);
}
