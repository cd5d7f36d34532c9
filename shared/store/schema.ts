/**
 * The articles table, shared by the CDK stack and the local stack so both build the same thing.
 *
 * Items:
 * - the record of an article:       pk `ARTICLE#<key>`, sk `RECORD`; in `byTime` while it exists
 * - one item per name it uses for its entities: pk `ARTICLE#<key>`, sk `ENTITY#<analysis id>#<n>`,
 *   carrying the change's sequencer and the analysis id; in `byEntity`
 * A deleted article keeps a tombstone record (no index attributes) so that a late, older event
 * cannot bring it back.
 */
export const ARTICLES_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  byEntity: { indexName: 'byEntity', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  byTime: { indexName: 'byTime', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
} as const;

/** Environment variables the functions read. */
export const ENV = {
  tableName: 'TABLE_NAME',
  /** The bucket of analyzed texts (what mention offsets index); never the articles bucket. */
  textBucket: 'TEXT_BUCKET',
} as const;
