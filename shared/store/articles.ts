import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { comparableSequencer, type ObjectChange } from '../events/s3-notifications.ts';
import type { ArticleRecord } from '../model/record.ts';
import type { EntityType } from '../nlp/types.ts';
import { batchGet, batchWrite } from './batch.ts';
import { CursorCodec, InvalidCursorError, type StartKey, type StartKeyShape } from './cursor.ts';
import { entitySortKey, fitRecordForItem, indexedEntities, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES, timeSortKey, type IndexedEntity } from './items.ts';
import { entityAlias, entityPartition } from './names.ts';
import { paginate, type Page, type PageFetcher } from './paginate.ts';
import { ARTICLES_TABLE as T } from './schema.ts';

const RECORD = 'RECORD';
const ALL_ARTICLES = 'ARTICLES';

/** What listings show of an article: the record without its long lists. */
export type ArticleListing = Omit<ArticleRecord, 'entities' | 'keyphrases'> & {
  entity?: Omit<IndexedEntity['summary'], 'types'>;
};

export type { Page };

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** Where a stored record came from: enough to re-read the exact object version and to update it safely. */
export interface StoredArticleRef {
  key: string;
  seq: string;
  analysisId: string;
  analyzerVersion: string;
  s3VersionId?: string;
  s3ETag?: string;
  uploadedAt?: string;
}

/** The attributes kept beside the public record; never served. */
interface Bookkeeping {
  pk: string;
  sk: string;
  /** The S3 sequencer of the change the item reflects, padded to compare as a string. */
  seq: string;
  /** Which analysis wrote the item: entity items of any other analysis are stale. */
  analysisId?: string;
  s3VersionId?: string;
  s3ETag?: string;
  deleted?: boolean;
  gsi2pk?: string;
  gsi2sk?: string;
}

type StoredRecord = ArticleRecord & Bookkeeping;

interface EntityItem {
  pk: string;
  sk: string;
  /** The sequencer of the change whose analysis wrote the item. */
  seq: string;
  gsi1pk: string;
  gsi1sk: string;
  key: string;
  analysisId: string;
  entity: IndexedEntity['summary'];
}

export interface SaveResult {
  outcome: 'saved' | 'stale';
  /** The text object of the record this write replaced, now unreferenced. */
  replacedTextKey?: string;
}

/**
 * The articles table: one record per S3 key, ordered by S3 sequencer (a deletion leaves a
 * tombstone), plus one entity-index item per name an article uses, in the `byEntity` index.
 *
 * Entity items are written before the record they belong to and carry its analysis id; readers
 * keep only hits whose id is the record's. So a crash between writes, or a race between two
 * versions, never shows a wrong hit; stale items are pruned after the record is written.
 */
export class ArticleStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Signs and checks pagination cursors; by default with the CURSOR_KEY secret. */
    private readonly cursors: CursorCodec = CursorCodec.fromEnvironment(),
  ) {}

  /** The S3 version the stored record describes; null for a deletion, undefined when there is no record. */
  async storedVersion(key: string): Promise<string | null | undefined> {
    const stored = await this.storedRecord(key, 's3VersionId, deleted');
    if (!stored) return undefined;
    return stored.deleted ? null : (stored.s3VersionId ?? null);
  }

  /** How this change relates to what is stored for its key. */
  async compareWithStored(change: ObjectChange): Promise<'none' | 'older' | 'same-or-newer'> {
    const stored = await this.storedRecord(change.key, 'seq');
    if (!stored) return 'none';
    return stored.seq >= comparableSequencer(change.sequencer) ? 'same-or-newer' : 'older';
  }

  /** Stores the record of a created object unless a record of the same or a later change is there. */
  async saveRecord(change: ObjectChange, record: ArticleRecord, replacing: boolean): Promise<SaveResult> {
    const seq = comparableSequencer(change.sequencer);
    const sortKey = timeSortKey(change.eventTime, change.key);
    const analysisId = await this.writeEntityItems(change.key, seq, change.eventTime, record);
    const item: StoredRecord = {
      ...fitRecordForItem(record),
      pk: articlePk(change.key),
      sk: RECORD,
      seq,
      analysisId,
      ...(change.versionId ? { s3VersionId: change.versionId } : {}),
      ...(change.eTag ? { s3ETag: change.eTag } : {}),
      gsi2pk: ALL_ARTICLES,
      gsi2sk: sortKey,
    };
    const { saved, previous } = await this.conditionalPut(item, 'attribute_not_exists(pk) OR seq < :seq', { ':seq': seq });
    // A first record has no older entity items to remove; a replaced one has, and a refused write
    // removes its own (a racing older change's items are invisible to readers until then).
    if (!saved || replacing) await this.pruneEntityItems(change.key, saved ? { seq, analysisId } : undefined);
    return { outcome: saved ? 'saved' : 'stale', replacedTextKey: previous?.textKey };
  }

  /** Records a deletion as a tombstone, so that a late event for an older version cannot revive the article. */
  async markDeleted(change: ObjectChange): Promise<SaveResult> {
    const seq = comparableSequencer(change.sequencer);
    const tombstone: Bookkeeping & { key: string } = { pk: articlePk(change.key), sk: RECORD, seq, key: change.key, deleted: true };
    const { saved, previous } = await this.conditionalPut(tombstone, 'attribute_not_exists(pk) OR seq < :seq', { ':seq': seq });
    if (saved) await this.pruneEntityItems(change.key, { seq, analysisId: '' });
    return { outcome: saved ? 'saved' : 'stale', replacedTextKey: previous?.textKey };
  }

  /**
   * Replaces the analysis of a stored record by a newer analyzer's, for the same object version.
   * Refused ('stale') when the record changed meanwhile: a new upload or another re-analysis won.
   */
  async replaceAnalysis(ref: StoredArticleRef, record: ArticleRecord): Promise<SaveResult> {
    const sortKey = timeSortKey(`${ref.uploadedAt}`, ref.key);
    const analysisId = await this.writeEntityItems(ref.key, ref.seq, `${ref.uploadedAt}`, record);
    const item: StoredRecord = {
      ...fitRecordForItem(record),
      pk: articlePk(ref.key),
      sk: RECORD,
      seq: ref.seq,
      analysisId,
      ...(ref.s3VersionId ? { s3VersionId: ref.s3VersionId } : {}),
      ...(ref.s3ETag ? { s3ETag: ref.s3ETag } : {}),
      gsi2pk: ALL_ARTICLES,
      gsi2sk: sortKey,
    };
    // The condition is the whole check: the record still reflects the same change and analysis.
    const { saved, previous } = await this.conditionalPut(item, 'seq = :seq AND analysisId = :analysisId', {
      ':seq': ref.seq,
      ':analysisId': ref.analysisId,
    });
    await this.pruneEntityItems(ref.key, saved ? { seq: ref.seq, analysisId } : undefined);
    return { outcome: saved ? 'saved' : 'stale', replacedTextKey: previous?.textKey };
  }

  /** Every live record, by a paginated Scan: for maintenance (re-analysis, reconciliation), never for the API. */
  async *storedArticles(): AsyncGenerator<StoredArticleRef> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :record AND attribute_not_exists(deleted)',
          ProjectionExpression: '#key, seq, analysisId, analyzerVersion, s3VersionId, s3ETag, uploadedAt',
          ExpressionAttributeNames: { '#key': 'key' },
          ExpressionAttributeValues: { ':record': RECORD },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) yield item as StoredArticleRef;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async getArticle(key: string): Promise<ArticleRecord | undefined> {
    const item = await this.storedRecord(key, undefined, false);
    return item && !item.deleted ? toPublicRecord(item) : undefined;
  }

  /** Where the text an article's offsets index is kept, if it has one. */
  async textKeyOf(key: string): Promise<string | undefined> {
    const item = await this.storedRecord(key, 'textKey, deleted', false);
    return item && !item.deleted ? item.textKey : undefined;
  }

  /** All articles, newest upload first. */
  async listArticles(request: PageRequest): Promise<Page<ArticleListing>> {
    const index = T.byTime;
    const query = 'all articles';
    const startKey = this.startKeyFrom(request.cursor, query, index, ALL_ARTICLES);
    const fetchPage: PageFetcher<ArticleListing> = async (exclusiveStartKey, limit) => {
      const page = await this.queryIndex(index, ALL_ARTICLES, exclusiveStartKey, limit);
      const items = (page.Items ?? []) as (StoredRecord & StartKey)[];
      return {
        items: items.map((item) => ({ item: toListing(item), key: startKeyOf(item, index) })),
        lastEvaluatedKey: page.LastEvaluatedKey as StartKey | undefined,
      };
    };
    return paginate(request.limit, startKey, fetchPage, (key) => this.cursors.encode(key, query));
  }

  /** Articles that mention an entity (by any of its names, case-insensitively), newest upload first. */
  async findByEntity(name: string, type: EntityType | undefined, request: PageRequest): Promise<Page<ArticleListing>> {
    const index = T.byEntity;
    const partition = entityPartition(entityAlias(name));
    // The type filter is part of the query: a cursor of one type does not continue another.
    const query = JSON.stringify(['entity', partition, type ?? null]);
    const startKey = this.startKeyFrom(request.cursor, query, index, partition);
    const fetchPage: PageFetcher<ArticleListing> = async (exclusiveStartKey, limit) => {
      const page = await this.queryIndex(index, partition, exclusiveStartKey, limit, type);
      const hits = (page.Items ?? []) as (EntityItem & StartKey)[];
      const records = await this.currentRecords(hits.map((hit) => hit.key));
      const items = hits.flatMap((hit) => {
        const record = records.get(hit.key);
        if (!record || record.deleted || record.analysisId !== hit.analysisId) return [];
        const { types: _types, ...entity } = hit.entity;
        return [{ item: { ...toListing(record), entity }, key: startKeyOf(hit, index) }];
      });
      return { items, lastEvaluatedKey: page.LastEvaluatedKey as StartKey | undefined };
    };
    return paginate(request.limit, startKey, fetchPage, (key) => this.cursors.encode(key, query));
  }

  private async writeEntityItems(key: string, seq: string, uploadedAt: string, record: ArticleRecord): Promise<string> {
    const analysisId = randomUUID();
    const items = indexedEntities(record.entities).map(
      (entity, n): EntityItem => ({
        pk: articlePk(key),
        sk: `ENTITY#${analysisId}#${String(n).padStart(4, '0')}`,
        gsi1pk: entityPartition(entity.alias),
        gsi1sk: entitySortKey(entity.summary.salience, uploadedAt, key),
        seq,
        key,
        analysisId,
        entity: entity.summary,
      }),
    );
    await batchWrite(this.client, this.tableName, items.map((Item) => ({ PutRequest: { Item } })));
    return analysisId;
  }

  /**
   * Deletes the entity items made stale by the stored record: those of older changes, and those of
   * other analyses of the same change. Items of a newer change, still being written by another
   * worker, stay: that worker prunes after its own record lands.
   */
  private async pruneEntityItems(key: string, known?: { seq: string; analysisId: string }): Promise<void> {
    const stored = known ?? (await this.storedRecord(key, 'seq, analysisId'));
    if (!stored) return;
    const current = { seq: stored.seq, analysisId: stored.analysisId ?? '' };
    const stale: { pk: string; sk: string }[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entity)',
          ExpressionAttributeValues: { ':pk': articlePk(key), ':entity': 'ENTITY#' },
          ProjectionExpression: 'pk, sk, seq, analysisId',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const older = item.seq < current.seq;
        const sameChangeOtherAnalysis = item.seq === current.seq && item.analysisId !== current.analysisId;
        if (older || sameChangeOtherAnalysis) stale.push({ pk: item.pk, sk: item.sk });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    await batchWrite(this.client, this.tableName, stale.map((Key) => ({ DeleteRequest: { Key } })));
  }

  private async storedRecord(key: string, projection?: string, consistent = true): Promise<StoredRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: recordKey(key),
        ConsistentRead: consistent,
        ...(projection ? { ProjectionExpression: projection } : {}),
      }),
    );
    return Item as StoredRecord | undefined;
  }

  private async conditionalPut(
    item: object,
    condition: string,
    values: Record<string, string>,
  ): Promise<{ saved: boolean; previous?: StoredRecord }> {
    try {
      const { Attributes } = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item as Record<string, unknown>,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { saved: true, previous: Attributes as StoredRecord | undefined };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') {
        return { saved: false };
      }
      throw error;
    }
  }

  private queryIndex(
    index: { indexName: string; partitionKey: string },
    partition: string,
    exclusiveStartKey: StartKey | undefined,
    limit: number,
    type?: EntityType,
  ) {
    return this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ...(type ? { FilterExpression: 'contains(#entity.#types, :type)' } : {}),
        ExpressionAttributeNames: { '#pk': index.partitionKey, ...(type ? { '#entity': 'entity', '#types': 'types' } : {}) },
        ExpressionAttributeValues: { ':pk': partition, ...(type ? { ':type': type } : {}) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: exclusiveStartKey,
      }),
    );
  }

  private startKeyFrom(
    cursor: string | undefined,
    query: string,
    index: { partitionKey: string; sortKey: string },
    partition: string,
  ): StartKey | undefined {
    if (cursor === undefined) return undefined;
    const shape: StartKeyShape = {
      [T.partitionKey]: MAX_PARTITION_KEY_BYTES,
      [T.sortKey]: MAX_SORT_KEY_BYTES,
      [index.partitionKey]: MAX_PARTITION_KEY_BYTES,
      [index.sortKey]: MAX_SORT_KEY_BYTES,
    };
    const startKey = this.cursors.decode(cursor, query, shape);
    // Signed for this query, so this holds; checked anyway, as DynamoDB would fail on a mismatch.
    if (startKey[index.partitionKey] !== partition) throw new InvalidCursorError('The cursor belongs to another query.');
    return startKey;
  }

  private async currentRecords(keys: string[]): Promise<Map<string, StoredRecord>> {
    const items = await batchGet(this.client, this.tableName, [...new Set(keys)].map(recordKey));
    return new Map(items.map((item) => [String(item.key), item as unknown as StoredRecord]));
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
  // textKey is the texts bucket's internal layout: clients read the text through `?part=text`.
  const { pk, sk, seq, analysisId, s3VersionId, s3ETag, deleted, gsi2pk, gsi2sk, textKey, ...record } = item;
  void [pk, sk, seq, analysisId, s3VersionId, s3ETag, deleted, gsi2pk, gsi2sk, textKey];
  return record;
}

function toListing(item: StoredRecord): ArticleListing {
  const { entities, keyphrases, ...listing } = toPublicRecord(item);
  void [entities, keyphrases];
  return listing;
}
