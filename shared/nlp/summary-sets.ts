/**
 * The summary chosen as a set (text scraped into one block): every set of 2-3 of the leading
 * candidates within the word budget is scored as a whole, by which lead sentences it takes, its
 * length, its coverage of the article's recurring vocabulary and its redundancy (design and
 * figures: docs/summarizer.md).
 */
import { dot, FEATURE_NAMES, type Candidates } from './summary-features.ts';

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
  const scratch = scratchOf(c);
  // a set is scored against its own mark, so the marks never need clearing
  const mark = ++scratch.sets;
  let coverage = 0;
  let repeated = 0;
  let total = 0;
  for (const i of ix) {
    const ids = c.stemIds[i];
    const logDf = candidateLogDf(scratch, c, i);
    for (let k = 0; k < ids.length; k++) {
      if (scratch.seen[ids[k]] === mark) repeated++;
      else (scratch.seen[ids[k]] = mark, (coverage += logDf[k]));
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
 * Per article, what scoring up to 92 sets would otherwise work out again for each: the log of
 * the document frequency of each candidate's stems (in the order of `Candidates.stemIds`).
 */
interface SetScratch {
  logDf: Float64Array[];
  /** Per stem id, the number of the last set that covered it. */
  seen: Int32Array;
  sets: number;
}
const scratchCache = new WeakMap<Candidates, SetScratch>();
function scratchOf(c: Candidates): SetScratch {
  let cached = scratchCache.get(c);
  if (!cached) scratchCache.set(c, (cached = { logDf: [], seen: new Int32Array(c.stemDf.length), sets: 0 }));
  return cached;
}
function candidateLogDf(scratch: SetScratch, c: Candidates, i: number): Float64Array {
  return (scratch.logDf[i] ??= Float64Array.from(c.stemIds[i], (id) => Math.log(c.stemDf[id])));
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
