import { describe, expect, it } from 'vitest';
import { apiPath, encodeKeyForPath } from '../../cli/query.ts';
import { componentsToKey, keyToComponents } from '../../local/s3rver-store.mjs';
import { fitKeyValue, MAX_SORT_KEY_BYTES, timeSortKey, truncateUtf8 } from '../../shared/store/items.ts';
import { entityAlias, MAX_ALIAS_LENGTH } from '../../shared/store/names.ts';

const bytes = (text: string) => Buffer.byteLength(text);
const UPLOADED = '2026-11-28T10:00:00.000Z';
/** A 1,024-byte S3 key, the longest S3 accepts: 2- and 4-byte characters, a slash, a long segment. */
const LONGEST_KEY = `${'é'.repeat(100)}/${'𝔸'.repeat(200)}${'a'.repeat(1024 - 201 - 800)}`;

describe('DynamoDB key values', () => {
  it('keep the sort key of a 1,024-byte S3 key within 1,024 bytes', () => {
    // Act
    const sortKey = timeSortKey(UPLOADED, LONGEST_KEY);
    // Assert
    expect(bytes(LONGEST_KEY)).toBe(1024);
    expect(bytes(sortKey)).toBeLessThanOrEqual(MAX_SORT_KEY_BYTES);
    expect(sortKey.startsWith(`${UPLOADED}#${'é'.repeat(100)}/`)).toBe(true);
  });

  it('leave a sort key that fits unchanged (records written before keep their place)', () => {
    expect(timeSortKey(UPLOADED, 'world/france.txt')).toBe(`${UPLOADED}#world/france.txt`);
  });

  it('keep two long keys that share their first kilobyte apart', () => {
    // Prepare
    const shared = 'x'.repeat(1010);
    // Act
    const [a, b] = [timeSortKey(UPLOADED, `${shared}/a`), timeSortKey(UPLOADED, `${shared}/b`)];
    // Assert
    expect(a).not.toBe(b);
    expect(a.slice(0, 1000)).toBe(b.slice(0, 1000));
  });

  it('cut only between characters', () => {
    // Act
    const cut = truncateUtf8('a𝔸𝔸', 6);
    const fitted = fitKeyValue('𝔸'.repeat(300), 100);
    // Assert
    expect(cut).toBe('a𝔸');
    expect(bytes(fitted)).toBeLessThanOrEqual(100);
    expect(fitted).not.toMatch(/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('entity aliases', () => {
  it('cut a long name without splitting a surrogate pair, for writer and reader alike', () => {
    // Prepare
    const name = `${'a'.repeat(MAX_ALIAS_LENGTH - 1)}😀 and more`;
    // Act
    const alias = entityAlias(name);
    // Assert
    expect(alias).toBe('a'.repeat(MAX_ALIAS_LENGTH - 1));
  });

  it('stay far below the partition key limit when NFKC lengthens a short query', () => {
    // Prepare: U+FDFA becomes 18 characters under NFKC
    const query = '\uFDFA'.repeat(200);
    // Act
    const alias = entityAlias(query);
    // Assert
    expect(alias.length).toBeLessThanOrEqual(MAX_ALIAS_LENGTH);
    expect(bytes(`ENTITY#${alias}`)).toBeLessThan(2048);
  });
});

describe('keys in API paths (lede query)', () => {
  it.each([
    ['world/france.txt', '/articles/world/france.txt'],
    ['query/a story (1).txt', '/articles/query/a%20story%20%281%29.txt'],
    ['zzz/../story.txt', '/articles/zzz%2F..%2Fstory.txt'],
    ['a/./b', '/articles/a%2F.%2Fb'],
    ['a//b', '/articles/a%2F%2Fb'],
    ['dir/', '/articles/dir%2F'],
    ['..', '/articles/%2E%2E'],
    ['.', '/articles/%2E'],
    ['...', '/articles/...'],
    ['%2e%2e/x', '/articles/%252e%252e/x'],
  ])('sends %j as %s', (key, path) => {
    expect(apiPath({ key })).toBe(path);
  });

  it('sends no segment a server or signer would resolve or drop, and decodes to the key', () => {
    for (const key of ['zzz/../story.txt', 'a/./b', '..', '.', 'a//b/', '%2e%2e/%2E', 'x/..']) {
      // Act
      const encoded = encodeKeyForPath(key);
      // Assert
      const segments = encoded.split('/');
      expect(segments.filter((s) => s === '' || s === '.' || s === '..' || /^(%2e){1,2}$/i.test(s))).toEqual(
        /^\.{1,2}$/.test(key) ? [encoded] : [],
      );
      expect(decodeURIComponent(encoded)).toBe(key);
    }
  });
});

describe('object files of the local S3 emulator', () => {
  it.each([
    ['world/france.txt', ['world', 'france.txt']],
    ['../articles-text/pwn.txt', ['%%2E%2E', 'articles-text', 'pwn.txt']],
    ['a/../b', ['a', '%%2E%2E', 'b']],
    ['a//b/', ['a', '%', 'b', '%']],
    ['%41', ['%%2541']],
    ['x._S3rver_object/y', ['%x%2E_S3rver_object', 'y']],
  ])('stores %j under its own path', (key, components) => {
    expect(keyToComponents(key)).toEqual(components);
    expect(componentsToKey(components)).toBe(key);
  });

  it('splits a long segment over components of at most 200 bytes, and reads it back', () => {
    // Prepare
    const key = `${'é'.repeat(150)}.${'a'.repeat(300)}/end`;
    // Act
    const components = keyToComponents(key);
    // Assert
    expect(components.length).toBeGreaterThan(3);
    expect(Math.max(...components.map((c: string) => bytes(c)))).toBeLessThanOrEqual(202);
    expect(components.every((c: string) => !['', '.', '..'].includes(c) && !c.includes('/'))).toBe(true);
    expect(componentsToKey(components)).toBe(key);
  });

  it('ignores paths it would not have written', () => {
    expect(componentsToKey(['%+abc'])).toBeUndefined();
    expect(componentsToKey(['%abc%'])).toBeUndefined();
    expect(componentsToKey(['a', ''])).toBeUndefined();
  });
});
