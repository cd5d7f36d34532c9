/** Linear-chain scoring and Viterbi decoding over BIO tags, shared by training and inference. */
import { NTAGS } from './features.ts';

export interface Weights {
  /** Row-major: feature * NTAGS + tag. */
  emit: Float32Array | Float64Array | Int16Array;
  /** (NTAGS + 1) * NTAGS: row `prev` (NTAGS = sentence start) to column `tag`. */
  trans: Float32Array | Float64Array;
}

/** `I-X` may only follow `B-X` or `I-X`. */
export function allowed(prev: number, tag: number): boolean {
  if (tag === 0 || tag % 2 === 1) return true;
  return prev === tag || prev === tag - 1;
}

/** The score of an impossible path. */
export const NEG = -1e30;
/** For each tag, the tags that may precede it. */
const PREVIOUS: Int32Array[] = Array.from({ length: NTAGS }, (_, tag) =>
  Int32Array.from(Array.from({ length: NTAGS }, (_, p) => p).filter((p) => allowed(p, tag))),
);

/** Local scores of tokens `from..to` from their feature ids (`ids[offsets[t] .. offsets[t + 1]]`). */
export function localScores(ids: Int32Array, offsets: Int32Array, from: number, to: number, emit: ArrayLike<number>, local: Float64Array): void {
  local.fill(0, from * NTAGS, to * NTAGS);
  for (let t = from; t < to; t++) {
    const base = t * NTAGS;
    for (let k = offsets[t]; k < offsets[t + 1]; k++) {
      const row = ids[k] * NTAGS;
      for (let y = 0; y < NTAGS; y++) local[base + y] += emit[row + y];
    }
  }
}

let score = new Float64Array(0);
let back = new Int32Array(0);

/**
 * Best tag sequence of the tokens `from..to` (exclusive) given their local scores
 * (`local[t * NTAGS + tag]`) and the transition weights. Writes tags into `out[from..to]`.
 */
export function viterbi(local: ArrayLike<number>, from: number, to: number, trans: ArrayLike<number>, out: Int32Array | number[]): void {
  const n = to - from;
  if (n <= 0) return;
  if (score.length < n * NTAGS) {
    score = new Float64Array(n * NTAGS * 2);
    back = new Int32Array(n * NTAGS * 2);
  }
  for (let i = 0; i < n; i++) {
    const lb = (from + i) * NTAGS;
    for (let y = 0; y < NTAGS; y++) {
      if (i === 0) {
        score[y] = y === 0 || y % 2 === 1 ? local[lb + y] + trans[NTAGS * NTAGS + y] : NEG;
        continue;
      }
      let best = NEG;
      let arg = 0;
      const prevBase = (i - 1) * NTAGS;
      const previous = PREVIOUS[y];
      for (let k = 0; k < previous.length; k++) {
        const p = previous[k];
        const s = score[prevBase + p] + trans[p * NTAGS + y];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * NTAGS + y] = best + local[lb + y];
      back[i * NTAGS + y] = arg;
    }
  }
  backtrace(score, back, n, from, out);
}

/**
 * The end of a Viterbi pass over `n` tokens: the best last tag (the first of equals), then the
 * back pointers (`back[i * NTAGS + tag]`, the best previous tag) to the start; writes `out[from..]`.
 */
export function backtrace(score: Float64Array, back: Int32Array, n: number, from: number, out: Int32Array | number[]): void {
  let y = 0;
  let best = -1e30; // NEG as a literal, as in decode.ts
  for (let k = 0; k < NTAGS; k++) {
    if (score[(n - 1) * NTAGS + k] > best) {
      best = score[(n - 1) * NTAGS + k];
      y = k;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[from + i] = y;
    y = back[i * NTAGS + y];
  }
}
