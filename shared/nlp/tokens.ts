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

const CONTENT_TOKEN = /[a-z0-9]+(?:['’][a-z]+)?/g;

/** Stems of the content words (not stop words, not pure numbers) of `text`. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  CONTENT_TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CONTENT_TOKEN.exec(lower))) {
    const s = contentStem(m[0]);
    if (s !== null) out.push(s);
  }
  return out;
}

const CAPITALIZED = /(?<![\p{L}\p{N}'’-])\p{Lu}[\p{L}'’-]*/gu;
const FIRST_LETTER = /\p{L}/u;

/** Lower-cased capitalized words of `text`, except its first word: a cheap stand-in for names. */
export function capitalizedWords(text: string): string[] {
  const out: string[] = [];
  const first = FIRST_LETTER.exec(text)?.index ?? -1;
  CAPITALIZED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CAPITALIZED.exec(text))) {
    if (m.index !== first && m[0].length > 1) out.push(m[0].toLowerCase());
  }
  return out;
}

export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
