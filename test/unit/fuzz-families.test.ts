import { describe, expect, it } from 'vitest';
import { articlePath } from '../../bench/fuzz/api.ts';
import { FAMILIES, familyInputs, KiB, LARGEST_INPUT, sizesUpTo } from '../../bench/fuzz/families.ts';
import { judgeRecord } from '../../bench/fuzz/records.ts';
import { MAX_ARTICLE_BYTES } from '../../shared/nlp/analyze.ts';

function record(fields: Record<string, unknown> = {}) {
  return { key: 'a.txt', status: 'ok', title: null, language: 'en', wordCount: 1, summary: [], entities: [], keyphrases: [], processedAt: 'x', analyzerVersion: '1', ...fields };
}

describe('fuzz families', () => {
  it('has a family for each hostile shape issue 16 names', () => {
    // Prepare
    const named = ['punctuation', 'deep-html', 'wide-html', 'markdown-table', 'mentions', 'control-bidi', 'long-keys', 'endless-word', 'odd-shapes'];
    // Act
    const names = FAMILIES.map((f) => f.name);
    // Assert
    expect(names).toEqual(expect.arrayContaining(named));
  });

  it('makes every input as large as asked or a little less, and the largest under the upload limit', () => {
    // Prepare
    const sizes = [KiB, 16 * KiB, LARGEST_INPUT];
    // Act
    const oversized: string[] = [];
    const undersized: string[] = [];
    for (const family of FAMILIES.filter((f) => !f.stackOnly)) {
      for (const input of familyInputs(family, sizes)) {
        const bytes = Buffer.byteLength(input.body);
        if (bytes > input.size || bytes > MAX_ARTICLE_BYTES) oversized.push(`${input.variant} ${input.size}: ${bytes}`);
        // Units repeat whole: a long one (a byline line at 1 KiB) leaves most of a unit unused.
        if (bytes < input.size * 0.7) undersized.push(`${input.variant} ${input.size}: ${bytes}`);
      }
    }
    // Assert
    expect(oversized).toEqual([]);
    expect(undersized).toEqual([]);
  });

  it('gives every input a key of its own that S3 accepts (1 to 1,024 bytes)', () => {
    // Prepare
    const sizes = sizesUpTo(64 * KiB);
    // Act
    const keys = FAMILIES.flatMap((f) => [...familyInputs(f, sizes)].map((i) => i.key));
    // Assert
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => Buffer.byteLength(k) < 1 || Buffer.byteLength(k) > 1024)).toEqual([]);
  });

  it('runs sizes from 1 KiB to the largest upload, and stops at --max', () => {
    // Act
    const all = sizesUpTo(LARGEST_INPUT);
    const capped = sizesUpTo(300_000);
    // Assert
    expect(all[0]).toBe(KiB);
    expect(all.at(-1)).toBeLessThan(MAX_ARTICLE_BYTES);
    expect(capped).toEqual([KiB, 16 * KiB, 256 * KiB, 300_000]);
  });
});

describe('articlePath', () => {
  it('percent-encodes dot segments, so that no client or server resolves them', () => {
    // Act
    const path = articlePath('zzz/../a b/./story.txt');
    // Assert
    expect(path).toBe('/articles/zzz/%2E%2E/a%20b/%2E/story.txt');
  });
});

describe('judgeRecord', () => {
  it('accepts ok records and failed ones with a clear code', () => {
    // Act
    const ok = judgeRecord(record(), 'a.txt');
    const failed = judgeRecord(record({ status: 'failed', error: { code: 'TOO_COMPLEX', message: 'm' } }), 'a.txt');
    // Assert
    expect([ok.endedInRecord, failed.endedInRecord]).toEqual([true, true]);
    expect(failed.label).toBe('failed TOO_COMPLEX');
  });

  it('refuses a crash and a record of another key', () => {
    // Act
    const crash = judgeRecord(record({ status: 'failed', error: { code: 'ANALYZER_ERROR', message: 'm' } }), 'a.txt');
    const other = judgeRecord(record(), 'b.txt');
    // Assert
    expect([crash.endedInRecord, other.endedInRecord]).toEqual([false, false]);
  });
});
