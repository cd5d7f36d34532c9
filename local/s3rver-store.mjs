// Makes s3rver 3.7.1 take any key S3 accepts. Its filesystem store joins a key's segments into a
// path as they are: `..` climbs out (`../articles-text/x` lands in the texts bucket), `a//b` is
// `a/b`, and a segment over 255 bytes fails with ENAMETOOLONG inside a write stream nobody listens
// to, which kills the emulators' thread; its router cannot match a key with an empty segment.
// Plain JavaScript: it runs on the emulators' worker thread, which has no TypeScript loader.
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rmdir, unlink, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';
import S3Object from 's3rver/lib/models/object.js';

/** Room for the longest suffix s3rver adds (`._S3rver_metadata.json`, 22 bytes) within NAME_MAX (255). */
const MAX_NAME_BYTES = 200;
const OBJECT_SUFFIX = '._S3rver_object';
const ESCAPED = '%';
const CONTINUED = '%+';

/**
 * A segment is stored under its own name when that name is safe and unambiguous: not empty, `.` or
 * `..`, free of NUL and of s3rver's `._S3rver_` marker, not starting with `%`, short enough. Every
 * ordinary key therefore keeps the path s3rver always gave it, and existing data stays readable.
 */
function isPlainSegment(segment) {
  return (
    segment !== '' &&
    segment !== '.' &&
    segment !== '..' &&
    !segment.startsWith(ESCAPED) &&
    !segment.includes('\0') &&
    !segment.includes('._S3rver_') &&
    Buffer.byteLength(segment) <= MAX_NAME_BYTES
  );
}

/** `%`, `.`, `+`, `/` and NUL as %XX: what is left can hold no dot segment, marker or separator. */
function escapeSegment(segment) {
  return segment.replace(/[%.+/\0]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}

/**
 * Other segments become `%` + their escaped text, split over as many path components as it takes
 * (`%+` marks a component the next one continues), never inside an escape or a character.
 */
function escapedComponents(segment) {
  const escaped = escapeSegment(segment);
  const chunks = [];
  let chunk = '';
  for (const unit of escaped.match(/%[0-9A-F]{2}|[\s\S]/gu) ?? []) {
    if (Buffer.byteLength(chunk + unit) > MAX_NAME_BYTES) {
      chunks.push(chunk);
      chunk = '';
    }
    chunk += unit;
  }
  chunks.push(chunk);
  return chunks.map((text, i) => (i < chunks.length - 1 ? CONTINUED : ESCAPED) + text);
}

/** The path components (relative to the bucket) that hold a key; the last gets s3rver's suffixes. */
export function keyToComponents(key) {
  return key.split('/').flatMap((segment) => (isPlainSegment(segment) ? [segment] : escapedComponents(segment)));
}

/** The key stored under these components, or undefined for a path this mapping does not produce. */
export function componentsToKey(components) {
  const segments = [];
  let pending;
  for (const component of components) {
    if (component.startsWith(CONTINUED)) {
      pending = (pending ?? '') + component.slice(CONTINUED.length);
    } else if (component.startsWith(ESCAPED)) {
      segments.push(unescapeSegment((pending ?? '') + component.slice(ESCAPED.length)));
      pending = undefined;
    } else {
      if (pending !== undefined) return undefined;
      segments.push(component);
    }
  }
  if (pending !== undefined || segments.includes(undefined)) return undefined;
  const key = segments.join('/');
  // Paths written by the old mapping that this one would not produce (`a//b` stored as `a/b`...) are left out.
  return keyToComponents(key).join('/') === components.join('/') ? key : undefined;
}

function unescapeSegment(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Replaces the store of an S3rver (before it runs) and lets its router match any key. */
export function acceptAnyKey(s3, directory) {
  s3.store = s3.context.store = new SafeKeyStore(directory);
  // Koa composes its middleware when the server starts; the router is the last one s3rver adds.
  s3.middleware.splice(s3.middleware.length - 1, 0, keyAsOneSegment);
}

/**
 * The router matches `/:bucket/:key*`, whose segments cannot be empty: `a//b` answered 404. Given
 * the key as one encoded segment it decodes it whole, slashes included. The signature check
 * rebuilds its path from that decoded key, so it still sees the path the client signed.
 */
async function keyAsOneSegment(ctx, next) {
  const match = /^\/([^/]+)\/(.+)$/s.exec(ctx.path);
  if (match) {
    try {
      ctx.path = `/${match[1]}/${encodeURIComponent(decodeURIComponent(match[2]))}`;
    } catch {
      // not valid percent-encoding: left for s3rver to refuse
    }
  }
  await next();
}

export class SafeKeyStore extends FilesystemStore {
  getResourcePath(bucket, key, resource) {
    // Bucket-level resources (uploads, configurations) have no key; s3rver's names for them stay.
    if (key === undefined || key === '') return super.getResourcePath(bucket, key, resource);
    const components = keyToComponents(key);
    const last = components.pop();
    return join(this.getBucketPath(bucket), ...components, `${last}._S3rver_${resource}`);
  }

  /** s3rver's own putObject leaves the file stream's errors unhandled: one bad write ended the thread. */
  async putObject(object) {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(objectPath), { recursive: true });
    const md5 = createHash('md5');
    let size = 0;
    if (Buffer.isBuffer(object.content)) {
      md5.update(object.content);
      size = object.content.length;
      await writeFile(objectPath, object.content);
    } else {
      const measure = new Transform({
        transform(chunk, _encoding, callback) {
          md5.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      await pipeline(object.content, measure, createWriteStream(objectPath));
    }
    const digest = md5.digest('hex');
    await this.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  }

  /** Every key of the bucket in S3's order (UTF-8 bytes), then S3's prefix, delimiter and paging rules. */
  async listObjects(bucket, options) {
    const { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity } = options;
    const after = Buffer.from(startAfter);
    const keys = [];
    const commonPrefixes = new Set();
    let isTruncated = false;
    for (const key of await this.allKeys(bucket)) {
      if (Buffer.compare(Buffer.from(key), after) <= 0 || !key.startsWith(prefix)) continue;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut !== -1) {
        commonPrefixes.add(key.slice(0, cut + delimiter.length));
      } else if (keys.length < maxKeys) {
        keys.push(key);
      } else {
        isTruncated = true;
        break;
      }
    }
    const metadata = await Promise.all(
      keys.map((key) =>
        this.getMetadata(bucket, key).catch((error) => {
          if (error.code === 'ENOENT') return undefined;
          throw error;
        }),
      ),
    );
    return {
      objects: keys.flatMap((key, i) => (metadata[i] === undefined ? [] : [new S3Object(bucket, key, null, metadata[i])])),
      commonPrefixes: [...commonPrefixes].sort(),
      isTruncated,
    };
  }

  async allKeys(bucket) {
    const bucketPath = this.getBucketPath(bucket);
    const entries = await readdir(bucketPath, { recursive: true, withFileTypes: true });
    const keys = [];
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith(OBJECT_SUFFIX)) continue;
      const relative = join(entry.parentPath ?? entry.path, entry.name).slice(bucketPath.length + 1, -OBJECT_SUFFIX.length);
      const key = componentsToKey(relative.split('/'));
      if (key !== undefined) keys.push(key);
    }
    return keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  /** s3rver's own deleteObject walks the raw key to remove emptied folders: `..` in a key reached outside the bucket. */
  async deleteObject(bucket, key) {
    const objectPath = this.getResourcePath(bucket, key, 'object');
    await Promise.all(
      [objectPath, `${objectPath}.md5`, this.getResourcePath(bucket, key, 'metadata.json')].map((file) =>
        unlink(file).catch((error) => {
          if (error.code !== 'ENOENT') throw error;
        }),
      ),
    );
    const bucketPath = this.getBucketPath(bucket);
    for (let dir = dirname(objectPath); dir.length > bucketPath.length && dir.startsWith(bucketPath); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break; // not empty (or already gone): the folders above are not empty either
      }
    }
  }
}
