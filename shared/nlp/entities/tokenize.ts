/**
 * Tokenization with offsets for the entity tagger. Tokens follow the CoNLL-2003 conventions the
 * tagger was trained on (`U.S.`, `Macron 's`, `Jean-Yves`), found in raw text: punctuation split
 * off, possessives split, abbreviations kept whole. Offsets always index the input text.
 */
import { withoutInvisibles } from '../invisible.ts';
import { isSpace } from '../tokens.ts';
import { ASCII_WORD, wordAt, type Word as TextWord } from '../words.ts';

/**
 * A text's tokens, as parallel arrays: a news text has hundreds and a 1 MB text 200,000, whose
 * analysis an object for each made 12-15 % slower.
 */
export interface Tokens {
  /** Per token: its text with typographic quotes, apostrophes and dashes made plain, as in the training data. */
  norms: string[];
  /** Per token: its offsets in the text (`text.slice(begin, end)` is the token as written). */
  begins: number[];
  ends: number[];
  /** Per token: a plain word's record, shared with the summary and the key phrases (words.ts); undefined for the others. */
  records: Array<TextWord | undefined>;
  /** Index of each sentence's first token, and the number of tokens at the end. */
  starts: number[];
}

const ABBREVIATIONS = new Set(
  ('mr mrs ms dr prof st jr sr gen col lt sgt capt cpt maj adm gov sen rep rev hon pres supt insp ' +
    'inc ltd co corp plc bros dept univ assn ave blvd mt ft no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n e.u a.m p.m').split(' '),
);

/** A character that opens a quote or a bracket (split off the front of a chunk as a token of its own). */
export const OPENERS = /^["'“‘«(\[{]/;
const CLOSERS = /["'”’»)\]},;:!?]$/;

const TYPOGRAPHIC = /[’‘‛`´“”„‟«»–—―‒\u00ad\u180e\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** The token as the tagger learned it: plain quotes, apostrophes and dashes, no invisible characters. */
export function normalize(token: string): string {
  if (!TYPOGRAPHIC.test(token)) return token;
  return withoutInvisibles(token)
    .replace(/[’‘‛`´]/g, "'")
    .replace(/[“”„‟«»]/g, '"')
    .replace(/[–—―‒]/g, '-');
}

/**
 * The arrays while they are filled: made at about the size they end at, then cut to it. Pushed to,
 * a 1 MB text's arrays were copied twenty times each as they grew, into fresh memory every time:
 * a sixth of that analysis's page faults.
 */
interface Filling extends Tokens {
  size: number;
}

/** Adds one token to the arrays. */
function add(out: Filling, norm: string, begin: number, end: number, record: TextWord | undefined): void {
  const i = out.size++;
  out.norms[i] = norm;
  out.begins[i] = begin;
  out.ends[i] = end;
  out.records[i] = record;
}

/** Adds `chunk.slice(b, e)` as a token, normalized. */
function push(chunk: string, offset: number, out: Filling, b: number, e: number): void {
  add(out, normalize(chunk.slice(b, e)), offset + b, offset + e, undefined);
}

/** `'s`, `'m`, `'d`, `'re`, `'ve`, `'ll` (a CoNLL token of its own), or `'90` (a year): at most three characters. */
const CLITIC_OR_YEAR = /^['’](?:s|m|d|re|ve|ll|\d\d)$/i;
/** An initialism (`U.S.`, `e.g.`); only short words are tested, since no initialism is long. */
const INITIALISM = /^(?:\p{L}\.)+\p{L}?$/u;
const MAX_INITIALISM = 24;
/** The longest entry of ABBREVIATIONS. */
const MAX_ABBREVIATION = 5;

/**
 * Splits one whitespace-free chunk into tokens, adding them with their offsets. Every step looks
 * at a bounded part of the chunk, so the cost stays linear in its length: a chunk can be a whole
 * upload (a megabyte of `!`).
 */
function splitChunk(chunk: string, offset: number, out: Filling, atLineStart: boolean): void {
  // the trailing punctuation, as [end, begin) pairs from the outermost in
  const tail: number[] = [];
  let start = 0;
  let end = chunk.length;
  // Leading punctuation, one character at a time (but `'s` / `’s` is a token of its own in CoNLL).
  while (end - start > 1 && OPENERS.test(chunk[start]) && !(end - start <= 3 && CLITIC_OR_YEAR.test(chunk.slice(start, end)))) {
    push(chunk, offset, out, start, start + 1);
    start++;
  }
  let leadingDots = 0;
  while (start + leadingDots < end && chunk.charCodeAt(start + leadingDots) === 46) leadingDots++;
  // Trailing punctuation, innermost last.
  for (;;) {
    if (end - start <= 1) break;
    const last = chunk[end - 1];
    if (last !== '.' && !CLOSERS.test(last)) break;
    if (last === '.') {
      if (leadingDots >= end - start) break;
      const wordLength = end - 1 - start;
      if (wordLength <= MAX_INITIALISM && INITIALISM.test(chunk.slice(start, end))) break;
      if (wordLength <= 2 && /^\p{Lu}$/u.test(chunk.slice(start, end - 1))) break;
      if (wordLength <= MAX_ABBREVIATION && ABBREVIATIONS.has(chunk.slice(start, end - 1).toLowerCase())) break;
      // a numbered list item at the start of a line: `1.`
      if (atLineStart && wordLength <= 3 && /^\d{1,3}$/.test(chunk.slice(start, end - 1))) break;
      // an ellipsis after a word is one token
      const dots = chunk.charCodeAt(end - 2) === 46 && chunk.charCodeAt(end - 3) === 46 ? trailingDots(chunk, start, end) : 1;
      tail.push(end, end - dots);
      end -= dots;
      continue;
    }
    // a closer (a lone closing apostrophe that ends a plural possessive too)
    tail.push(end, end - 1);
    end--;
  }
  const body = start === 0 && end === chunk.length ? chunk : chunk.slice(start, end);
  // Possessive and clitic: Macron's -> Macron 's ; don't -> do n't
  const apostrophe = body.includes("'") || body.includes('’');
  const poss = apostrophe ? /^(.+?)(['’](?:[sSmMdD]|re|RE|ve|VE|ll|LL))$/u.exec(body) : null;
  const nt = apostrophe ? /^(.+?)([nN]['’][tT])$/u.exec(body) : null;
  if (poss && /\p{L}/u.test(poss[1])) {
    push(chunk, offset, out, start, end - poss[2].length);
    push(chunk, offset, out, end - poss[2].length, end);
  } else if (nt && /\p{L}/u.test(nt[1])) {
    push(chunk, offset, out, start, end - 3);
    push(chunk, offset, out, end - 3, end);
  } else if (body.length) push(chunk, offset, out, start, end);
  for (let k = tail.length - 2; k >= 0; k -= 2) push(chunk, offset, out, tail[k + 1], tail[k]);
}

/** How many `.` end `chunk.slice(start, end)`. */
function trailingDots(chunk: string, start: number, end: number): number {
  let at = end;
  while (at > start && chunk.charCodeAt(at - 1) === 46) at--;
  return end - at;
}

const isLineBreak = (c: number) => c === 10 || c === 13;
const isAsciiAlnum = (c: number) => c < 128 && ASCII_WORD[c] === 1;
const isChunkSpace = (c: number) => isSpace(c) || c === 0x200b;

/** `.`, `!`, `?` or a run of them (`?!`, `...`), tested by code: every token is tested. */
function isStop(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c !== 46 && c !== 33 && c !== 63) return false;
  }
  return t.length > 0;
}

/** `"`, `'` or `)`. */
const isCloser = (t: string) => t === '"' || t === "'" || t === ')';

/** The tokens `from` up to the dash at `dashAt` are capitals (`PARIS`, `WASHINGTON, D.C.`) and prose follows, up to `to`. */
function isDateline(norms: string[], from: number, dashAt: number, to: number): boolean {
  let restHasLower = false;
  for (let i = dashAt + 1; i < to && !restHasLower; i++) restHasLower = /\p{Ll}/u.test(norms[i]);
  if (!restHasLower) return false;
  let capitals = false;
  for (let i = from; i < dashAt; i++) {
    if (/\p{Ll}/u.test(norms[i]) && norms[i] !== 'Reuters') return false;
    capitals ||= /\p{Lu}{2}/u.test(norms[i]);
  }
  return capitals;
}

/** Tokens of the text, in sentences (lines always end one; so do `.`, `!`, `?` before a capital). */
export function tokenize(text: string): Tokens {
  // at least the number of tokens, mostly: news text has one every 4.5-6 characters (counting
  // them first cost a pass over the text, as much as the right size saved)
  const expected = Math.ceil(text.length / 4.5) + 16;
  const out: Filling = { norms: new Array(expected), begins: new Array(expected), ends: new Array(expected), records: new Array(expected), starts: [], size: 0 };
  const { norms } = out;
  for (let lineStart = 0; lineStart < text.length; ) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
    const from = out.size;
    // chunks: runs of anything but white space (and zero-width spaces)
    for (let at = lineStart; at < lineEnd; ) {
      if (isChunkSpace(text.charCodeAt(at))) {
        at++;
        continue;
      }
      let end = at + 1;
      let plain = isAsciiAlnum(text.charCodeAt(at));
      for (; end < lineEnd; end++) {
        const c = text.charCodeAt(end);
        if (isChunkSpace(c)) break;
        if (plain && !isAsciiAlnum(c)) plain = false;
      }
      // most chunks are a plain word, which is its own token (splitChunk would find nothing to
      // split); the summary has read it already, and its record holds the string
      if (plain) {
        const word = wordAt(text, at, end);
        add(out, word.word, at, end, word);
      } else splitChunk(text.slice(at, end), at, out, out.size === from);
      at = end;
    }
    lineStart = lineEnd + 1;
    const to = out.size;
    if (to === from) continue;
    let sentence = from;
    // An all-caps dateline before a dash (`PARIS –`, `WASHINGTON, D.C. —`) stands as a sentence of its own.
    for (let i = from; i < Math.min(to - 1, from + 6); i++) {
      if (norms[i] !== '-' && norms[i] !== '--') continue;
      if (i > from && isDateline(norms, from, i, to)) {
        out.starts.push(from);
        sentence = i + 1;
      }
      break;
    }
    const prose = sentence;
    for (let i = prose; i < to; i++) {
      const t = norms[i];
      if (!isStop(t) && !(isCloser(t) && i > prose && isStop(norms[i - 1]))) continue;
      const next = i + 1 < to ? norms[i + 1] : undefined;
      if (next === undefined || isCloser(next)) continue;
      if (/^[\p{Lu}\p{N}"'(]/u.test(next)) {
        out.starts.push(sentence);
        sentence = i + 1;
      }
    }
    if (sentence < to) out.starts.push(sentence);
  }
  out.starts.push(out.size);
  const { size, begins, ends, records, starts } = out;
  for (const array of [norms, begins, ends, records]) array.length = size;
  return { norms, begins, ends, records, starts };
}
