import type { StartKey } from './cursor.ts';

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export type PageFetcher<T> = (
  exclusiveStartKey: StartKey | undefined,
  limit: number,
) => Promise<{ items: { item: T; key: StartKey }[]; lastEvaluatedKey?: StartKey }>;

/**
 * Collects up to `limit` items across DynamoDB pages (filters can thin a page), reading one item
 * ahead so that the cursor is null exactly when nothing follows. `cursorFor` issues the cursor
 * that continues after a start key.
 */
export async function paginate<T>(
  limit: number,
  startKey: StartKey | undefined,
  fetch: PageFetcher<T>,
  cursorFor: (key: StartKey) => string,
): Promise<Page<T>> {
  const collected: { item: T; key: StartKey }[] = [];
  let next = startKey;
  do {
    const page = await fetch(next, limit + 1 - collected.length);
    collected.push(...page.items);
    next = page.lastEvaluatedKey;
  } while (next && collected.length <= limit);
  const items = collected.slice(0, limit);
  return {
    items: items.map((entry) => entry.item),
    cursor: collected.length > limit ? cursorFor(items[items.length - 1].key) : null,
  };
}
