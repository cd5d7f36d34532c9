/**
 * Summary candidates: the content sentences of an article (no captions, labels, calls to action or
 * very short lines) and the features the summarizer scores them by. Linear in the sentences.
 */
import type { ArticleDocument } from './document.ts';
import { wordCount } from './tokens.ts';
import type { Sentence } from './types.ts';

/** Sentences never taken into a summary: captions, labels, calls to action, very short lines. */
const NOT_CONTENT_START =
  /^\W*(?:pictured|photo|picture|image|video|watch|scroll down|click|read more|see more|listen|related|caption|credit|share|tweet|email)\b/i;
/** Caption labels: `Fighter ace: …`, `Wanted: …` (a capitalized word or two, then a colon). */
const LABEL = /^[\p{Lu}][\p{Ll}'’-]*(?:\s[\p{Ll}\p{Lu}][\p{L}'’-]*){0,2}:\s/u;
const NOT_CONTENT_END = /(?:^|\W)(?:pictured|above|below|left|right|top|bottom|inset)\)?[,:]?\s*$/i;
const NOT_CONTENT_ANYWHERE = /\b(?:contributed to this (?:report|story)|sign up|subscribe|newsletter|follow (?:us|him|her) on)\b/i;

function notContent(text: string): boolean {
  return NOT_CONTENT_START.test(text) || LABEL.test(text) || NOT_CONTENT_END.test(text.slice(-24)) || NOT_CONTENT_ANYWHERE.test(text);
}

export const FEATURE_NAMES = [
  'bias',
  'first',
  'second',
  'third',
  'inverse position',
  'relative position',
  'length',
  'short',
  'long',
  'centrality',
  'title overlap',
  'lead overlap',
  'entities',
  'opens with quote',
  'quoted share',
  'opens with pronoun or connective',
  'paragraph start',
  'has number',
  'question',
  'fourth',
  'attribution',
  'mid length',
  'top terms',
  'caption overlap',
] as const;

/**
 * Only the first sentences of a very long text are scored (news puts its substance first; the
 * sentence-level features are linear, this keeps a 1 MB upload well under a second).
 */
const MAX_CANDIDATES = 500;

const ADVERT = /\b(?:advert|sponsored|subscribe|newsletter|sign up|inbox|share|cookies?|copyright)\b/i;

/** Opens with a quotation, directly or after a short lead-in (`He said: ‘…`). */
const OPENS_WITH_QUOTE = /^(?:["“‘']|[^"“‘':.]{1,40}:\s*["“‘'])/;

const ATTRIBUTION = /\b(?:said|says|told|according to)\b/i;

const HAS_DIGIT = /\d/;
const QUESTION_END = /\?["”’']?$/;
const DANGLING = /^["“‘']?(?:he|she|it|they|this|that|these|those|his|her|their|its|but|and|or|so|however|meanwhile|also|then|yet|still|instead|there)\b/i;

export interface Candidates {
  sentences: Sentence[];
  features: number[][];
  /** Per candidate, its distinct content stems as ids (first occurrence order): compared without hashing strings. */
  stemIds: number[][];
  /** Stem id → number of candidates containing it (document frequency of the content stems). */
  stemDf: number[];
  words: number[];
}

/**
 * Small integer ids for the words of the candidates, and the number of candidates each occurs
 * in: each candidate's words are de-duplicated once, into an id list, instead of a `Set` per
 * sentence and per use.
 */
class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly words: string[] = [];
  /** Id → number of candidates that use it. */
  readonly df: number[] = [];
  /** Id → the last candidate counted in `df`. */
  private readonly lastCandidate: number[] = [];

  /** The distinct ids of candidate `k`'s words in first occurrence order; counts `k` in their `df`. Call with increasing `k`. */
  distinct(list: readonly string[], k: number): number[] {
    const out: number[] = [];
    for (const word of list) {
      let id = this.ids.get(word);
      if (id === undefined) {
        id = this.words.length;
        this.ids.set(word, id);
        this.words.push(word);
        this.df.push(0);
        this.lastCandidate.push(-1);
      }
      if (this.lastCandidate[id] === k) continue;
      this.lastCandidate[id] = k;
      this.df[id]++;
      out.push(id);
    }
    return out;
  }
}

/** Flags per stem id: which reference word lists (title, lead, captions, top terms) use it. */
const IN_TITLE = 1;
const IN_LEAD = 2;
const IN_CAPTION = 4;
const IN_TOP = 8;

/** The summary candidates (content sentences) of an article and their feature vectors. Linear in the sentences. */
export function candidateFeatures(doc: ArticleDocument, title?: string | null): Candidates {
  const { text, sentences } = doc;
  const chosen: Sentence[] = [];
  const words: number[] = [];
  const paragraphStart: boolean[] = [];
  const stems = new Vocabulary();
  const capitals = new Vocabulary();
  const stemIds: number[][] = [];
  const capitalIds: number[][] = [];
  const captionStems = new Set<string>();
  let previousEnd = 0;
  // the first line break at or after previousEnd (-1: none), searched forward only, so linear overall
  let nextBreak = text.indexOf('\n');
  for (const s of sentences) {
    if (nextBreak >= 0 && nextBreak < previousEnd) nextBreak = text.indexOf('\n', previousEnd);
    // a line break between the previous unit and this one: a new paragraph
    const newParagraph = nextBreak >= 0 && nextBreak < s.begin;
    previousEnd = s.end;
    if (chosen.length >= MAX_CANDIDATES) break;
    if (s.kind === 'heading') continue;
    const n = wordCount(s.text);
    if (s.kind === 'furniture' || n < 4 || notContent(s.text)) {
      // Photo captions (furniture or labelled lines of some length) say what the editors found important.
      if (n >= 6 && !ADVERT.test(s.text)) for (const t of doc.contentStems(s.text)) captionStems.add(t);
      continue;
    }
    const k = chosen.length;
    chosen.push(s);
    stemIds.push(stems.distinct(doc.contentStems(s.text), k));
    capitalIds.push(capitals.distinct(doc.capitalizedWords(s.text), k));
    words.push(n);
    paragraphStart.push(newParagraph || k === 0);
  }
  const n = chosen.length;
  const stemDf = stems.df;
  const flags = new Uint8Array(stemDf.length);
  const titleStems = new Set(title ? doc.contentStems(title) : []);
  for (const t of titleStems) markStem(stems, flags, t, IN_TITLE);
  for (const id of stemIds[0] ?? []) flags[id] |= IN_LEAD;
  for (const t of captionStems) markStem(stems, flags, t, IN_CAPTION);
  // The ten words found in most sentences.
  for (const id of topStems(stems, 10)) flags[id] |= IN_TOP;

  const centrality: number[] = [];
  const entity: number[] = [];
  for (let i = 0; i < n; i++) {
    const distinct = stemIds[i];
    let dot = 0;
    for (const id of distinct) dot += stemDf[id] - 1; // how often its words recur in other sentences
    centrality.push(distinct.length ? dot / Math.sqrt(distinct.length) : 0);
    let e = 0;
    for (const id of capitalIds[i]) e += Math.log(capitals.df[id]);
    entity.push(e);
  }
  let maxCentrality = 1e-9;
  let maxEntity = 1e-9;
  for (let i = 0; i < n; i++) {
    if (centrality[i] > maxCentrality) maxCentrality = centrality[i];
    if (entity[i] > maxEntity) maxEntity = entity[i];
  }

  const features: number[][] = [];
  for (let k = 0; k < n; k++) {
    const s = chosen[k];
    const distinct = stemIds[k];
    let titleHits = 0;
    let leadHits = 0;
    let captionHits = 0;
    let topHits = 0;
    for (const id of distinct) {
      const f = flags[id];
      if (f & IN_TITLE) titleHits++;
      if (f & IN_LEAD && k > 0) leadHits++;
      if (f & IN_CAPTION) captionHits++;
      if (f & IN_TOP) topHits++;
    }
    const quoted = quotedShare(s.text);
    features.push([
      1,
      k === 0 ? 1 : 0,
      k === 1 ? 1 : 0,
      k === 2 ? 1 : 0,
      1 / (k + 1),
      n > 1 ? k / (n - 1) : 0,
      Math.min(words[k], 60) / 60,
      words[k] < 10 ? 1 : 0,
      words[k] > 45 ? 1 : 0,
      centrality[k] / maxCentrality,
      titleStems.size ? titleHits / titleStems.size : 0,
      distinct.length ? leadHits / distinct.length : 0,
      entity[k] / maxEntity,
      OPENS_WITH_QUOTE.test(s.text) ? 1 : 0,
      quoted,
      DANGLING.test(s.text) ? 1 : 0,
      paragraphStart[k] ? 1 : 0,
      HAS_DIGIT.test(s.text) ? 1 : 0,
      QUESTION_END.test(s.text) ? 1 : 0,
      k === 3 ? 1 : 0,
      ATTRIBUTION.test(s.text) ? 1 : 0,
      words[k] >= 12 && words[k] <= 35 ? 1 : 0,
      topHits / 10,
      distinct.length ? captionHits / distinct.length : 0,
    ]);
  }
  return { sentences: chosen, features, stemIds, stemDf, words };
}

/** Sets `flag` on stem `t` when a candidate uses it (words no candidate uses can never be hit). */
function markStem(stems: Vocabulary, flags: Uint8Array, t: string, flag: number): void {
  const id = stems.ids.get(t);
  if (id !== undefined) flags[id] |= flag;
}

/** Ids of the `k` stems found in most sentences (more than one), ties by stem: one pass, no sort of them all. */
function topStems(stems: Vocabulary, k: number): number[] {
  const best: number[] = [];
  const before = (a: number, b: number) =>
    stems.df[a] > stems.df[b] || (stems.df[a] === stems.df[b] && stems.words[a] < stems.words[b]);
  for (let id = 0; id < stems.df.length; id++) {
    if (stems.df[id] <= 1 || (best.length === k && !before(id, best[k - 1]))) continue;
    let at = best.length < k ? best.length : k - 1;
    while (at > 0 && before(id, best[at - 1])) {
      if (at < k) best[at] = best[at - 1];
      at--;
    }
    best[at] = id;
  }
  return best;
}

export function dot(w: readonly number[], x: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (w[i] ?? 0) * x[i];
  return s;
}

/**
 * The share of a sentence inside quotation marks (`"…"`, `“…”`, `‘…’` not followed by a letter).
 * Each closing mark is looked up once, not again for every opening mark before it: a text of
 * unclosed `“` would cost its square.
 */
function quotedShare(text: string): number {
  let inside = 0;
  const double = new NextMatch(text, DOUBLE_CLOSER);
  const single = new NextMatch(text, SINGLE_CLOSER);
  OPENING_QUOTE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = OPENING_QUOTE.exec(text)); ) {
    const open = m.index;
    const close = m[0] === '‘' ? single.from(open + 1) : double.from(open + 1);
    if (close < 0 || (m[0] === '‘' && letterAt(text, close + 1))) continue;
    inside += close + 1 - open;
    OPENING_QUOTE.lastIndex = close + 1;
  }
  return text.length ? Math.min(1, inside / text.length) : 0;
}

const OPENING_QUOTE = /["“‘]/g;
const DOUBLE_CLOSER = /["”]/g;
const SINGLE_CLOSER = /’/g;
const LETTER = /\p{L}/uy;

function letterAt(text: string, at: number): boolean {
  LETTER.lastIndex = at;
  return LETTER.test(text);
}

/** The next match of a pattern at or after a position that only moves forward: each part of the text is searched once. */
class NextMatch {
  private found = -2;
  constructor(
    private readonly text: string,
    private readonly pattern: RegExp,
  ) {}

  from(position: number): number {
    if (this.found === -1 || this.found >= position) return this.found;
    this.pattern.lastIndex = position;
    this.found = this.pattern.exec(this.text)?.index ?? -1;
    return this.found;
  }
}
