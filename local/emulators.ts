import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import type { S3Event } from 'aws-lambda';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ARTICLES_TABLE as T } from '../shared/store/schema.ts';

/** The emulators speak the real protocols; these are the credentials s3rver accepts. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const LOCAL_REGION = 'us-east-1';

export interface Emulators {
  s3Endpoint: string;
  dynamoEndpoint: string;
  /** Objects whose upload a crash cut short, removed before s3rver started. */
  incompleteUploadsRemoved: number;
  /** Object events as s3rver emits them (keys not encoded). */
  onS3Event(listener: (event: S3Event) => void): void;
  /** Called if the emulators' thread ends without being stopped: nothing answers on their ports any more. */
  onFailure(listener: (error: Error) => void): void;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  host: string;
  s3Port: number;
  dynamoPort: number;
  /** The buckets to create: articles, and the texts the pipeline derives. */
  buckets: string[];
  tableName: string;
  /** Where objects (and, with persistTable, the table) persist. */
  dataDir: string;
  persistTable: boolean;
}

type WorkerMessage =
  | { type: 'ready'; s3Port: number; dynamoPort: number; repaired: number }
  | { type: 's3-event'; event: S3Event }
  | { type: 'error'; what: string; message: string }
  | { type: 'stopped' };

/** Starts s3rver and dynalite on a worker thread and creates the articles table. */
export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  await mkdir(join(options.dataDir, 's3'), { recursive: true });
  const { host, s3Port, dynamoPort, buckets, dataDir, persistTable } = options;
  const workerData = { host, s3Port, dynamoPort, buckets, dataDir, persistTable };
  const worker = new Worker(new URL('./emulator-worker.mjs', import.meta.url), { workerData });
  const listeners: ((event: S3Event) => void)[] = [];
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 's3-event') for (const listener of listeners) listener(message.event);
    if (message.type === 'error') process.stderr.write(`lede: ${message.what}: ${message.message}\n`);
  });
  const ports = await new Promise<{ s3Port: number; dynamoPort: number; repaired: number }>((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    worker.once('error', failed);
    worker.on('message', function ready(message: WorkerMessage) {
      if (message.type !== 'ready') return;
      worker.off('error', failed).off('message', ready);
      resolve(message);
    });
  });
  const failures = watchForDeath(worker);
  const s3Endpoint = `http://${options.host}:${ports.s3Port}`;
  const dynamoEndpoint = `http://${options.host}:${ports.dynamoPort}`;
  await createArticlesTable(dynamoEndpoint, options.tableName);
  return {
    s3Endpoint,
    dynamoEndpoint,
    incompleteUploadsRemoved: ports.repaired,
    onS3Event: (listener) => listeners.push(listener),
    onFailure: (listener) => failures.listeners.push(listener),
    async stop() {
      failures.expectExit();
      if (worker.threadId === -1) return; // already ended
      const stopped = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'stop' });
      await stopped;
    },
  };
}

/**
 * The emulators' thread should outlive every request; if it ends anyway (an error it could not
 * survive, or running out of memory), the stack says so at once instead of answering 500 to all.
 */
function watchForDeath(worker: Worker): { listeners: ((error: Error) => void)[]; expectExit(): void } {
  const listeners: ((error: Error) => void)[] = [];
  let expected = false;
  let cause: Error | undefined;
  worker.on('error', (error) => {
    cause = error;
  });
  worker.on('exit', (code) => {
    if (expected) return;
    const error = new Error(`the S3 and DynamoDB emulators stopped (exit code ${code})${cause ? `: ${cause.stack ?? cause.message}` : ''}`);
    process.stderr.write(`lede: ${error.message}\nlede: the local stack cannot serve requests any more; restart it.\n`);
    for (const listener of listeners) listener(error);
  });
  return { listeners, expectExit: () => (expected = true) };
}

/** The same key schema and indexes as the CDK stack's table (both read shared/store/schema.ts). */
async function createArticlesTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const index = (i: { indexName: string; partitionKey: string; sortKey: string }) => ({
    IndexName: i.indexName,
    KeySchema: [
      { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [T.partitionKey, T.sortKey, T.byEntity.partitionKey, T.byEntity.sortKey, T.byTime.partitionKey, T.byTime.sortKey].map(
          (AttributeName) => ({ AttributeName, AttributeType: 'S' as const }),
        ),
        KeySchema: [
          { AttributeName: T.partitionKey, KeyType: 'HASH' },
          { AttributeName: T.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [index(T.byEntity), index(T.byTime)],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  } finally {
    client.destroy();
  }
}
