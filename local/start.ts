import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { startApiServer, type HttpHandler } from './api-server.ts';
import { LocalEventBridge, type BatchHandler } from './bridge.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startEmulators } from './emulators.ts';
import { reconcile, type ReconcileResult } from './reconcile.ts';
import { ArticleStore } from '../shared/store/articles.ts';
import { CURSOR_KEY_ENV } from '../shared/store/cursor.ts';

export interface LocalStackOptions {
  host: string;
  s3Port: number;
  dynamoPort: number;
  apiPort: number;
  bucket: string;
  textBucket: string;
  tableName: string;
  dataDir: string;
  /** Keep the table on disk (the default) or in memory (tests). */
  persistTable: boolean;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  maxReceives: number;
  retryDelayMs: (receiveCount: number) => number;
}

export const DEFAULTS: LocalStackOptions = {
  host: '127.0.0.1',
  s3Port: 4568,
  dynamoPort: 4567,
  apiPort: 3000,
  bucket: 'articles',
  textBucket: 'articles-text',
  tableName: 'lede-articles',
  dataDir: '.lede',
  persistTable: true,
  logLevel: 'INFO',
  maxReceives: 5,
  retryDelayMs: (receives) => 500 * 2 ** (receives - 1),
};

export interface LocalStack {
  s3Endpoint: string;
  dynamoEndpoint: string;
  apiUrl: string;
  bucket: string;
  textBucket: string;
  tableName: string;
  bridge: LocalEventBridge;
  /** What the start-up reconciliation found to catch up on. */
  reconciled: ReconcileResult;
  /** Uploads a crash cut short, removed at start (their clients got no answer). */
  incompleteUploadsRemoved: number;
  /** Called if the emulators end on their own (already reported on stderr): the stack is then of no use. */
  onEmulatorFailure(listener: (error: Error) => void): void;
  stop(): Promise<void>;
}

/**
 * Runs the pipeline on this machine: S3 and DynamoDB emulators, the event bridge feeding the
 * processor handler, and the HTTP API in front of the query handler. The handlers are the
 * Lambda code itself, pointed at the emulators through the standard AWS_* variables.
 */
export async function startLocalStack(overrides: Partial<LocalStackOptions> = {}): Promise<LocalStack> {
  const options = { ...DEFAULTS, ...overrides };
  // s3rver crashes the process on a busy port instead of rejecting, so ports are tried first.
  for (const port of [options.s3Port, options.dynamoPort, options.apiPort]) await assertPortFree(options.host, port);
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const cursorKey = await cursorKeyOf(dataDir);
  const emulators = await startEmulators({ ...options, buckets: [options.bucket, options.textBucket], dataDir });
  pointSdkAt(emulators.s3Endpoint, emulators.dynamoEndpoint, options, cursorKey);
  // Imported only now: the handlers create their clients at module load, from the variables just set.
  const { handler: processor } = (await import('../functions/processor.ts')) as { handler: BatchHandler };
  const { handler: query } = (await import('../functions/query.ts')) as { handler: HttpHandler };
  const bridge = new LocalEventBridge({
    handler: processor,
    bucket: options.bucket,
    batchSize: 10,
    batchWindowMs: 20,
    concurrency: 2,
    maxReceives: options.maxReceives,
    retryDelayMs: options.retryDelayMs,
    deadLetterFile: join(dataDir, 'dead-letter.jsonl'),
    onDeadLetter: (message, reason) =>
      process.stderr.write(`lede: message ${message.messageId} moved to ${join(options.dataDir, 'dead-letter.jsonl')} (${reason})\n`),
  });
  emulators.onS3Event((event) => bridge.acceptS3rverEvent(event));
  const { s3, dynamo } = await import('../shared/aws/clients.ts');
  const reconciled = await reconcile(bridge, s3, new ArticleStore(dynamo, options.tableName), options.bucket);
  const api = await startApiServer(query, options.host, options.apiPort);
  return {
    s3Endpoint: emulators.s3Endpoint,
    dynamoEndpoint: emulators.dynamoEndpoint,
    apiUrl: api.url,
    bucket: options.bucket,
    textBucket: options.textBucket,
    tableName: options.tableName,
    bridge,
    reconciled,
    incompleteUploadsRemoved: emulators.incompleteUploadsRemoved,
    onEmulatorFailure: (listener) => emulators.onFailure(listener),
    async stop() {
      bridge.stop();
      await closeServer(api.server);
      await emulators.stop();
    },
  };
}

/**
 * The secret the query handler signs cursors with: made once per data folder and kept there
 * (readable by its owner only), so cursors stay valid across restarts, as they do on AWS.
 */
async function cursorKeyOf(dataDir: string): Promise<string> {
  const file = join(dataDir, 'cursor-key');
  const kept = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (kept) return kept;
  const key = randomBytes(32).toString('base64url');
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}

function pointSdkAt(s3Endpoint: string, dynamoEndpoint: string, options: LocalStackOptions, cursorKey: string): void {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: LOCAL_REGION,
    // s3rver stores the aws-chunked checksum trailer inside the object unless checksums are off.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TABLE_NAME: options.tableName,
    TEXT_BUCKET: options.textBucket,
    [CURSOR_KEY_ENV]: cursorKey,
    POWERTOOLS_LOG_LEVEL: options.logLevel,
    POWERTOOLS_SERVICE_NAME: 'lede-local',
    // Embedded metrics are for CloudWatch; locally they would only crowd the log.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
}

function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** `npm start` / `npx lede start`: runs until Ctrl-C, ports from LEDE_*_PORT. */
export async function startFromCli(): Promise<number> {
  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      s3Port: portFromEnv('LEDE_S3_PORT', DEFAULTS.s3Port),
      dynamoPort: portFromEnv('LEDE_DYNAMODB_PORT', DEFAULTS.dynamoPort),
      apiPort: portFromEnv('LEDE_API_PORT', DEFAULTS.apiPort),
    });
  } catch (error) {
    const { code, port } = error as { code?: string; port?: number };
    if (code !== 'EADDRINUSE') throw error;
    process.stderr.write(
      `lede: port ${port} is in use (another Lede running?). Choose others with LEDE_S3_PORT, LEDE_DYNAMODB_PORT, LEDE_API_PORT.\n`,
    );
    return 1;
  }
  process.stdout.write(banner(stack));
  if (stack.incompleteUploadsRemoved > 0) {
    process.stdout.write(`Removed ${stack.incompleteUploadsRemoved} upload(s) a crash cut short (their clients got no answer).\n`);
  }
  const { queuedCreated, queuedRemoved } = stack.reconciled;
  if (queuedCreated + queuedRemoved > 0) {
    process.stdout.write(`Catching up: ${queuedCreated} object(s) without a current record, ${queuedRemoved} record(s) without an object.\n`);
  }
  const ending = await new Promise<'signal' | 'failure'>((resolve) => {
    process.once('SIGINT', () => resolve('signal'));
    process.once('SIGTERM', () => resolve('signal'));
    stack.onEmulatorFailure(() => resolve('failure'));
  });
  if (ending === 'failure') {
    // The emulators already said why on stderr; without them nothing can be served or saved.
    await stack.stop();
    process.stderr.write('lede: stopped. Data is kept under .lede/; run `npm start` again.\n');
    return 1;
  }
  process.stdout.write('\nStopping: finishing the articles in flight...\n');
  await Promise.race([stack.bridge.whenIdle(), new Promise((r) => setTimeout(r, 10_000).unref())]);
  await stack.stop();
  process.stdout.write('Stopped. Data is kept under .lede/.\n');
  return 0;
}

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, not '${raw}'.`);
  return port;
}

function banner(stack: LocalStack): string {
  const creds = `AWS_ACCESS_KEY_ID=${LOCAL_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${LOCAL_CREDENTIALS.secretAccessKey} AWS_DEFAULT_REGION=${LOCAL_REGION}`;
  return `
Lede local stack is running.
  S3 endpoint:       ${stack.s3Endpoint}  (bucket "${stack.bucket}")
  DynamoDB endpoint: ${stack.dynamoEndpoint}  (table "${stack.tableName}")
  HTTP API:          ${stack.apiUrl}

Upload an article:
  ${creds} aws --endpoint-url ${stack.s3Endpoint} s3 cp story.txt s3://${stack.bucket}/
Read its analysis:
  curl ${stack.apiUrl}/articles/story.txt
Find articles that mention an entity:
  curl '${stack.apiUrl}/articles?entity=Minsk'

Data persists under .lede/. Press Ctrl-C to stop.
`;
}
