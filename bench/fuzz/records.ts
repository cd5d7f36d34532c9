/** Whether an input ended in a record, as issue 16 asks: `ok`, or `failed` with a clear code, that fits DynamoDB. */
import type { ArticleRecord } from '../../shared/model/record.ts';
import { fitRecordForItem } from '../../shared/store/items.ts';

/** DynamoDB refuses items over 400 KB, attribute names included. */
export const DYNAMODB_ITEM_BYTES = 400 * 1024;
/** The code the pipeline gives an analyzer that threw: a crash, not a clear reason. */
const CRASH_CODE = 'ANALYZER_ERROR';

export interface Verdict {
  endedInRecord: boolean;
  /** `ok`, `failed TOO_COMPLEX`, or why there is no record: `timeout`, `crash: RangeError...`. */
  label: string;
  /** The size of the record as the store would write it, when there is one. */
  itemBytes?: number;
}

export function noRecord(label: string): Verdict {
  return { endedInRecord: false, label };
}

/**
 * Judges what a reader got for `key`: a record of the key itself, ok or failed with a code other
 * than the crash code, whose serialized item (trimmed as the store trims it) fits DynamoDB.
 */
export function judgeRecord(value: unknown, key: string): Verdict {
  if (typeof value !== 'object' || value === null) return noRecord('not a record');
  const record = value as Partial<ArticleRecord>;
  if (record.key !== undefined && record.key !== key) return noRecord(`wrong record: '${shorten(record.key)}'`);
  if (record.status !== 'ok' && record.status !== 'failed') return noRecord(`not a record (status ${String(record.status)})`);
  const itemBytes = storedItemBytes({ ...(record as ArticleRecord), key });
  if (itemBytes > DYNAMODB_ITEM_BYTES) return { endedInRecord: false, label: `record over 400 KB (${kb(itemBytes)})`, itemBytes };
  if (record.status === 'ok') return { endedInRecord: true, label: 'ok', itemBytes };
  const code = record.error?.code;
  if (!code) return noRecord('failed without a code');
  if (code === CRASH_CODE) return { endedInRecord: false, label: `crash: ${code}`, itemBytes };
  return { endedInRecord: true, label: `failed ${code}`, itemBytes };
}

/** The record's serialized size once trimmed for the table, as the store writes it. */
export function storedItemBytes(record: ArticleRecord): number {
  return Buffer.byteLength(JSON.stringify(fitRecordForItem(record)));
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1000)} KB`;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
