import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, InvalidCursorError } from '../../shared/store/cursor.ts';

const ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
const key = { pk: 'ARTICLE#a.txt', sk: 'ENTITY#1#0000', gsi1pk: 'ENTITY#minsk', gsi1sk: '2026-11-28#a.txt' };

describe('pagination cursors', () => {
  it('round-trips a start key', () => {
    expect(decodeCursor(encodeCursor(key), ATTRIBUTES, { gsi1pk: 'ENTITY#minsk' })).toEqual(key);
  });

  it.each([
    ['garbage', 'not-a-cursor!!'],
    ['a JSON array', Buffer.from('[1,2]').toString('base64url')],
    ['a missing attribute', encodeCursor({ pk: 'a', sk: 'b', gsi1pk: 'ENTITY#minsk' })],
    ['an extra attribute', encodeCursor({ ...key, admin: 'yes' })],
    ['a number where a string belongs', Buffer.from(JSON.stringify({ ...key, sk: 5 })).toString('base64url')],
    ['another query', encodeCursor({ ...key, gsi1pk: 'ENTITY#paris' })],
  ])('refuses %s', (_what, cursor) => {
    expect(() => decodeCursor(cursor, ATTRIBUTES, { gsi1pk: 'ENTITY#minsk' })).toThrow(InvalidCursorError);
  });
});

describe('pagination cursors with empty values', () => {
  it('refuses them (DynamoDB would reject the start key)', () => {
    expect(() => decodeCursor(encodeCursor({ ...key, sk: '' }), ATTRIBUTES)).toThrow(InvalidCursorError);
  });
});
