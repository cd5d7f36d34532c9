/** Turns uploaded bytes into text, or says clearly why they are not an article. */

export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | (string & {}) }
  | { ok: false; code: 'EMPTY' | 'BINARY'; message: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Bytes to text. In order: a byte order mark (UTF-8, UTF-16 LE/BE); UTF-16 without a mark (every
 * other byte NUL in ASCII-range text); valid UTF-8; the charset the content type or an HTML
 * `<meta charset>` declares, when Node knows it; Windows-1252 (which also reads Latin-1).
 */
export function decodeArticle(bytes: Uint8Array, contentType?: string): DecodeResult {
  if (bytes.length === 0 || isBlank(bytes)) {
    return { ok: false, code: 'EMPTY', message: 'The object is empty or holds only white space.' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  const utf16 = unmarkedUtf16(bytes);
  if (utf16) return decodeWith(utf16, bytes);
  const body = UTF8_BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) {
    return { ok: false, code: 'BINARY', message: 'The object holds binary data, not text.' };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    const declared = declaredCharset(body, contentType);
    if (declared) {
      const result = decodeWith(declared, body);
      if (result.ok) return result;
    }
    // Not valid UTF-8 but free of control bytes: text saved by a legacy Windows or Latin-1 editor.
    return decodeWith('windows-1252', body);
  }
}

/** Labels that mean Windows-1252 in practice (WHATWG maps them all to it). */
const WINDOWS_1252_LABELS = /^(?:windows-1252|cp1252|x-cp1252|iso-8859-1|iso8859-1|iso_8859-1|latin1|l1|us-ascii|ascii|iso-ir-100|ibm819|cp819|csisolatin1)$/;

/** A charset declared by the content type or, for HTML, a meta tag in the first 2 KB; null when Node cannot decode it. */
function declaredCharset(bytes: Uint8Array, contentType?: string): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 2048));
  const label = (
    /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    ''
  ).toLowerCase();
  if (!label || /^utf-?8$/.test(label)) return null;
  if (WINDOWS_1252_LABELS.test(label)) return 'windows-1252';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/** UTF-16 saved without a byte order mark: in the first 1 KB, nearly all even (BE) or odd (LE) bytes are NUL. */
function unmarkedUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 16) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.9 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.9 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

function decodeWith(encoding: string, bytes: Uint8Array): DecodeResult {
  let text: string;
  try {
    text = encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes);
  } catch {
    return { ok: false, code: 'BINARY', message: `The object is not readable ${encoding} text.` };
  }
  if (!text.trim()) return { ok: false, code: 'EMPTY', message: 'The object holds no text.' };
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text) || text.includes('\ufffd')) {
    return { ok: false, code: 'BINARY', message: `The object is not readable ${encoding} text.` };
  }
  return { ok: true, text, encoding };
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
}

/** NUL bytes or many C0 control bytes (other than tab, newline, form feed, carriage return) mean binary. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  }
  return control > sample.length * 0.01;
}

// Node 20's TextDecoder treats windows-1252 as ISO-8859-1, which turns curly quotes and dashes
// (0x80-0x9F) into invisible C1 controls; this is the WHATWG mapping of that range.
const WINDOWS_1252_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

/** The five bytes windows-1252 leaves undefined pass through as the C1 controls WHATWG maps them to. */
function mapWindows1252(c: string): string {
  const mapped = WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80];
  return mapped === '\ufffd' ? c : mapped;
}

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...chunk).replace(/[\x80-\x9f]/g, (c) => mapWindows1252(c));
  }
  return text;
}
