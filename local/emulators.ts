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
  | { type: 'stopped' };

/** Starts s3rver and dynalite on a worker thread and creates the articles table. */
export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  await mkdir(join(options.dataDir, 's3'), { recursive: true });
  const { host, s3Port, dynamoPort, buckets, dataDir, persistTable } = options;
  const workerData = { host, s3Port, dynamoPort, buckets, dataDir, persistTable };
  const worker = new Worker(new URL('./emulator-worker.mjs', import.meta.url), { workerData });
  const listeners: ((event: S3Event) => void)[] = [];
  const ports = await new Promise<{ s3Port: number; dynamoPort: number; repaired: number }>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') resolve(message);
      if (message.type === 's3-event') for (const listener of listeners) listener(message.event);
    });
  });
  const s3Endpoint = `http://${options.host}:${ports.s3Port}`;
  const dynamoEndpoint = `http://${options.host}:${ports.dynamoPort}`;
  await createArticlesTable(dynamoEndpoint, options.tableName);
  return {
    s3Endpoint,
    dynamoEndpoint,
    incompleteUploadsRemoved: ports.repaired,
    onS3Event: (listener) => listeners.push(listener),
    async stop() {
      const stopped = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'stop' });
      await stopped;
    },
  };
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
