import { createHash } from 'node:crypto';
import type { ArticleRecord } from '../model/record.ts';
import type { Entity, EntityType } from '../nlp/types.ts';
import { entityAlias } from './names.ts';

/** Only the most salient entities are indexed: past these, an article is not "about" them. */
const MAX_INDEXED_ENTITIES = 200;
/** An entity's names in the index: its name, its aliases and how the article writes it, de-duplicated. */
const MAX_ALIASES_PER_ENTITY = 12;
/** DynamoDB's item limit is 400 KB; the rest is room for attribute names and index keys. */
const MAX_RECORD_BYTES = 300 * 1024;

export interface IndexedEntity {
  alias: string;
  summary: { name: string; type: EntityType; types: EntityType[]; salience: number; mentionCount: number };
}

/**
 * One index entry per distinct name an article uses for its entities (`Emmanuel Macron`, `Macron`),
 * so that a query by any of them finds it. Two entities sharing a name share the entry.
 */
export function indexedEntities(entities: Entity[]): IndexedEntity[] {
  const byAlias = new Map<string, IndexedEntity>();
  for (const entity of entities.slice(0, MAX_INDEXED_ENTITIES)) {
    const names = [entity.name, ...(entity.aliases ?? []), ...entity.mentions.map((m) => m.text)].map(entityAlias);
    for (const alias of [...new Set(names)].filter(Boolean).slice(0, MAX_ALIASES_PER_ENTITY)) {
      const existing = byAlias.get(alias);
      if (existing) {
        if (!existing.summary.types.includes(entity.type)) existing.summary.types.push(entity.type);
        continue;
      }
      byAlias.set(alias, {
        alias,
        summary: {
          name: entity.name,
          type: entity.type,
          types: [entity.type],
          salience: entity.salience,
          mentionCount: entity.mentions.length,
        },
      });
    }
  }
  return [...byAlias.values()];
}

/** DynamoDB's limits on key attribute values, in UTF-8 bytes. */
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;
/** `#` and 16 hex digits of SHA-256: 64 bits keep cut values apart. */
const CUT_MARK_BYTES = 17;

/**
 * The sort key of an entity's index entries: most central first (the entity's salience in the
 * article, 0-10000), then newest upload (`S05000#uploadedAt#key`, read in descending order).
 */
export function entitySortKey(salience: number, uploadedAt: string, key: string): string {
  const centrality = String(Math.round(Math.min(1, Math.max(0, salience)) * 10_000)).padStart(5, '0');
  return fitKeyValue(`S${centrality}#${uploadedAt}#${key}`, MAX_SORT_KEY_BYTES);
}

/**
 * The sort key of the `byTime` index, newest upload first: `uploadedAt#key`. A 1,024-byte S3 key would
 * take it past DynamoDB's 1,024 bytes, so a long one is cut (see fitKeyValue).
 */
export function timeSortKey(uploadedAt: string, key: string): string {
  return fitKeyValue(`${uploadedAt}#${key}`, MAX_SORT_KEY_BYTES);
}

/**
 * A key attribute value within `maxBytes` of UTF-8: unchanged when it fits, else cut at a character
 * boundary and ended with `#` and a hash of the whole value. Order by the kept prefix holds (the
 * upload time always survives), and two values cut to the same prefix still differ.
 */
export function fitKeyValue(value: string, maxBytes: number): string {
  if (Buffer.byteLength(value) <= maxBytes) return value;
  const hash = createHash('sha256').update(value).digest('hex').slice(0, CUT_MARK_BYTES - 1);
  return `${truncateUtf8(value, maxBytes - CUT_MARK_BYTES)}#${hash}`;
}

/** The longest prefix of whole characters within `maxBytes` of UTF-8. */
export function truncateUtf8(value: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of value) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return value.slice(0, end);
}

/**
 * Keeps a record within DynamoDB's item size: long articles keep every entity's first mentions and
 * the most salient entities, and say that they were cut.
 */
export function fitRecordForItem(record: ArticleRecord): ArticleRecord {
  if (byteSize(record) <= MAX_RECORD_BYTES) return record;
  let fitted = record;
  for (const mentionsKept of [20, 5, 1]) {
    fitted = {
      ...record,
      entities: record.entities.map((e) => ({ ...e, mentions: e.mentions.slice(0, mentionsKept) })),
      warnings: [
        ...(record.warnings ?? []),
        { code: 'RECORD_TRUNCATED', message: `Mentions were cut to the first ${mentionsKept} per entity to fit the record store.` },
      ],
    };
    if (byteSize(fitted) <= MAX_RECORD_BYTES) return fitted;
  }
  let count = fitted.entities.length;
  while (count > 0 && byteSize(fitted) > MAX_RECORD_BYTES) {
    count = Math.floor(count / 2);
    fitted = { ...fitted, entities: fitted.entities.slice(0, count) };
  }
  if (byteSize(fitted) <= MAX_RECORD_BYTES) return fitted;
  // The analyzer bounds every string it quotes, so only a bug gets here; the record still gets written.
  return {
    ...fitted,
    title: fitted.title?.slice(0, 1_000) ?? null,
    summary: [],
    keyphrases: [],
    byline: undefined,
    siteName: undefined,
    warnings: [
      ...(record.warnings ?? []).slice(0, 10).map(({ code, message }) => ({ code, message: message.slice(0, 500) })),
      { code: 'RECORD_TRUNCATED', message: 'The analysis was too large for the record store: its summary, key phrases and entities were left out.' },
    ],
  };
}

function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
