/** Opaque pagination cursors: a DynamoDB start key, base64url-encoded and checked on the way back in. */

export type StartKey = Record<string, string>;

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

export function encodeCursor(key: StartKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Accepts only a cursor this API could have issued for the same query: exactly these attributes, all strings. */
export function decodeCursor(cursor: string, attributes: readonly string[], expected: Partial<StartKey> = {}): StartKey {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('The cursor is not one this API issued.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidCursorError('The cursor is not one this API issued.');
  }
  const entries = Object.entries(value);
  const fits =
    entries.length === attributes.length &&
    entries.every(([name, v]) => attributes.includes(name) && typeof v === 'string' && v.length > 0 && v.length <= 2048) &&
    Object.entries(expected).every(([name, v]) => (value as StartKey)[name] === v);
  if (!fits) throw new InvalidCursorError('The cursor is not one this API issued, or belongs to another query.');
  return value as StartKey;
}
