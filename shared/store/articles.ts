import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { comparableSequencer, type ObjectChange } from '../events/s3-notifications.ts';
import type { ArticleRecord } from '../model/record.ts';
import type { EntityType } from '../nlp/types.ts';
import { decodeCursor, encodeCursor, type StartKey } from './cursor.ts';
import { fitRecordForItem, indexedEntities } from './items.ts';
import { normalizeEntityName } from './names.ts';
import { ARTICLES_TABLE as T } from './schema.ts';

const RECORD = 'RECORD';
const ALL_ARTICLES = 'ARTICLES';
const BATCH_WRITE_MAX = 25;

/** What listings show of an article: the record without its long lists. */
export type ArticleListing = Omit<ArticleRecord, 'entities' | 'keyphrases'> & {
  entity?: { name: string; type: EntityType; salience: number; mentionCount: number };
};

export interface Page {
  items: ArticleListing[];
  cursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

type StoredRecord = ArticleRecord & { pk: string; sk: string; seq: string; deleted?: boolean };
interface EntityItem {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  seq: string;
  key: string;
  entity: NonNullable<ArticleListing['entity']> & { types: EntityType[] };
}

export type SaveOutcome = 'saved' | 'stale';

/** The articles table: one record per S3 key, ordered by S3 sequencer, plus an entity index. */
export class ArticleStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The sequencer of the change the stored record reflects, if any (a deletion included). */
  async storedSequencer(key: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: recordKey(key), ProjectionExpression: 'seq', ConsistentRead: true }),
    );
    return Item?.seq as string | undefined;
  }

  /** Whether the stored record already reflects this change or a later one, or there is no record at all. */
  async compareWithStored(change: ObjectChange): Promise<'none' | 'older' | 'same-or-newer'> {
    const stored = await this.storedSequencer(change.key);
    if (stored === undefined) return 'none';
    return stored >= comparableSequencer(change.sequencer) ? 'same-or-newer' : 'older';
  }

  /**
   * Stores the record of a created object unless a record of the same or a later change is there.
   * Entity items go in first: readers ignore those whose sequencer is not the record's, so a crash
   * between the writes leaves nothing visible that is wrong.
   */
  async saveRecord(change: ObjectChange, record: ArticleRecord, replacing: boolean): Promise<SaveOutcome> {
    const seq = comparableSequencer(change.sequencer);
    const sortKey = `${change.eventTime}#${change.key}`;
    await this.batchWrite(
      indexedEntities(record.entities).map((entity, n): EntityItem => ({
        pk: articlePk(change.key),
        sk: `ENTITY#${seq}#${String(n).padStart(4, '0')}`,
        gsi1pk: `ENTITY#${entity.alias}`,
        gsi1sk: sortKey,
        seq,
        key: change.key,
        entity: entity.summary,
      })).map((item) => ({ PutRequest: { Item: item } })),
    );
    const item: StoredRecord & Record<string, unknown> = {
      ...fitRecordForItem(record),
      pk: articlePk(change.key),
      sk: RECORD,
      seq,
      gsi2pk: ALL_ARTICLES,
      gsi2sk: sortKey,
    };
    const saved = await this.putIfNewer(item, seq);
    // A first record has no older entity items to remove (any a racing older change wrote are
    // invisible, their sequencer not being the record's); a replaced or refused one does.
    if (!saved) await this.pruneEntityItems(change.key);
    else if (replacing) await this.pruneEntityItems(change.key, seq);
    return saved ? 'saved' : 'stale';
  }

  /** Records a deletion as a tombstone, so that a late event for an older version cannot revive the article. */
  async markDeleted(change: ObjectChange): Promise<SaveOutcome> {
    const seq = comparableSequencer(change.sequencer);
    const saved = await this.putIfNewer({ pk: articlePk(change.key), sk: RECORD, seq, key: change.key, deleted: true }, seq);
    if (saved) await this.pruneEntityItems(change.key, seq);
    return saved ? 'saved' : 'stale';
  }

  async getArticle(key: string): Promise<ArticleRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: recordKey(key) }));
    if (!Item || Item.deleted) return undefined;
    return toPublicRecord(Item as StoredRecord);
  }

  /** All articles, newest upload first. */
  async listArticles(request: PageRequest): Promise<Page> {
    const index = T.byTime;
    const startKey = request.cursor
      ? decodeCursor(request.cursor, [T.partitionKey, T.sortKey, index.partitionKey, index.sortKey], { [index.partitionKey]: ALL_ARTICLES })
      : undefined;
    return this.paginate(request.limit, startKey, async (exclusiveStartKey, limit) => {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: { ':pk': ALL_ARTICLES },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      const items = (page.Items ?? []) as (StoredRecord & StartKey)[];
      return {
        items: items.map((item) => ({ listing: toListing(item), key: startKeyOf(item, index) })),
        lastEvaluatedKey: page.LastEvaluatedKey as StartKey | undefined,
      };
    });
  }

  /** Articles that mention an entity (by any of its names, case-insensitively), newest upload first. */
  async findByEntity(name: string, type: EntityType | undefined, request: PageRequest): Promise<Page> {
    const index = T.byEntity;
    const partition = `ENTITY#${normalizeEntityName(name)}`;
    const startKey = request.cursor
      ? decodeCursor(request.cursor, [T.partitionKey, T.sortKey, index.partitionKey, index.sortKey], { [index.partitionKey]: partition })
      : undefined;
    return this.paginate(request.limit, startKey, async (exclusiveStartKey, limit) => {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ...(type
            ? {
                FilterExpression: 'contains(#entity.#types, :type)',
                ExpressionAttributeNames: { '#pk': index.partitionKey, '#entity': 'entity', '#types': 'types' },
                ExpressionAttributeValues: { ':pk': partition, ':type': type },
              }
            : { ExpressionAttributeNames: { '#pk': index.partitionKey }, ExpressionAttributeValues: { ':pk': partition } }),
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      const hits = (page.Items ?? []) as (EntityItem & StartKey)[];
      const records = await this.currentRecords(hits.map((hit) => hit.key));
      const items = hits.flatMap((hit) => {
        const record = records.get(hit.key);
        // Index items of a superseded analysis stay until pruned; the record's sequencer tells them apart.
        if (!record || record.deleted || record.seq !== hit.seq) return [];
        const { types: _types, ...entity } = hit.entity;
        return [{ listing: { ...toListing(record), entity }, key: startKeyOf(hit, index) }];
      });
      return { items, lastEvaluatedKey: page.LastEvaluatedKey as StartKey | undefined };
    });
  }

  /**
   * Collects up to `limit` items across DynamoDB pages (filters can thin a page), reading one item
   * ahead so that the cursor is null exactly when nothing follows.
   */
  private async paginate(
    limit: number,
    startKey: StartKey | undefined,
    fetch: (
      exclusiveStartKey: StartKey | undefined,
      limit: number,
    ) => Promise<{ items: { listing: ArticleListing; key: StartKey }[]; lastEvaluatedKey?: StartKey }>,
  ): Promise<Page> {
    const collected: { listing: ArticleListing; key: StartKey }[] = [];
    let next = startKey;
    do {
      const page = await fetch(next, limit + 1 - collected.length);
      collected.push(...page.items);
      next = page.lastEvaluatedKey;
    } while (next && collected.length <= limit);
    const more = collected.length > limit;
    const items = collected.slice(0, limit);
    return {
      items: items.map((item) => item.listing),
      cursor: more ? encodeCursor(items[items.length - 1].key) : null,
    };
  }

  private async putIfNewer(item: Record<string, unknown>, seq: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk) OR seq < :seq',
          ExpressionAttributeValues: { ':seq': seq },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') {
        return false;
      }
      throw error;
    }
  }

  /** Deletes the entity items that do not belong to the article's current record (all of them after a deletion). */
  private async pruneEntityItems(key: string, knownCurrent?: string): Promise<void> {
    const current = knownCurrent ?? (await this.storedSequencer(key));
    const stale: { pk: string; sk: string }[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entity)',
          ExpressionAttributeValues: { ':pk': articlePk(key), ':entity': 'ENTITY#' },
          ProjectionExpression: 'pk, sk, seq',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) if (item.seq !== current) stale.push({ pk: item.pk, sk: item.sk });
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    await this.batchWrite(stale.map((Key) => ({ DeleteRequest: { Key } })));
  }

  private async currentRecords(keys: string[]): Promise<Map<string, StoredRecord>> {
    const found = new Map<string, StoredRecord>();
    let pending: Record<string, unknown>[] = [...new Set(keys)].map(recordKey);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }),
      );
      for (const item of Responses?.[this.tableName] ?? []) found.set((item as StoredRecord).key ?? '', item as StoredRecord);
      pending = (UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
    return found;
  }

  private async batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < requests.length; start += BATCH_WRITE_MAX) {
      let pending = requests.slice(start, start + BATCH_WRITE_MAX);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await backoff(attempt);
        const { UnprocessedItems } = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } }),
        );
        pending = (UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined) ?? [];
      }
    }
  }
}

function articlePk(key: string): string {
  return `ARTICLE#${key}`;
}

function recordKey(key: string): { pk: string; sk: string } {
  return { pk: articlePk(key), sk: RECORD };
}

function startKeyOf(item: StartKey, index: { partitionKey: string; sortKey: string }): StartKey {
  return {
    [T.partitionKey]: item[T.partitionKey],
    [T.sortKey]: item[T.sortKey],
    [index.partitionKey]: item[index.partitionKey],
    [index.sortKey]: item[index.sortKey],
  };
}

function toPublicRecord(item: StoredRecord): ArticleRecord {
  const { pk: _pk, sk: _sk, seq: _seq, deleted: _deleted, gsi2pk: _g2p, gsi2sk: _g2s, ...record } = item as StoredRecord &
    Record<string, unknown>;
  return record as ArticleRecord;
}

function toListing(item: StoredRecord): ArticleListing {
  const { entities: _entities, keyphrases: _keyphrases, ...listing } = toPublicRecord(item);
  return listing;
}

function backoff(attempt: number): Promise<void> {
  const delay = Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, delay));
}
