import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const BATCH_WRITE_MAX = 25;

/** BatchWriteItem in chunks of 25, retrying what DynamoDB leaves unprocessed under load. */
export async function batchWrite(client: DynamoDBDocumentClient, table: string, requests: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH_WRITE_MAX) {
    let pending = requests.slice(start, start + BATCH_WRITE_MAX);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = (UnprocessedItems?.[table] as Record<string, unknown>[] | undefined) ?? [];
    }
  }
}

const BATCH_GET_MAX = 100;

/** BatchGetItem in chunks of 100 keys, retrying unprocessed keys (also those past the 16 MB response limit). */
export async function batchGet(
  client: DynamoDBDocumentClient,
  table: string,
  keys: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_MAX) {
    let pending = keys.slice(start, start + BATCH_GET_MAX);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const { Responses, UnprocessedKeys } = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
      found.push(...(Responses?.[table] ?? []));
      pending = (UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return found;
}

function backoff(attempt: number): Promise<void> {
  const delay = Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, delay));
}
