/**
 * Texts read as tokens (words and punctuation runs), content stems, capitalized words and word
 * counts; the word records themselves are in words.ts, and a document's sentences keep theirs in
 * document.ts.
 */
import { ASCII_WORD, wordAt, type Word } from './words.ts';

/** A text's tokens in order: a word, or null for a run of punctuation (white space is left out). */
export type Token = Word | null;

/** Tokens of `text`. The document (document.ts) keeps each sentence's, for the stages that read them. */
export function readTokens(text: string): Token[] {
  const out: Token[] = [];
  for (let at = 0; at < text.length; ) {
    const c = text.charCodeAt(at);
    if (isSpace(c)) {
      at++;
      continue;
    }
    const end = wordEnd(text, at);
    if (end > at) {
      out.push(wordAt(text, at, end));
      at = end;
    } else {
      at = punctuationEnd(text, at);
      out.push(null);
    }
  }
  return out;
}

/** Stems of the content words (not stop words, not pure numbers) of a text's tokens. */
export function contentStemsOf(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t) for (let k = 0; k < t.contentStems.length; k++) out.push(t.contentStems[k]);
  }
  return out;
}

const CAPITALIZED = /(?<![\p{L}\p{N}'’-])\p{Lu}[\p{L}'’-]*/gu;
const FIRST_LETTER = /\p{L}/u;

/** Lower-cased capitalized words of `text`, except its first word: a cheap stand-in for names. */
export function readCapitalizedWords(text: string): string[] {
  const out: string[] = [];
  const first = FIRST_LETTER.exec(text)?.index ?? -1;
  CAPITALIZED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CAPITALIZED.exec(text))) {
    if (m.index !== first && m[0].length > 1) out.push(m[0].toLowerCase());
  }
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
