import { withoutInvisibles } from '../nlp/invisible.ts';

/** Entity names are matched case-insensitively, with typographic apostrophes and spacing folded. */
export function normalizeEntityName(name: string): string {
  return withoutInvisibles(name).normalize('NFKC').replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Past this many UTF-16 units an alias is cut: a name that long is not one anybody queries whole. */
export const MAX_ALIAS_LENGTH = 200;

/**
 * The name under which an entity is indexed and looked up: normalized, then cut to
 * MAX_ALIAS_LENGTH at a character boundary (never inside a surrogate pair). Writers and readers
 * both go through it, so a query finds what was written even when NFKC lengthens the name (one
 * character can become 18), and the index key stays far below DynamoDB's 2,048 bytes (at most
 * 3 bytes per unit: 600 bytes).
 */
export function entityAlias(name: string): string {
  const alias = normalizeEntityName(name);
  if (alias.length <= MAX_ALIAS_LENGTH) return alias;
  const cut = isHighSurrogate(alias.charCodeAt(MAX_ALIAS_LENGTH - 1)) ? MAX_ALIAS_LENGTH - 1 : MAX_ALIAS_LENGTH;
  return alias.slice(0, cut);
}

/** The `byEntity` partition of an alias. */
export function entityPartition(alias: string): string {
  return `ENTITY#${alias}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
