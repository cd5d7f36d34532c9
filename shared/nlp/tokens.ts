import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';
import stopwordList from 'natural/lib/natural/util/stopwords.js';

let stopwords: Set<string> | null = null;

/** English stop words (natural's list plus news function words), built on first use. */
export function stopwordSet(): Set<string> {
  if (!stopwords) {
    stopwords = new Set([
      ...stopwordList.words,
      ...'also would could should said says say told tell just like one two new year years mr mrs ms dr per cent percent its it\'s s t don didn doesn isn wasn aren weren can\'t won\'t can will may might must us get got make made much many well even still back around since according including however though although yet way time week day last first'.split(' '),
    ]);
  }
  return stopwords;
}

const stems = new Map<string, string>();

/** Porter stem of a lower-cased word, cached (the cache is bounded). */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = word.length > 3 ? porter.stem(word) : word;
    if (stems.size > 100_000) stems.clear();
    stems.set(word, s);
  }
  return s;
}

const contentCache = new Map<string, string | null>();

/** Stem of a lower-cased token when it is a content word (not a stop word, not a number), else null; cached. */
function contentStem(w: string): string | null {
  let s = contentCache.get(w);
  if (s === undefined) {
    s = w.length < 2 || stopwordSet().has(w) || /^\d+$/.test(w) ? null : stem(w.replace(/['’].*$/, ''));
    if (contentCache.size > 100_000) contentCache.clear();
    contentCache.set(w, s);
  }
  return s;
}

/** A word at a position: ASCII letters and digits, maybe a clitic (`don't`, `obama’s`). */
const CONTENT_TOKEN_AT = /[a-z0-9]+(?:['’][a-z]+)?/y;
const isAsciiAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** Stems of the content words (not stop words, not pure numbers) of `text`. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  for (let at = 0; at < lower.length; ) {
    if (!isAsciiAlnum(lower.charCodeAt(at))) {
      at++;
      continue;
    }
    CONTENT_TOKEN_AT.lastIndex = at;
    CONTENT_TOKEN_AT.test(lower);
    const s = contentStem(lower.slice(at, CONTENT_TOKEN_AT.lastIndex));
    at = CONTENT_TOKEN_AT.lastIndex;
    if (s !== null) out.push(s);
  }
  return out;
}

const CAPITALIZED = /(?<![\p{L}\p{N}'’-])\p{Lu}[\p{L}'’-]*/gu;
const FIRST_LETTER = /\p{L}/u;
/** The summary and the key phrases ask for the same sentences' capitalized words: the last ones are kept. */
const capitalizedMemo = new Map<string, string[]>();

/** Lower-cased capitalized words of `text`, except its first word: a cheap stand-in for names. Do not modify the result. */
export function capitalizedWords(text: string): string[] {
  const known = capitalizedMemo.get(text);
  if (known) return known;
  const out: string[] = [];
  const first = FIRST_LETTER.exec(text)?.index ?? -1;
  CAPITALIZED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CAPITALIZED.exec(text))) {
    if (m.index !== first && m[0].length > 1) out.push(m[0].toLowerCase());
  }
  if (capitalizedMemo.size >= 2048) capitalizedMemo.clear();
  capitalizedMemo.set(text, out);
  return out;
}

/** What a regular expression's `\s` matches, by UTF-16 code. */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** ASCII letters and digits, by code. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0));

/** Whether the code point at `i` is a letter or digit; 0, or its length in code units. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c];
  const cp = text.codePointAt(i)!;
  if (!LETTER_OR_DIGIT.test(String.fromCodePoint(cp))) return 0;
  return cp > 0xffff ? 2 : 1;
}

const isJoiner = (c: number) => c === 39 || c === 0x2019 || c === 46 || c === 45; // ' ’ . -

/**
 * Words of `text`: runs of letters and digits, joined by single `'`, `’`, `.` or `-` (`U.S.`,
 * `Jean-Yves`, `3.5`): the number of matches of `[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*`, counted
 * without building them.
 */
export function wordCount(text: string): number {
  let count = 0;
  // the previous code point is a letter or digit / is a joiner right after one
  let inWord = false;
  let joinable = false;
  for (let i = 0; i < text.length; ) {
    const size = wordCharAt(text, i);
    if (size) {
      if (!inWord && !joinable) count++;
      inWord = true;
      joinable = false;
      i += size;
      continue;
    }
    const c = text.charCodeAt(i);
    joinable = inWord && isJoiner(c);
    inWord = false;
    i += c >= 0xd800 && c <= 0xdbff && text.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return count;
}
