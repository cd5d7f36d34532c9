import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { ARTICLES_TABLE as T } from '../shared/store/schema.ts';

/** The emulators speak the real protocols; these are the credentials s3rver accepts. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const LOCAL_REGION = 'us-east-1';

export interface Emulators {
  s3: S3rver;
  s3Endpoint: string;
  dynamoEndpoint: string;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  host: string;
  s3Port: number;
  dynamoPort: number;
  bucket: string;
  tableName: string;
  /** Where objects and table data persist; none keeps the table in memory (tests). */
  dataDir: string;
  persistTable: boolean;
}

export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  await mkdir(join(options.dataDir, 's3'), { recursive: true });
  const s3 = new S3rver({
    address: options.host,
    port: options.s3Port,
    silent: true,
    directory: join(options.dataDir, 's3'),
    configureBuckets: [{ name: options.bucket, configs: [] }],
  });
  const s3Address = await s3.run();
  const dynamo = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.persistTable ? { path: join(options.dataDir, 'dynamodb') } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    dynamo.once('error', reject);
    dynamo.listen(options.dynamoPort, options.host, () => resolve());
  });
  const s3Endpoint = `http://${options.host}:${s3Address.port}`;
  const dynamoEndpoint = `http://${options.host}:${(dynamo.address() as AddressInfo).port}`;
  await createArticlesTable(dynamoEndpoint, options.tableName);
  return {
    s3,
    s3Endpoint,
    dynamoEndpoint,
    async stop() {
      await s3.close();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
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
