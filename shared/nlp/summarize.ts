import { SUMMARY_MODEL, type Layout } from './summary-model.ts';
import { capitalizedWords, contentStems, wordCount } from './tokens.ts';
import type { Sentence } from './types.ts';

export interface SummaryOptions {
  maxSentences: number;
  maxWords: number;
  title?: string | null;
  /** Feature weights of the sentence score (defaults to the shipped model, `summary-model.ts`). */
  weights?: readonly number[];
  /** A candidate is dropped when this share of its content words is already in the summary. */
  redundancy?: number;
}

export const DEFAULT_SUMMARY_OPTIONS: SummaryOptions = { maxSentences: 3, maxWords: 120 };

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
  for (const s of sentences) {
    const gap = text.slice(previousEnd, s.begin);
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
    paragraphStart.push(gap.includes('\n') || chosen.length === 1);
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

/**
 * Chooses the summary sentences, returned in article order: each content sentence gets a
 * learned linear score (position, length, centrality, title/lead/entity overlap, quotes), then
 * the best are taken greedily, skipping any mostly covered by those already taken and any that
 * would overrun the word budget. Cost: linear features plus one sort, O(n log n).
 */
export function summarize(
  text: string,
  sentences: Sentence[],
  options: SummaryOptions = DEFAULT_SUMMARY_OPTIONS,
): Sentence[] {
  const maxSentences = options.maxSentences ?? DEFAULT_SUMMARY_OPTIONS.maxSentences;
  const maxWords = options.maxWords ?? DEFAULT_SUMMARY_OPTIONS.maxWords;
  if (maxSentences <= 0 || maxWords <= 0) return [];
  const model = SUMMARY_MODEL[layoutOf(text)];
  const weights = options.weights ?? model.weights;
  const redundancy = options.redundancy ?? model.redundancy;
  const c = candidateFeatures(text, sentences, options.title);
  const setWeights = options.weights ? undefined : model.setWeights;
  const picked =
    (setWeights && maxSentences <= SET_MAX_SENTENCES ? selectSet(c, setWeights, maxSentences, maxWords) : null) ??
    selectSentences(c, weights, redundancy, maxSentences, maxWords);
  if (picked.length === 0 && c.sentences.length === 0) {
    // No regular sentence: fall back to the first sentence-kind unit that fits.
    const first = sentences.find((s) => s.kind === 'sentence' && wordCount(s.text) <= maxWords);
    return first ? [first] : [];
  }
  return picked.map((i) => c.sentences[i]);
}

/**
 * Paragraphed text (line breaks between paragraphs) and text scraped into one block (captions and
 * pull quotes run into the story) reward different sentences: each layout has its own weights.
 */
export function layoutOf(text: string): Layout {
  return /\n/.test(text.trim()) ? 'paragraphs' : 'block';
}

/** Indices (article order) of the candidates chosen: best score first, skipping redundant ones and any over the word budget. */
export function selectSentences(
  c: Candidates,
  weights: readonly number[],
  redundancy: number,
  maxSentences: number,
  maxWords: number,
): number[] {
  const order = c.features
    .map((x, i) => ({ i, score: dot(weights, x) }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const picked: number[] = [];
  const covered = new Set<string>();
  let used = 0;
  for (const { i } of order) {
    if (picked.length >= maxSentences) break;
    if (used + c.words[i] > maxWords) continue;
    const distinct = new Set(c.stems[i]);
    let seen = 0;
    for (const t of distinct) if (covered.has(t)) seen++;
    if (distinct.size && seen / distinct.size > redundancy) continue;
    picked.push(i);
    used += c.words[i];
    for (const t of distinct) covered.add(t);
  }
  return picked.sort((a, b) => a - b);
}

/** The set search looks at this many leading candidates (a bounded search: at most 92 subsets). */
export const SET_CANDIDATES = 8;
/** The set search is used for summaries of at most this many sentences (the default 3). */
export const SET_MAX_SENTENCES = 3;

/**
 * Sentences that talk about the page's photos (`pictured`, `(left)`), mostly captions that the
 * scrape ran into the prose: the set search leaves them out.
 */
const PHOTO_REFERENCE = /\bpictured\b|\((?:left|right|above|below|centre|center|top|bottom|inset|pictured)\)/i;
/** A caption run into the next sentence with no punctuation (`… the massive heist This FBI sketch shows …`). */
const CAPTION_SEAM = /[\p{Ll}\d,)] (?:This|These|Those|He|She|They|His|Her|Their|Its|It|We|Our|There|Pictured)\s/u;

/** Sentence features (indices into `FEATURE_NAMES`) summed over a candidate set. */
const SUMMED = [9, 12, 13, 14, 17, 18, 20, 22, 23, 10] as const;
const DANGLING_FEATURE = 15;

export const SET_FEATURE_NAMES = [
  ...Array.from({ length: SET_CANDIDATES }, (_, k) => `has candidate ${k + 1}`),
  'one sentence',
  'two sentences',
  'words / 50',
  '(words / 50)²',
  'coverage (Σ log document frequency of the distinct stems) / 20',
  'coverage per stem',
  'repeated stem share',
  ...SUMMED.map((i) => `Σ ${FEATURE_NAMES[i]}`),
  'dangling openers without their preceding sentence',
] as const;

/**
 * Features of a candidate set `ix` (ascending indices < SET_CANDIDATES): which leading
 * sentences it takes, its size and length, how much of the article's recurring vocabulary it
 * covers (each distinct stem counted once, weighted by the log of the number of sentences that
 * use it), how much it repeats itself, sums of the sentence features, and dangling openers
 * (`But …`, `He …`) whose preceding sentence is left out.
 */
export function setFeatures(c: Candidates, ix: readonly number[]): number[] {
  const f: number[] = [];
  for (let k = 0; k < SET_CANDIDATES; k++) f.push(ix.includes(k) ? 1 : 0);
  f.push(ix.length === 1 ? 1 : 0, ix.length === 2 ? 1 : 0);
  let words = 0;
  for (const i of ix) words += c.words[i];
  f.push(words / 50, (words / 50) ** 2);
  const stemIds = stemIdsOf(c);
  // a set is scored against its own mark, so the marks never need clearing
  const mark = ++stemIds.sets;
  let coverage = 0;
  let repeated = 0;
  let total = 0;
  for (const i of ix) {
    const { ids, logDf } = stemIds.candidates[i];
    for (let k = 0; k < ids.length; k++) {
      if (stemIds.seen[ids[k]] === mark) repeated++;
      else (stemIds.seen[ids[k]] = mark, (coverage += logDf[k]));
    }
    total += ids.length;
  }
  f.push(coverage / 20, total ? coverage / total : 0, total ? repeated / total : 0);
  for (const j of SUMMED) {
    let sum = 0;
    for (const i of ix) sum += c.features[i][j];
    f.push(sum);
  }
  let dangling = 0;
  for (const i of ix) if (c.features[i][DANGLING_FEATURE] && !ix.includes(i - 1)) dangling++;
  f.push(dangling);
  return f;
}

/**
 * The leading candidates' distinct stems (first occurrence order) as small integers, with the log
 * of their document frequency: worked out once per article, so that scoring up to 92 sets hashes
 * no string.
 */
interface StemIds {
  candidates: Array<{ ids: Int32Array; logDf: Float64Array }>;
  /** Per stem id, the number of the last set that covered it. */
  seen: Int32Array;
  sets: number;
}
const stemIdsCache = new WeakMap<Candidates, StemIds>();
function stemIdsOf(c: Candidates): StemIds {
  let cached = stemIdsCache.get(c);
  if (cached) return cached;
  const index = new Map<string, number>();
  const candidates = c.stems.slice(0, SET_CANDIDATES).map((list) => {
    const stems = [...new Set(list)];
    return {
      ids: Int32Array.from(stems, (t) => index.get(t) ?? (index.set(t, index.size), index.size - 1)),
      logDf: Float64Array.from(stems, (t) => Math.log(c.docTf.get(t) ?? 1)),
    };
  });
  cached = { candidates, seen: new Int32Array(index.size), sets: 0 };
  stemIdsCache.set(c, cached);
  return cached;
}

/**
 * The sets the search compares: every set of 2 to `maxSentences` (≤ 3) of the first
 * SET_CANDIDATES candidates within `maxWords`, ascending indices; single sentences only when
 * `maxSentences` is 1 or no larger set fits (a lone sentence is no summary of a story).
 * Sentences that refer to the photos or carry a caption seam are left out.
 */
export function candidateSets(c: Candidates, maxSentences: number, maxWords: number): number[][] {
  const n = Math.min(SET_CANDIDATES, c.sentences.length);
  const size = Math.min(maxSentences, SET_MAX_SENTENCES);
  const sets: number[][] = [];
  const usable = c.sentences.slice(0, n).map((s) => !PHOTO_REFERENCE.test(s.text) && !CAPTION_SEAM.test(s.text));
  const walk = (start: number, ix: number[], words: number) => {
    for (let k = start; k < n; k++) {
      if (!usable[k] || words + c.words[k] > maxWords) continue;
      const next = [...ix, k];
      sets.push(next);
      if (next.length < size) walk(k + 1, next, words + c.words[k]);
    }
  };
  walk(0, [], 0);
  const larger = sets.filter((ix) => ix.length > 1);
  return larger.length ? larger : sets;
}

/**
 * Scores whole candidate sets rather than sentences: the best-scoring set (linear in
 * `setFeatures`) among `candidateSets`, or null when none fits. Bounded cost: ≤ 92 sets of ≤ 3
 * sentences.
 */
export function selectSet(c: Candidates, setWeights: readonly number[], maxSentences: number, maxWords: number): number[] | null {
  let best: number[] | null = null;
  let bestScore = -Infinity;
  for (const ix of candidateSets(c, maxSentences, maxWords)) {
    const score = dot(setWeights, setFeatures(c, ix));
    if (score > bestScore) (bestScore = score, (best = ix));
  }
  return best;
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

function dot(w: readonly number[], x: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (w[i] ?? 0) * x[i];
  return s;
}

function quotedShare(text: string): number {
  let inside = 0;
  for (const m of text.matchAll(/["“][^"”]*["”]|‘[^’]*’(?!\p{L})/gu)) inside += m[0].length;
  return text.length ? Math.min(1, inside / text.length) : 0;
}
