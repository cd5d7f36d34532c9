import stopwordList from 'natural/lib/natural/util/stopwords.js';
import { stemmer } from 'stemmer';
import { detached } from './detach.ts';

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
    const own = detached(word);
    s = own.length > 3 ? stemmer(own) : own;
    if (stems.size > 100_000) stems.clear();
    stems.set(own, s);
  }
  return s;
}

/** A word at a position: ASCII letters and digits, maybe a clitic (`don't`, `obama’s`). */
const CONTENT_TOKEN_AT = /[a-z0-9]+(?:['’][a-z]+)?/y;
const isAsciiAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const NO_STEMS: readonly string[] = Object.freeze([]);

/**
 * Stems of the content words (not stop words, not pure numbers) of one raw token: its ASCII
 * letter-and-digit runs, each with a clitic (`jean-yves` holds two, `café` one, `don't` one).
 * A content word never crosses a token's edge and lower-casing only turns letters into ASCII
 * letters, so the stems of a text are those of its tokens in order.
 */
function tokenContentStems(raw: string): readonly string[] {
  let out: string[] | null = null;
  const lower = raw.toLowerCase();
  for (let at = 0; at < lower.length; ) {
    if (!isAsciiAlnum(lower.charCodeAt(at))) {
      at++;
      continue;
    }
    CONTENT_TOKEN_AT.lastIndex = at;
    CONTENT_TOKEN_AT.test(lower);
    const w = lower.slice(at, CONTENT_TOKEN_AT.lastIndex);
    at = CONTENT_TOKEN_AT.lastIndex;
    if (w.length < 2 || stopwordSet().has(w) || /^\d+$/.test(w)) continue;
    (out ??= []).push(stem(w.replace(/['’].*$/, '')));
  }
  return out ?? NO_STEMS;
}

/**
 * What the summary and the key phrases need to know about one raw token, worked out on its first
 * sight in one record (one map lookup per token afterwards, for both stages).
 */
export interface Word {
  /** The token without trailing quotes or hyphens. */
  word: string;
  /** `word` lower-cased, with `’` as `'`. */
  lower: string;
  /** Porter stem of `lower` without a possessive `'s`. */
  stem: string;
  /** Starts with a capital letter. */
  upper: boolean;
  /** Ends in `'s` or `’s`. */
  possessive: boolean;
  /** Stems of its content words (`contentStems`). */
  contentStems: readonly string[];
  /** Key-phrase flags (keyphrases.ts), -1 until that stage first reads them. */
  phraseFlags: number;
}

const TRAILING = /['’-]+$/;

function readWord(raw: string): Word {
  if (isPlainAscii(raw)) return readPlainWord(raw);
  // A token starts with a letter or digit, so `word` is never empty.
  const word = TRAILING.test(raw) ? raw.replace(TRAILING, '') : raw;
  const lower = word.toLowerCase().replace(/’/g, "'");
  const code = word.charCodeAt(0);
  return {
    word,
    lower,
    stem: stem(lower.replace(/'s$/, '')),
    upper: code < 128 ? code >= 65 && code <= 90 : /^\p{Lu}/u.test(word),
    possessive: /['’]s$/.test(word),
    contentStems: tokenContentStems(raw),
    phraseFlags: -1,
  };
}

/** ASCII letters and digits only: most tokens (no quote, hyphen or accent to handle). */
function isPlainAscii(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 128 || !ASCII_WORD[c]) return false;
  }
  return true;
}

/** `readWord` for a plain ASCII token, without its patterns: its one content stem is its stem. */
function readPlainWord(raw: string): Word {
  const lower = raw.toLowerCase();
  const stemmed = stem(lower);
  const code = raw.charCodeAt(0);
  const notContent = lower.length < 2 || stopwordSet().has(lower) || /^\d+$/.test(lower);
  return {
    word: raw,
    lower,
    stem: stemmed,
    upper: code >= 65 && code <= 90,
    possessive: false,
    contentStems: notContent ? NO_STEMS : [stemmed],
    phraseFlags: -1,
  };
}

/**
 * Word records by raw token, looked up by a range of the text (open addressing, linear probing):
 * a token seen before costs a hash of its characters and one comparison, and no new string.
 */
class WordTable {
  /** The most tokens kept: past it the table starts over (the records are cheap to read again). */
  private static readonly MAX_SIZE = 100_000;
  private raws: Array<string | undefined> = [];
  private records: Word[] = [];
  private hashes = new Int32Array(0);
  private size = 0;

  constructor() {
    this.reset(1 << 12);
  }

  /** The record of `text.slice(begin, end)`. */
  get(text: string, begin: number, end: number): Word {
    let hash = 0x811c9dc5; // FNV-1a over the UTF-16 codes
    for (let i = begin; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const mask = this.hashes.length - 1;
    const length = end - begin;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const raw = this.raws[slot];
      if (raw === undefined) break;
      if (this.hashes[slot] === hash && raw.length === length && text.startsWith(raw, begin)) return this.records[slot];
    }
    const raw = detached(text.slice(begin, end));
    const record = readWord(raw);
    this.add(raw, hash, record);
    return record;
  }

  private add(raw: string, hash: number, record: Word): void {
    if (this.size >= WordTable.MAX_SIZE) this.reset(this.hashes.length);
    else if (2 * (this.size + 1) > this.hashes.length) this.grow();
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    while (this.raws[slot] !== undefined) slot = (slot + 1) & mask;
    this.raws[slot] = raw;
    this.hashes[slot] = hash;
    this.records[slot] = record;
    this.size++;
  }

  /** Twice the slots, the entries placed again. */
  private grow(): void {
    const { raws, hashes, records } = this;
    this.reset(hashes.length * 2);
    for (let slot = 0; slot < raws.length; slot++) {
      const raw = raws[slot];
      if (raw !== undefined) this.add(raw, hashes[slot], records[slot]);
    }
  }

  private reset(slots: number): void {
    this.raws = new Array<string | undefined>(slots).fill(undefined);
    this.records = new Array<Word>(slots);
    this.hashes = new Int32Array(slots);
    this.size = 0;
  }
}

const words = new WordTable();

/** A text's tokens in order: a word, or null for a run of punctuation (white space is left out). */
export type Token = Word | null;

/** The summary and the key phrases read the same sentences: the last ones' tokens are kept. */
const tokensMemo = new Map<string, readonly Token[]>();

/** Tokens of `text`, memoized for the last sentences read. Do not modify the result. */
export function tokens(text: string): readonly Token[] {
  const known = tokensMemo.get(text);
  if (known) return known;
  const out: Token[] = [];
  for (let at = 0; at < text.length; ) {
    const c = text.charCodeAt(at);
    if (isSpace(c)) {
      at++;
      continue;
    }
    const end = wordEnd(text, at);
    if (end > at) {
      out.push(words.get(text, at, end));
      at = end;
    } else {
      at = punctuationEnd(text, at);
      out.push(null);
    }
  }
  if (tokensMemo.size >= 2048) tokensMemo.clear();
  tokensMemo.set(detached(text), out);
  return out;
}

/** Stems of the content words (not stop words, not pure numbers) of `text`. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  const list = tokens(text);
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (t) for (let k = 0; k < t.contentStems.length; k++) out.push(t.contentStems[k]);
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
  capitalizedMemo.set(detached(text), out);
  return out;
}

/**
 * End of the word at `at` (`at` itself when none starts there): what `[\p{L}\p{N}][\p{L}\p{N}'’-]*`
 * matches, scanned by character code (a sticky Unicode pattern costs more per token).
 */
function wordEnd(text: string, at: number): number {
  const first = wordCharAt(text, at);
  if (!first) return at;
  let i = at + first;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 39 || c === 0x2019 || c === 45) i++; // ' ’ -
    else {
      const size = wordCharAt(text, i);
      if (!size) break;
      i += size;
    }
  }
  return i;
}

/** End of the run of punctuation at `at` (no letter, digit or space): `[^\p{L}\p{N}\s]+`, by code point. */
function punctuationEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || wordCharAt(text, i)) break;
    i += c >= 0xd800 && c <= 0xdbff && text.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return i;
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

/** Scripts written without spaces between words (Chinese, Japanese): a character counts as a word, as word processors count them. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const isUnspaced = (text: string, i: number) => text.charCodeAt(i) >= 0x2e80 && UNSPACED.test(String.fromCodePoint(text.codePointAt(i)!));

/**
 * Words of `text`: runs of letters and digits, joined by single `'`, `’`, `.` or `-` (`U.S.`,
 * `Jean-Yves`, `3.5`), the number of matches of `[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*`, counted
 * without building them; but each Han ideograph or kana is a word of its own.
 */
export function wordCount(text: string): number {
  let count = 0;
  // the previous code point is a letter or digit / is a joiner right after one
  let inWord = false;
  let joinable = false;
  for (let i = 0; i < text.length; ) {
    const size = wordCharAt(text, i);
    if (size && isUnspaced(text, i)) {
      count++;
      inWord = false;
      joinable = false;
      i += size;
      continue;
    }
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
