/**
 * Tokenization with offsets for the entity tagger. Tokens follow the CoNLL-2003 conventions the
 * tagger was trained on (`U.S.`, `Macron 's`, `Jean-Yves`), found in raw text: punctuation split
 * off, possessives split, abbreviations kept whole. Offsets always index the input text.
 */
import { isSpace } from '../tokens.ts';
import { ASCII_WORD, wordAt, type Word as TextWord } from '../words.ts';

export interface Token {
  /** Exactly `text.slice(begin, end)`. */
  raw: string;
  /** `raw` with typographic quotes, apostrophes and dashes made plain, as in the training data. */
  norm: string;
  begin: number;
  end: number;
  /** A plain word's record, shared with the summary and the key phrases (words.ts). */
  word?: TextWord;
}

const ABBREVIATIONS = new Set(
  ('mr mrs ms dr prof st jr sr gen col lt sgt capt cpt maj adm gov sen rep rev hon pres supt insp ' +
    'inc ltd co corp plc bros dept univ assn ave blvd mt ft no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n e.u a.m p.m').split(' '),
);

const OPENERS = /^["'“‘«(\[{]/;
const CLOSERS = /["'”’»)\]},;:!?]$/;

const TYPOGRAPHIC = /[’‘‛`´“”„‟«»–—―‒]/;

export function normalize(token: string): string {
  if (!TYPOGRAPHIC.test(token)) return token;
  return token
    .replace(/[’‘‛`´]/g, "'")
    .replace(/[“”„‟«»]/g, '"')
    .replace(/[–—―‒]/g, '-');
}

function push(chunk: string, offset: number, list: Token[], b: number, e: number): void {
  const raw = chunk.slice(b, e);
  list.push({ raw, norm: normalize(raw), begin: offset + b, end: offset + e });
}

/** Splits one whitespace-free chunk into tokens, pushing them with their offsets. */
function splitChunk(chunk: string, offset: number, out: Token[], atLineStart: boolean): void {
  const tail: Token[] = [];
  let start = 0;
  let end = chunk.length;
  // Leading punctuation, one character at a time (but `'s` / `’s` is a token of its own in CoNLL).
  while (end - start > 1 && OPENERS.test(chunk[start]) && !/^['’](?:s|m|d|re|ve|ll)$/i.test(chunk.slice(start, end)) && !/^['’]\d\d$/.test(chunk.slice(start, end))) {
    push(chunk, offset, out, start, start + 1);
    start++;
  }
  // Trailing punctuation, innermost last.
  for (;;) {
    if (end - start <= 1) break;
    const last = chunk[end - 1];
    if (last !== '.' && !CLOSERS.test(last)) break;
    const body = chunk.slice(start, end);
    if (last === '.') {
      if (/^\.+$/.test(body)) break;
      const word = body.slice(0, -1);
      if (/^(?:\p{L}\.)+\p{L}?$/u.test(word + '.') || /^\p{Lu}$/u.test(word) || ABBREVIATIONS.has(word.toLowerCase())) break;
      // a numbered list item at the start of a line: `1.`
      if (/^\d{1,3}$/.test(word) && atLineStart) break;
      if (word.endsWith('..')) {
        // an ellipsis after a word
        const dots = /\.+$/.exec(body)![0].length;
        tail.unshift({ raw: body.slice(-dots), norm: body.slice(-dots), begin: offset + end - dots, end: offset + end });
        end -= dots;
        continue;
      }
      push(chunk, offset, tail, end - 1, end);
      tail.unshift(tail.pop()!);
      end--;
      continue;
    }
    if (CLOSERS.test(last)) {
      // keep a lone closing apostrophe that ends a plural possessive as its own token too
      push(chunk, offset, tail, end - 1, end);
      tail.unshift(tail.pop()!);
      end--;
      continue;
    }
    break;
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
  out.push(...tail);
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

/** The tokens before the dash at `dashAt` are capitals (`PARIS`, `WASHINGTON, D.C.`) and prose follows. */
function isDateline(tokens: Token[], dashAt: number): boolean {
  const before = tokens.slice(0, dashAt);
  const restHasLower = tokens.slice(dashAt + 1).some((t) => /\p{Ll}/u.test(t.norm));
  return restHasLower && before.every((t) => !/\p{Ll}/u.test(t.norm) || t.norm === 'Reuters') && before.some((t) => /\p{Lu}{2}/u.test(t.norm));
}

/** Tokens of the text, grouped into sentences (lines always end one; so do `.`, `!`, `?` before a capital). */
export function tokenize(text: string): Token[][] {
  const sentences: Token[][] = [];
  for (let lineStart = 0; lineStart < text.length; ) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
    const tokens: Token[] = [];
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
        tokens.push({ raw: word.word, norm: word.word, begin: at, end, word });
      } else splitChunk(text.slice(at, end), at, tokens, tokens.length === 0);
      at = end;
    }
    lineStart = lineEnd + 1;
    if (!tokens.length) continue;
    let current: Token[] = [];
    // An all-caps dateline before a dash (`PARIS –`, `WASHINGTON, D.C. —`) stands as a sentence of its own.
    let dashAt = -1;
    for (let i = 0; i < Math.min(tokens.length - 1, 6); i++) {
      if (tokens[i].norm === '-' || tokens[i].norm === '--') {
        dashAt = i;
        break;
      }
    }
    if (dashAt > 0 && isDateline(tokens, dashAt)) {
      sentences.push(tokens.slice(0, dashAt + 1));
      tokens.splice(0, dashAt + 1);
    }
    for (let i = 0; i < tokens.length; i++) {
      current.push(tokens[i]);
      const t = tokens[i].norm;
      if (isStop(t) || (isCloser(t) && i > 0 && isStop(tokens[i - 1].norm))) {
        const next = tokens[i + 1];
        if (next && isCloser(next.norm)) continue;
        if (next && /^[\p{Lu}\p{N}"'(]/u.test(next.norm)) {
          sentences.push(current);
          current = [];
        }
      }
    }
    if (current.length) sentences.push(current);
  }
  return sentences;
}
