/** Linear-chain scoring and Viterbi decoding over BIO tags, shared by training and inference. */
import { NTAGS } from './features.ts';

export interface Weights {
  /** Row-major: feature * NTAGS + tag. */
  emit: Float32Array | Float64Array;
  /** (NTAGS + 1) * NTAGS: row `prev` (NTAGS = sentence start) to column `tag`. */
  trans: Float32Array | Float64Array;
}

/** `I-X` may only follow `B-X` or `I-X`. */
export function allowed(prev: number, tag: number): boolean {
  if (tag === 0 || tag % 2 === 1) return true;
  return prev === tag || prev === tag - 1;
}

const NEG = -1e30;

/**
 * Best tag sequence of the tokens `from..to` (exclusive); token t's feature ids are
 * `ids[offsets[t] .. offsets[t + 1]]`. Writes tags into `out[from..to]`.
 */
export function viterbi(ids: Int32Array, offsets: Int32Array, from: number, to: number, w: Weights, out: Int32Array | number[]): void {
  const n = to - from;
  if (n <= 0) return;
  const score = new Float64Array(n * NTAGS);
  const back = new Int32Array(n * NTAGS);
  const local = new Float64Array(NTAGS);
  const { emit, trans } = w;
  for (let i = 0; i < n; i++) {
    const t = from + i;
    local.fill(0);
    for (let k = offsets[t]; k < offsets[t + 1]; k++) {
      const row = ids[k] * NTAGS;
      for (let y = 0; y < NTAGS; y++) local[y] += emit[row + y];
    }
    for (let y = 0; y < NTAGS; y++) {
      if (i === 0) {
        score[y] = allowed(NTAGS, y) && (y === 0 || y % 2 === 1) ? local[y] + trans[NTAGS * NTAGS + y] : NEG;
        continue;
      }
      let best = NEG;
      let arg = 0;
      const prevBase = (i - 1) * NTAGS;
      for (let p = 0; p < NTAGS; p++) {
        if (!allowed(p, y)) continue;
        const s = score[prevBase + p] + trans[p * NTAGS + y];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * NTAGS + y] = best + local[y];
      back[i * NTAGS + y] = arg;
    }
  }
  let y = 0;
  let best = NEG;
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
