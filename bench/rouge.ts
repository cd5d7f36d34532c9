/**
 * ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 as `../shared/eval/README.md` defines them: tokens are
 * lower-cased `[a-z0-9]+` runs, Porter-stemmed when longer than 3 characters, n-gram counts
 * clipped, ROUGE-L as the union LCS over sentences (the `rouge_score` "Lsum" variant).
 */
// The `stemmer` package (Porter 1980), as shared/nlp/words.ts uses: the same stems as natural's PorterStemmer
// on every word of the summary dev sets.
import { stemmer } from 'stemmer';

const stemCache = new Map<string, string>();

export function rougeTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const [raw] of text.toLowerCase().matchAll(/[a-z0-9]+/g)) {
    if (raw.length <= 3) {
      tokens.push(raw);
      continue;
    }
    let stem = stemCache.get(raw);
    if (stem === undefined) {
      stem = stemmer(raw);
      stemCache.set(raw, stem);
    }
    tokens.push(stem);
  }
  return tokens;
}

export interface RougeScores {
  r1: number;
  r2: number;
  rl: number;
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function f1(hits: number, candidateTotal: number, referenceTotal: number): number {
  if (hits === 0 || candidateTotal === 0 || referenceTotal === 0) return 0;
  const precision = hits / candidateTotal;
  const recall = hits / referenceTotal;
  return (2 * precision * recall) / (precision + recall);
}

function rougeN(candidate: string[], reference: string[], n: number): number {
  const c = ngrams(candidate, n);
  const r = ngrams(reference, n);
  let hits = 0;
  for (const [key, count] of c) hits += Math.min(count, r.get(key) ?? 0);
  return f1(hits, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Indices into `a` of one longest common subsequence of `a` and `b`. */
function lcsIndices(a: string[], b: string[]): number[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint16Array(rows * cols);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      table[i * cols + j] =
        a[i - 1] === b[j - 1]
          ? table[(i - 1) * cols + j - 1] + 1
          : Math.max(table[(i - 1) * cols + j], table[i * cols + j - 1]);
    }
  }
  const out: number[] = [];
  let i = a.length;
  let j = b.length;
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (table[(i - 1) * cols + j] >= table[i * cols + j - 1]) i--;
    else j--;
  }
  return out.reverse();
}

function rougeLsum(candidate: string[][], reference: string[][]): number {
  const candidateCounts = new Map<string, number>();
  const referenceCounts = new Map<string, number>();
  let m = 0;
  let n = 0;
  for (const s of reference) for (const t of s) (referenceCounts.set(t, (referenceCounts.get(t) ?? 0) + 1), m++);
  for (const s of candidate) for (const t of s) (candidateCounts.set(t, (candidateCounts.get(t) ?? 0) + 1), n++);
  let hits = 0;
  for (const r of reference) {
    const union = new Set<number>();
    for (const c of candidate) for (const index of lcsIndices(r, c)) union.add(index);
    for (const index of [...union].sort((x, y) => x - y)) {
      const token = r[index];
      if ((candidateCounts.get(token) ?? 0) > 0 && (referenceCounts.get(token) ?? 0) > 0) {
        hits++;
        candidateCounts.set(token, candidateCounts.get(token)! - 1);
        referenceCounts.set(token, referenceCounts.get(token)! - 1);
      }
    }
  }
  return f1(hits, n, m);
}

/** Scores a summary (one string per sentence) against a reference (one string per sentence). */
export function rouge(summary: string[], reference: string[]): RougeScores {
  const candidateSentences = summary.map(rougeTokens).filter((s) => s.length > 0);
  const referenceSentences = reference.map(rougeTokens).filter((s) => s.length > 0);
  const candidate = candidateSentences.flat();
  const ref = referenceSentences.flat();
  return {
    r1: rougeN(candidate, ref, 1),
    r2: rougeN(candidate, ref, 2),
    rl: rougeLsum(candidateSentences, referenceSentences),
  };
}

/** Mean of per-document scores, in percent. */
export function meanScores(scores: RougeScores[]): RougeScores {
  const total = { r1: 0, r2: 0, rl: 0 };
  for (const s of scores) {
    total.r1 += s.r1;
    total.r2 += s.r2;
    total.rl += s.rl;
  }
  const k = scores.length || 1;
  return { r1: (100 * total.r1) / k, r2: (100 * total.r2) / k, rl: (100 * total.rl) / k };
}
