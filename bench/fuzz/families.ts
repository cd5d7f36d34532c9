/**
 * Hostile uploads, by family (issue 16): each family has a few variants, and each variant makes a
 * body of at most a given number of bytes, so that one family can be run at 1 KiB and at 5 MiB.
 * The long-keys family is the exception: its variants are keys, each with a short article.
 */
import { generateArticle } from '../generate.ts';

export type Format = 'text' | 'html' | 'markdown';

export interface Variant {
  name: string;
  /** The body, at most `size` bytes of UTF-8. */
  make(size: number): string;
  format?: Format;
  /** A key of its own (long-keys): the body is then the same at every size. */
  key?: string;
}

export interface Family {
  name: string;
  /** What the family attacks, in a line. */
  about: string;
  format: Format;
  variants: Variant[];
  /** Only the local stack gives the variants a meaning (keys). */
  stackOnly?: boolean;
}

export interface FuzzInput {
  family: string;
  variant: string;
  /** The size asked for; `body` is at most this many bytes. */
  size: number;
  key: string;
  body: string;
  format: Format;
  contentType: string;
}

export const KiB = 1024;
export const MiB = 1024 * KiB;
/** The largest upload Lede analyzes is 5 MiB: the bench stays a little under it. */
export const LARGEST_INPUT = 5 * MiB - KiB;
/** Sixteen times apart up to 1 MiB, then the largest upload. */
const SIZE_SERIES = [KiB, 16 * KiB, 256 * KiB, MiB, LARGEST_INPUT];

const CONTENT_TYPES: Record<Format, string> = { text: 'text/plain; charset=utf-8', html: 'text/html; charset=utf-8', markdown: 'text/markdown; charset=utf-8' };
const EXTENSIONS: Record<Format, string> = { text: 'txt', html: 'html', markdown: 'md' };

/** The sizes of the series up to `max`, and `max` itself when the series skips it. */
export function sizesUpTo(max: number): number[] {
  const sizes = SIZE_SERIES.filter((size) => size <= max);
  if (sizes.at(-1) !== max && max >= 1) sizes.push(max);
  return sizes;
}

function bytesOf(text: string): number {
  return Buffer.byteLength(text);
}

/** `head`, then as many `unit`s as fit, then `tail`: at most `size` bytes. */
function fill(size: number, unit: string, head = '', tail = ''): string {
  const room = size - bytesOf(head) - bytesOf(tail);
  return head + unit.repeat(Math.max(0, Math.floor(room / bytesOf(unit)))) + tail;
}

/** `head`, then parts `part(0)`, `part(1)`... while they fit, then `tail`: at most `size` bytes. */
function fillWith(size: number, part: (i: number) => string, head = '', tail = ''): string {
  const parts = [head];
  let room = size - bytesOf(head) - bytesOf(tail);
  for (let i = 0; ; i++) {
    const next = part(i);
    const bytes = bytesOf(next);
    if (bytes > room) break;
    parts.push(next);
    room -= bytes;
  }
  parts.push(tail);
  return parts.join('');
}

/** `open` nested as deep as fits around `inner`, each closed by `close` (or left open). */
function nest(size: number, open: string, close: string, inner: string, head: string, tail: string): string {
  const room = size - bytesOf(head) - bytesOf(tail) - bytesOf(inner);
  const depth = Math.max(0, Math.floor(room / (bytesOf(open) + bytesOf(close))));
  return head + open.repeat(depth) + inner + close.repeat(depth) + tail;
}

/** A made-up capitalized name for each number, all different: many entities in one article. */
function madeUpName(i: number): string {
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'bel', 'dun', 'sor', 'fi'];
  const word = (n: number) => {
    let s = '';
    do {
      s += syllables[n % 10];
      n = Math.floor(n / 10);
    } while (n > 0);
    return s[0].toUpperCase() + s.slice(1) + 'n';
  };
  return `${word(i)} ${word(i * 7 + 3)}`;
}

const PAGE_HEAD = '<!doctype html><html><head><title>Council meets</title></head><body>';
const PAGE_TAIL = '</body></html>';
const SENTENCE = 'The council met in Minsk on Monday.';
const C0 = Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).filter((c) => !'\t\n\r'.includes(c)).join('');

/** The sample article every long key carries. */
const KEY_ARTICLE = generateArticle(1);
const keyVariant = (name: string, key: string): Variant => ({ name, key, make: () => KEY_ARTICLE });
/** `prefix`, then `unit` repeated, then `suffix`: exactly `bytes` bytes when the units divide the room. */
const keyOf = (bytes: number, prefix: string, unit: string, suffix: string) => fill(bytes, unit, prefix, suffix);

export const FAMILIES: Family[] = [
  {
    name: 'punctuation',
    about: 'one run of a punctuation mark (the tokenizer splits it quadratically)',
    format: 'text',
    variants: [
      { name: "'!' run", make: (n) => fill(n, '!') },
      { name: "'?' run", make: (n) => fill(n, '?') },
      { name: "')' run", make: (n) => fill(n, ')') },
      { name: "'....' run", make: (n) => fill(n, '.') },
    ],
  },
  {
    name: 'deep-html',
    about: 'elements nested as deep as the size allows (50,000 divs fit in 550 KB)',
    format: 'html',
    variants: [
      { name: 'nested divs', make: (n) => nest(n, '<div>', '</div>', `<p>${SENTENCE}</p>`, PAGE_HEAD, PAGE_TAIL) },
      { name: 'unclosed divs', make: (n) => nest(n, '<div>', '', `<p>${SENTENCE}</p>`, PAGE_HEAD, PAGE_TAIL) },
      { name: 'nested inline tags', make: (n) => nest(n, '<b><i>', '</i></b>', SENTENCE, `${PAGE_HEAD}<p>`, `</p>${PAGE_TAIL}`) },
    ],
  },
  {
    name: 'wide-html',
    about: 'as many sibling paragraphs as the size allows (450,000 in 5 MiB)',
    format: 'html',
    variants: [
      { name: 'empty paragraphs', make: (n) => fill(n, '<p></p>', PAGE_HEAD, PAGE_TAIL) },
      { name: 'one-letter paragraphs', make: (n) => fill(n, '<p>a b</p>\n', PAGE_HEAD, PAGE_TAIL) },
      { name: 'sentence paragraphs', make: (n) => fill(n, `<p>${SENTENCE}</p>\n`, PAGE_HEAD, PAGE_TAIL) },
    ],
  },
  {
    name: 'markdown-table',
    about: 'one Markdown table: many rows, or one row of many columns',
    format: 'markdown',
    variants: [
      {
        name: 'many rows',
        make: (n) => fillWith(n, (i) => `| Paris ${i} | ${i * 37} | big |\n`, '# Cities\n\n| City | Count | Note |\n|---|---|---|\n'),
      },
      {
        name: 'many columns',
        make: (n) => {
          // Each column takes 16 bytes over the three lines; the heading and line ends 14.
          const columns = Math.max(1, Math.floor((n - 14) / 16));
          return `# Wide\n\n${'| h '.repeat(columns)}|\n${'|---'.repeat(columns)}|\n${'| Paris '.repeat(columns)}|\n`;
        },
      },
    ],
  },
  {
    name: 'mentions',
    about: "one name mentioned over and over ('Paris is big. '), or ever new names",
    format: 'text',
    variants: [
      { name: 'one city', make: (n) => fill(n, 'Paris is big. ') },
      { name: 'ever new names', make: (n) => fillWith(n, (i) => `${madeUpName(i)} met ${madeUpName(i + 1)} in Paris. `) },
    ],
  },
  {
    name: 'control-bidi',
    about: 'bidi overrides, zero-width joiners inside names, C0 control characters',
    format: 'text',
    variants: [
      { name: 'U+202E in sentences', make: (n) => fill(n, 'Sadiq Khan \u202emet the\u202c mayor of London on Monday. ') },
      { name: 'ZWJ inside names', make: (n) => fill(n, 'Sa\u200ddiq Khan visited Lon\u200ddon with Angela Mer\u200dkel. ') },
      { name: 'C0 in sentences', make: (n) => fill(n, 'The\u0001 council\u0002 met\u0007 in\u001b Minsk\u0000 on Monday.\u000b ') },
      { name: 'bidi run', make: (n) => fill(n, '\u202e\u200d\u200f\u2066\u200b\u202c') },
      { name: 'C0 run', make: (n) => fill(n, C0) },
    ],
  },
  {
    name: 'long-keys',
    about: 'keys S3 accepts: long segments, 1,024 bytes, dot segments (local stack only)',
    format: 'text',
    stackOnly: true,
    variants: [
      // First a plain key: a dot-dot key whose record comes back as this one's reads the wrong article.
      keyVariant('plain key', 'fuzz/keys/story.txt'),
      keyVariant('dot-dot segment', 'fuzz/keys/zzz/../story.txt'),
      keyVariant('dot segment', 'fuzz/keys/./story.txt'),
      keyVariant('empty segment', 'fuzz/keys//story.txt'),
      keyVariant('reserved characters', 'fuzz/keys/100% + more?#&=.txt'),
      keyVariant('trailing slash', 'fuzz/keys/folder/'),
      keyVariant('leading dot-dot', '../articles-text/pwn.txt'),
      keyVariant('segment of 256 bytes', `fuzz/keys/${'s'.repeat(256 - 4)}.txt`),
      keyVariant('key of 1,024 bytes', keyOf(1024, 'fuzz/keys/', 'k', '.txt')),
      keyVariant('1,024 bytes of 2-byte letters', keyOf(1024, 'fuzz/keys/', 'é', '.txt')),
    ],
  },
  {
    name: 'endless-word',
    about: 'one word as long as the size (4.9 MB): the record must still fit 400 KB',
    format: 'text',
    variants: [
      { name: 'lowercase', make: (n) => fill(n, 'a') },
      { name: 'cycling letters', make: (n) => fill(n, 'abcdefghijklmnopqrstuvwxyz') },
      { name: 'a sentence of one word', make: (n) => fill(n, 'b', 'A', '.') },
    ],
  },
  {
    name: 'odd-shapes',
    about: 'the shapes of the first adversarial bench: blanks, breaks, quotes, names, CJK, tag soup',
    format: 'text',
    variants: [
      { name: 'blank run', make: (n) => fill(n, ' ', '', '\nThe council met in Minsk.') },
      { name: 'line breaks', make: (n) => fill(n, '\n', '', 'The council met in Minsk.') },
      { name: 'carriage returns', make: (n) => fill(n, '\r', '', 'The council met in Minsk.') },
      { name: 'tabs, no line break', make: (n) => fill(n, '\t \t', '', 'x') },
      { name: 'no-break spaces', make: (n) => fill(n, '\u00a0', '', 'Minsk.') },
      { name: 'one endless word', make: (n) => fill(n, 'a') },
      { name: 'one endless capital word', make: (n) => fill(n, 'A') },
      { name: 'dots', make: (n) => fill(n, '.') },
      { name: 'dot space', make: (n) => fill(n, '. ') },
      { name: 'quotes', make: (n) => fill(n, '"') },
      { name: 'apostrophes', make: (n) => fill(n, "'") },
      { name: 'dashes', make: (n) => fill(n, '- ') },
      { name: 'a city in capitals', make: (n) => fill(n, 'PARIS ') },
      { name: 'a name', make: (n) => fill(n, 'Jean Smith ') },
      { name: 'numbers', make: (n) => fill(n, '1234567890 ') },
      { name: 'short lines', make: (n) => fill(n, `${'word '.repeat(20)}\n`) },
      { name: 'caption seams turned down', make: (n) => fill(n, 'of The cat ') },
      { name: 'bylines', make: (n) => fill(n, `By ${'John Smith and '.repeat(50)}\n`) },
      { name: 'tag soup', format: 'html', make: (n) => fill(n, '<p>a</p>', '<div>', '</div>') },
      { name: 'CJK, no punctuation', make: (n) => fill(n, '北京') },
      { name: 'CJK, short sentences', make: (n) => fill(n, '北京。') },
    ],
  },
];

export function familyNamed(name: string): Family {
  const family = FAMILIES.find((f) => f.name === name);
  if (!family) throw new Error(`No fuzz family '${name}'; the families are ${FAMILIES.map((f) => f.name).join(', ')}.`);
  return family;
}

/** The inputs of one variant, smallest first; a keyed variant has one, whatever the sizes. */
export function* variantInputs(family: Family, variant: Variant, sizes: number[]): Generator<FuzzInput> {
  const format = variant.format ?? family.format;
  for (const size of variant.key === undefined ? sizes : sizes.slice(0, 1)) {
    const body = variant.make(size);
    yield {
      family: family.name,
      variant: variant.name,
      size: variant.key === undefined ? size : bytesOf(body),
      key: variant.key ?? `fuzz/${family.name}/${family.variants.indexOf(variant)}-${slug(variant.name)}-${size}.${EXTENSIONS[format]}`,
      body,
      format,
      contentType: CONTENT_TYPES[format],
    };
  }
}

/** Every input of a family: variant by variant, each from its smallest size. */
export function* familyInputs(family: Family, sizes: number[]): Generator<FuzzInput> {
  for (const variant of family.variants) yield* variantInputs(family, variant, sizes);
}

export function fileExtension(format: Format): string {
  return EXTENSIONS[format];
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

/** `1 KiB`, `1 MiB`, `5119 KiB`: exact, so that the largest input does not read as 5 MiB. */
export function sizeLabel(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return `${bytes} B`;
}
