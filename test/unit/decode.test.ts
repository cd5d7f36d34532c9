import { describe, expect, it } from 'vitest';
import { decodeArticle } from '../../shared/nlp/decode.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeArticle', () => {
  it('reads UTF-8 with and without a byte order mark', () => {
    expect(decodeArticle(utf8('Zürich news'))).toEqual({ ok: true, text: 'Zürich news', encoding: 'utf-8' });
    expect(decodeArticle(bytes(0xef, 0xbb, 0xbf, ...utf8('Zürich')))).toMatchObject({ ok: true, text: 'Zürich' });
  });

  it('reads UTF-16 with a byte order mark', () => {
    // Prepare
    const le = bytes(0xff, 0xfe, ...[...'Kyiv'].flatMap((c) => [c.charCodeAt(0), 0]));
    const be = bytes(0xfe, 0xff, ...[...'Kyiv'].flatMap((c) => [0, c.charCodeAt(0)]));
    // Act, Assess
    expect(decodeArticle(le)).toEqual({ ok: true, text: 'Kyiv', encoding: 'utf-16le' });
    expect(decodeArticle(be)).toEqual({ ok: true, text: 'Kyiv', encoding: 'utf-16be' });
  });

  it('falls back to Windows-1252 for text that is not UTF-8, curly quotes and euro sign included', () => {
    const result = decodeArticle(bytes(0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x80, 0x35));
    expect(result).toEqual({ ok: true, text: '“Café” €5', encoding: 'windows-1252' });
  });

  it.each([
    ['nothing', bytes(), 'EMPTY'],
    ['white space', utf8(' \n\t\r\n '), 'EMPTY'],
    ['a NUL byte', bytes(0x25, 0x50, 0x44, 0x46, 0x00, 0x01), 'BINARY'],
    ['control bytes', bytes(...Array.from({ length: 50 }, (_, i) => (i % 2 ? 0x41 : 0x02))), 'BINARY'],
  ])('refuses %s as %s', (_what, input, code) => {
    expect(decodeArticle(input)).toMatchObject({ ok: false, code });
  });
});
