/** Viterbi decoding for inference (training decodes with tagger.ts `viterbi`). */
import { NTAGS } from './features.ts';
import { WIDTH } from './model.ts';
import { allowed, backtrace, NEG } from './tagger.ts';

/** Tags that may follow any tag (O, B-X); the others (I-X) only follow B-X or I-X. */
const OPEN = Uint8Array.from({ length: NTAGS }, (_, y) => (allowed(0, y) ? 1 : 0));
let lattice = new Float64Array(256 * NTAGS);
let back = new Int32Array(256 * NTAGS);

/**
 * tagger.ts `viterbi` for inference's typed arrays, with the same arithmetic and tie-breaking
 * (the first best previous tag wins), so it decodes exactly what training decoded. A token's local
 * score of a tag is read from the pass's integer sums (`sums[r * WIDTH + offset + tag]`, r its row)
 * times the pass's scale, as a 32-bit float (as trained): no array of them is written first. The
 * run's tokens have consecutive rows in `sums`, from `row` (only the tokens the tagger scores have
 * one).
 *
 * The tokens may be a run inside a sentence whose neighbours are known to be O (see inference.ts
 * `mayBeNames`): `afterO` starts the run from O instead of the sentence start, `beforeO` adds the
 * step into O after it. That decodes the run exactly as the whole sentence with those neighbours
 * held at O.
 */
export function decode(
  sums: Int32Array,
  offset: number,
  scale: number,
  from: number,
  to: number,
  trans: Float64Array,
  out: Int32Array,
  afterO = false,
  beforeO = false,
  row = from,
): void {
  const n = to - from;
  if (n <= 0) return;
  if (lattice.length < n * NTAGS) {
    lattice = new Float64Array(n * NTAGS * 2);
    back = new Int32Array(n * NTAGS * 2);
  }
  const score = lattice;
  const arg = back;
  const lb0 = row * WIDTH + offset;
  const start = afterO ? 0 : NTAGS * NTAGS;
  for (let y = 0; y < NTAGS; y++) score[y] = OPEN[y] ? Math.fround(sums[lb0 + y] * scale) + trans[start + y] : NEG;
  for (let i = 1; i < n; i++) {
    const lb = (row + i) * WIDTH + offset;
    const prevBase = (i - 1) * NTAGS;
    // the previous position's scores, read once for the five tags that may follow any tag
    // (written out for the nine tags of TAGS: O and B-/I- of four types)
    const p0 = score[prevBase];
    const p1 = score[prevBase + 1];
    const p2 = score[prevBase + 2];
    const p3 = score[prevBase + 3];
    const p4 = score[prevBase + 4];
    const p5 = score[prevBase + 5];
    const p6 = score[prevBase + 6];
    const p7 = score[prevBase + 7];
    const p8 = score[prevBase + 8];
    for (let y = 0; y < NTAGS; y++) {
      // NEG as a literal: read from the imported binding, every better score was boxed (200 KB of garbage an article)
      let best = -1e30;
      let which = 0;
      if (OPEN[y]) {
        // p = 0..8 in order, strict >: the first best wins, as in training
        let s = p0 + trans[y];
        if (s > best) (best = s), (which = 0);
        s = p1 + trans[NTAGS + y];
        if (s > best) (best = s), (which = 1);
        s = p2 + trans[2 * NTAGS + y];
        if (s > best) (best = s), (which = 2);
        s = p3 + trans[3 * NTAGS + y];
        if (s > best) (best = s), (which = 3);
        s = p4 + trans[4 * NTAGS + y];
        if (s > best) (best = s), (which = 4);
        s = p5 + trans[5 * NTAGS + y];
        if (s > best) (best = s), (which = 5);
        s = p6 + trans[6 * NTAGS + y];
        if (s > best) (best = s), (which = 6);
        s = p7 + trans[7 * NTAGS + y];
        if (s > best) (best = s), (which = 7);
        s = p8 + trans[8 * NTAGS + y];
        if (s > best) (best = s), (which = 8);
      } else {
        const s1 = score[prevBase + y - 1] + trans[(y - 1) * NTAGS + y];
        if (s1 > best) {
          best = s1;
          which = y - 1;
        }
        const s2 = score[prevBase + y] + trans[y * NTAGS + y];
        if (s2 > best) {
          best = s2;
          which = y;
        }
      }
      score[i * NTAGS + y] = best + Math.fround(sums[lb + y] * scale);
      arg[i * NTAGS + y] = which;
    }
  }
  if (beforeO) for (let y = 0; y < NTAGS; y++) score[(n - 1) * NTAGS + y] += trans[y * NTAGS];
  backtrace(score, arg, n, from, out);
}
