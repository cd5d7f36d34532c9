/**
 * Word-level facts the summary and the key phrases share: English stop words, Porter stems, the
 * roles a word may take in a key phrase, and one record per distinct raw token, worked out on its
 * first sight and found again by a range of the text (tokens.ts scans texts into them). This
 * module alone writes the records.
 */
import { stemmer } from 'stemmer';
import { detached } from './detach.ts';
import { NATURAL_STOPWORDS } from './natural-stopwords.ts';

let stopwords: Set<string> | null = null;

/** English stop words (natural's list plus news function words), built on first use. */
export function stopwordSet(): Set<string> {
  if (!stopwords) {
    stopwords = new Set([
      ...NATURAL_STOPWORDS,
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
  /** What the word may do in a key phrase (PHRASE flags). */
  phraseFlags: number;
  /** The storage of a WordSlot: read and written through one only. */
  slotOwner: WordSlot<unknown> | null;
  slotValue: unknown;
}

/**
 * A value another stage's per-process cache binds to word records (the entity tagger's word for
 * each record): the value the slot last set, or none once another slot has bound the record. A
 * cache that starts over makes a new slot, and every value the old one set is gone. The storage is
 * two fields of the record itself, since a lookup per token elsewhere (a WeakMap) cost the whole
 * analysis 8 %.
 */
export class WordSlot<T> {
  get(w: Word): T | undefined {
    return w.slotOwner === this ? (w.slotValue as T) : undefined;
  }

  set(w: Word, value: T): void {
    w.slotOwner = this as WordSlot<unknown>;
    w.slotValue = value;
  }
}

/** Words that end a noun phrase besides the stop words: reporting verbs, adverbs of time, fillers. */
const BREAKERS = new Set(
  (
    'said says say saying told tells added asked according reported announced revealed claimed believed think thought ' +
    'want wanted went going gone come came take took taken give gave given see saw seen know knew known found find ' +
    'called call including included like just also still really even ever never always already very much many ' +
    'today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday week weeks month months year years ' +
    'time times day days night morning afternoon evening ago later earlier now recently currently former latter ' +
    'mr mrs ms dr per cent percent around about whether without within across among several various another lot lots ' +
    'something anything everything nothing someone anyone everyone thing things way ways part kind sort number people ' +
    'january february march april may june july august september october november december ' +
    'one two three four five six seven eight nine ten dozen hundred hundreds thousand thousands million millions billion ' +
    'first second third last next new old big small good bad best great many few more most less least other others same ' +
    'down up out off over back not no yes half despite amid amidst during against toward towards upon via unlike regarding concerning following behind beyond near inside outside'
  ).split(' '),
);

/** A word's roles in key phrases (keyphrases.ts). */
export const PHRASE = {
  STOP: 1,
  /** Ends a phrase: a breaker word, a number, an adverb in -ly. */
  BREAK: 2,
  BREAKER: 4,
  CONTRACTION: 8,
  /** The word `of`, which may join the words of a name (`Bank of England`). */
  OF: 16,
  /** Cannot start or end a common-noun phrase (`-ing`, `-ed`, `-ly` words). */
  WEAK: 32,
} as const;

function phraseFlags(lower: string): number {
  const stop = stopwordSet();
  return (
    (stop.has(lower) || stop.has(lower.replace(/'s$/, '')) ? PHRASE.STOP : 0) |
    (BREAKERS.has(lower) || /^\d/.test(lower) || /ly$/.test(lower) ? PHRASE.BREAK : 0) |
    (BREAKERS.has(lower) ? PHRASE.BREAKER : 0) |
    (/['’](?:ve|ll|m|d|re|t)$/.test(lower) ? PHRASE.CONTRACTION : 0) |
    (lower === 'of' ? PHRASE.OF : 0) |
    (/(?:ing|ed|ly)$/.test(lower) && lower.length > 3 && !/(?:thing|ling|ring|ding|ceed|eed|ped)$/.test(lower) ? PHRASE.WEAK : 0)
  );
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
    phraseFlags: phraseFlags(lower),
    slotOwner: null,
    slotValue: undefined,
  };
}

/** ASCII letters and digits, by code. */
export const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0));

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
    phraseFlags: phraseFlags(lower),
    slotOwner: null,
    slotValue: undefined,
  };
}

/** fnv1a's start value and multiplier, for hashing as characters are read (entities/key-table.ts). */
export const FNV_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 codes of `text.slice(begin, end)`, without the slice. */
export function fnv1a(text: string, begin: number, end: number): number {
  let hash = FNV_BASIS;
  for (let i = begin; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
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
    const hash = fnv1a(text, begin, end);
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

const table = new WordTable();

/** The record of the token `text.slice(begin, end)`. */
export function wordAt(text: string, begin: number, end: number): Word {
  return table.get(text, begin, end);
}
