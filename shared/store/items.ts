import type { ArticleRecord } from '../model/record.ts';
import type { Entity, EntityType } from '../nlp/types.ts';
import { normalizeEntityName } from './names.ts';

/** Only the most salient entities are indexed: past these, an article is not "about" them. */
const MAX_INDEXED_ENTITIES = 200;
const MAX_ALIASES_PER_ENTITY = 4;
const MAX_ALIAS_LENGTH = 200;
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
    const names = [entity.name, ...entity.mentions.map((m) => m.text)].map(normalizeEntityName);
    for (const alias of [...new Set(names)].filter(Boolean).slice(0, MAX_ALIASES_PER_ENTITY)) {
      const key = alias.slice(0, MAX_ALIAS_LENGTH);
      const existing = byAlias.get(key);
      if (existing) {
        if (!existing.summary.types.includes(entity.type)) existing.summary.types.push(entity.type);
        continue;
      }
      byAlias.set(key, {
        alias: key,
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
  return fitted;
}

function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
