import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque pagination cursors: a DynamoDB start key and an HMAC-SHA256 of it and of the query it
 * belongs to, so that only this API can issue one. A forged, altered or replayed-elsewhere cursor
 * fails verification before any of its values reaches DynamoDB.
 */

export type StartKey = Record<string, string>;

/** The environment variable holding the signing secret (on AWS, from a Secrets Manager secret). */
export const CURSOR_KEY_ENV = 'CURSOR_KEY';

/** Far above any cursor issued (start keys of at most about 3 KB) and short enough to check cheaply. */
const MAX_CURSOR_LENGTH = 8192;
const CURSOR_SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

/** Attribute names a start key must have, each with its greatest size in UTF-8 bytes. */
export type StartKeyShape = Record<string, number>;

export class CursorCodec {
  private secret: Buffer | undefined;

  /** `secret` is resolved on first use, so a store that never paginates never asks for it. */
  constructor(private readonly resolveSecret: () => string) {}

  /** Signs with CURSOR_KEY; without it, with a random key of this process (and a warning). */
  static fromEnvironment(): CursorCodec {
    return new CursorCodec(() => process.env[CURSOR_KEY_ENV] || processKey());
  }

  /** `query` names what the start key continues (the listing, or one entity and type). */
  encode(startKey: StartKey, query: string): string {
    const payload = Buffer.from(JSON.stringify(startKey)).toString('base64url');
    return `${payload}.${this.mac(payload, query).toString('base64url')}`;
  }

  /** The start key of a cursor this codec issued for `query`; anything else is an InvalidCursorError. */
  decode(cursor: string, query: string, shape: StartKeyShape): StartKey {
    const match = cursor.length <= MAX_CURSOR_LENGTH ? CURSOR_SHAPE.exec(cursor) : null;
    if (!match) throw notIssued();
    const [, payload, mac] = match;
    if (!timingSafeEqual(Buffer.from(mac, 'base64url'), this.mac(payload, query))) throw notIssued();
    const startKey = parseStartKey(payload);
    if (!startKey || !fitsShape(startKey, shape)) throw notIssued();
    return startKey;
  }

  private mac(payload: string, query: string): Buffer {
    this.secret ??= Buffer.from(this.resolveSecret(), 'utf8');
    return createHmac('sha256', this.secret).update(JSON.stringify([query, payload])).digest();
  }
}

function notIssued(): InvalidCursorError {
  return new InvalidCursorError('The cursor is not one this API issued for this query.');
}

function parseStartKey(payload: string): StartKey | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as StartKey) : undefined;
  } catch {
    return undefined;
  }
}

/** Exactly the attributes of the shape, each a non-empty string within its size. */
function fitsShape(startKey: StartKey, shape: StartKeyShape): boolean {
  const entries = Object.entries(startKey);
  return (
    entries.length === Object.keys(shape).length &&
    entries.every(
      ([name, value]) =>
        Object.hasOwn(shape, name) && typeof value === 'string' && value.length > 0 && Buffer.byteLength(value) <= shape[name],
    )
  );
}

let fallbackKey: string | undefined;

/**
 * Without CURSOR_KEY cursors stay unforgeable but last only as long as this process: safe, and
 * loud, since a deployed stack with several instances would refuse each other's cursors.
 */
function processKey(): string {
  if (fallbackKey === undefined) {
    fallbackKey = randomBytes(32).toString('base64url');
    process.emitWarning(`${CURSOR_KEY_ENV} is not set: pagination cursors are signed with a key of this process only.`, {
      code: 'LEDE_NO_CURSOR_KEY',
    });
  }
  return fallbackKey;
}
