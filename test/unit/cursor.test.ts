import { describe, expect, it } from 'vitest';
import { CursorCodec, InvalidCursorError, type StartKeyShape } from '../../shared/store/cursor.ts';

const SHAPE: StartKeyShape = { pk: 2048, sk: 1024, gsi1pk: 2048, gsi1sk: 1024 };
const QUERY = '["entity","ENTITY#minsk",null]';
const key = { pk: 'ARTICLE#a.txt', sk: 'ENTITY#1#0000', gsi1pk: 'ENTITY#minsk', gsi1sk: '2026-11-28#a.txt' };

function codec(secret = 'test secret'): CursorCodec {
  return new CursorCodec(() => secret);
}

/** A cursor with the right shape whose payload was written by hand, under some signature. */
function forged(payload: unknown, mac = 'A'.repeat(43)): string {
  return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
}

describe('pagination cursors', () => {
  it('round-trips a start key for the query it was issued for', () => {
    // Prepare
    const cursors = codec();
    // Act
    const cursor = cursors.encode(key, QUERY);
    // Assert
    expect(cursors.decode(cursor, QUERY, SHAPE)).toEqual(key);
  });

  it('still reads a cursor after a restart with the same secret', () => {
    // Prepare
    const cursor = codec('kept').encode(key, QUERY);
    // Act
    const decoded = codec('kept').decode(cursor, QUERY, SHAPE);
    // Assert
    expect(decoded).toEqual(key);
  });

  it.each([
    ['garbage', () => 'not-a-cursor!!'],
    ['an empty string', () => ''],
    ['a well-formed cursor with made-up values', () => forged(key)],
    ['an unsigned cursor of the old format', () => Buffer.from(JSON.stringify(key)).toString('base64url')],
    ['a cursor signed with another secret', () => codec('other').encode(key, QUERY)],
    ['a cursor issued for another entity', () => codec().encode(key, '["entity","ENTITY#paris",null]')],
    ['a cursor issued for another type', () => codec().encode(key, '["entity","ENTITY#minsk","PERSON"]')],
    ['a cursor issued for the listing', () => codec().encode(key, 'all articles')],
    ['a cursor whose start key was altered', () => swapPayload(codec().encode(key, QUERY), { ...key, gsi1sk: '2099-01-01#a.txt' })],
    ['a cursor over 8 KB', () => forged({ ...key, gsi1sk: 'x'.repeat(9000) })],
  ])('refuses %s', (_what, make) => {
    expect(() => codec().decode(make(), QUERY, SHAPE)).toThrow(InvalidCursorError);
  });

  it.each([
    ['a sort key over 1,024 bytes', { ...key, gsi1sk: `2026#${'é'.repeat(520)}` }],
    ['a missing attribute', { pk: 'a', sk: 'b', gsi1pk: 'ENTITY#minsk' }],
    ['an extra attribute', { ...key, admin: 'yes' }],
    ['a number where a string belongs', { ...key, sk: 5 }],
    ['an empty value', { ...key, sk: '' }],
    ['a JSON array', [1, 2]],
  ])('refuses %s even when signed (DynamoDB would reject the start key)', (_what, startKey) => {
    // Prepare: a cursor signed with the right secret, as if the secret had leaked
    const cursor = codec().encode(startKey as Record<string, string>, QUERY);
    // Act
    const decode = () => codec().decode(cursor, QUERY, SHAPE);
    // Assert
    expect(decode).toThrow(InvalidCursorError);
  });
});

function swapPayload(cursor: string, startKey: object): string {
  const [, mac] = cursor.split('.');
  return `${Buffer.from(JSON.stringify(startKey)).toString('base64url')}.${mac}`;
}

describe('pagination cursors without CURSOR_KEY', () => {
  it('are signed with a key of the process, and a warning says so', () => {
    // Prepare
    const saved = process.env.CURSOR_KEY;
    delete process.env.CURSOR_KEY;
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      // Act
      const cursor = CursorCodec.fromEnvironment().encode(key, QUERY);
      const decoded = CursorCodec.fromEnvironment().decode(cursor, QUERY, SHAPE);
      // Assert
      expect(decoded).toEqual(key);
      expect(() => codec('').decode(cursor, QUERY, SHAPE)).toThrow(InvalidCursorError);
    } finally {
      if (saved !== undefined) process.env.CURSOR_KEY = saved;
    }
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        process.off('warning', onWarning);
        expect(warnings.join('\n')).toMatch(/CURSOR_KEY is not set/);
        resolve();
      }),
    );
  });
});
