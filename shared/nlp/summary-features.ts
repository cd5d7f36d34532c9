/**
 * Summary candidates: the content sentences of an article (no captions, labels, calls to action or
 * very short lines) and the features the summarizer scores them by. Linear in the sentences.
 */
import { capitalizedWords, contentStems, wordCount } from './tokens.ts';
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

const DANGLING = /^["“‘']?(?:he|she|it|they|this|that|these|those|his|her|their|its|but|and|or|so|however|meanwhile|also|then|yet|still|instead|there)\b/i;

export interface Candidates {
  sentences: Sentence[];
  features: number[][];
  stems: string[][];
  words: number[];
  /** Stem → number of candidates containing it (document frequency of the content stems). */
  docTf: Map<string, number>;
}

/** The summary candidates (content sentences) of an article and their feature vectors. Linear in the sentences. */
export function candidateFeatures(text: string, sentences: Sentence[], title?: string | null): Candidates {
  const chosen: Sentence[] = [];
  const stems: string[][] = [];
  const words: number[] = [];
  const paragraphStart: boolean[] = [];
  const capitals: string[][] = [];
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
      if (n >= 6 && !ADVERT.test(s.text)) for (const t of contentStems(s.text)) captionStems.add(t);
      continue;
    }
    chosen.push(s);
    stems.push(contentStems(s.text));
    words.push(n);
    paragraphStart.push(newParagraph || chosen.length === 1);
    capitals.push(capitalizedWords(s.text));
  }
  const n = chosen.length;
  const distinctStems = stems.map((list) => new Set(list));
  const docTf = new Map<string, number>();
  for (const set of distinctStems) for (const t of set) docTf.set(t, (docTf.get(t) ?? 0) + 1);
  const entityCounts = new Map<string, number>();
  for (const list of capitals) for (const t of new Set(list)) entityCounts.set(t, (entityCounts.get(t) ?? 0) + 1);
  const titleStems = new Set(title ? contentStems(title) : []);
  const leadStems = distinctStems[0] ?? new Set<string>();

  const centrality: number[] = [];
  const entity: number[] = [];
  for (let i = 0; i < n; i++) {
    const distinct = distinctStems[i];
    let dot = 0;
    for (const t of distinct) dot += (docTf.get(t) ?? 1) - 1; // how often its words recur in other sentences
    centrality.push(distinct.size ? dot / Math.sqrt(distinct.size) : 0);
    let e = 0;
    for (const t of new Set(capitals[i])) e += Math.log((entityCounts.get(t) ?? 1));
    entity.push(e);
  }
  let maxCentrality = 1e-9;
  let maxEntity = 1e-9;
  for (let i = 0; i < n; i++) {
    if (centrality[i] > maxCentrality) maxCentrality = centrality[i];
    if (entity[i] > maxEntity) maxEntity = entity[i];
  }
  // The ten words found in most sentences.
  const top = topStems(docTf, 10);

  const features: number[][] = [];
  for (let k = 0; k < n; k++) {
    const s = chosen[k];
    const distinct = distinctStems[k];
    let captionHits = 0;
    if (captionStems.size) for (const t of distinct) if (captionStems.has(t)) captionHits++;
    let titleHits = 0;
    for (const t of titleStems) if (distinct.has(t)) titleHits++;
    let leadHits = 0;
    if (k > 0) for (const t of distinct) if (leadStems.has(t)) leadHits++;
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
      distinct.size ? leadHits / distinct.size : 0,
      entity[k] / maxEntity,
      OPENS_WITH_QUOTE.test(s.text) ? 1 : 0,
      quoted,
      DANGLING.test(s.text) ? 1 : 0,
      paragraphStart[k] ? 1 : 0,
      /\d/.test(s.text) ? 1 : 0,
      /\?["”’']?$/.test(s.text) ? 1 : 0,
      k === 3 ? 1 : 0,
      ATTRIBUTION.test(s.text) ? 1 : 0,
      words[k] >= 12 && words[k] <= 35 ? 1 : 0,
      topHits(distinct, top) / 10,
      distinct.size ? captionHits / distinct.size : 0,
    ]);
  }
  return { sentences: chosen, features, stems, words, docTf };
}

/** The `k` stems found in most sentences (more than one), ties by stem: one pass, no sort of them all. */
function topStems(docTf: Map<string, number>, k: number): Set<string> {
  const best: Array<[string, number]> = [];
  const before = (a: [string, number], b: [string, number]) => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);
  for (const entry of docTf) {
    if (entry[1] <= 1 || (best.length === k && !before(entry, best[k - 1]))) continue;
    let at = best.length < k ? best.length : k - 1;
    while (at > 0 && before(entry, best[at - 1])) {
      if (at < k) best[at] = best[at - 1];
      at--;
    }
    best[at] = entry;
  }
  return new Set(best.map(([t]) => t));
}

function topHits(distinct: Set<string>, top: Set<string>): number {
  let hits = 0;
  for (const t of top) if (distinct.has(t)) hits++;
  return hits;
}

export function dot(w: readonly number[], x: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (w[i] ?? 0) * x[i];
  return s;
}

function quotedShare(text: string): number {
  let inside = 0;
  for (const m of text.matchAll(/["“][^"”]*["”]|‘[^’]*’(?!\p{L})/gu)) inside += m[0].length;
  return text.length ? Math.min(1, inside / text.length) : 0;
}
