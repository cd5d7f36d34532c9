/**
 * The tagger at inference time: the feature templates of features.ts summed through the compiled
 * model (compiled.ts) with array arithmetic and a few map lookups per token, then decoded in two
 * passes. The scores are exactly those of `baseFeatures` and `documentFeatures` looked up in the
 * model (test/unit/entity-inference.test.ts checks it).
 */
import { CP, DOC_CASE, EXTERNAL, MODES, NTAGS, plurality, ROLE, SLEN, TAGS, TYPES, unanimous, voteOf, type Lookup } from './features.ts';
import { compiledModel, type Word } from './compiled.ts';
import { WIDTH } from './model.ts';
import { decode } from './decode.ts';
import type { Word as TextWord } from '../words.ts';

const MODE_C = 0;
const MODE_F = 1;
const MODE_M = 2;
const SLEN_INDEX: Record<string, number> = { 1: 0, 2: 1, 5: 2, n: 3 };
const NONE = 3;

/** The longest sums array kept between documents (a very long text's is not). */
const KEPT_LENGTH = 1 << 20;
let sumsBuffer = new Int32Array(0);

/**
 * `size` zeros for a document's sums, in an array kept from one document to the next (a new one
 * for every article was a tenth of the garbage an article made). Valid until the next document.
 */
function zeroedSums(size: number): Int32Array {
  if (size > KEPT_LENGTH) return new Int32Array(size);
  if (sumsBuffer.length < size) sumsBuffer = new Int32Array(Math.min(size * 2, KEPT_LENGTH));
  const view = sumsBuffer.subarray(0, size);
  view.fill(0);
  return view;
}

/** A document's words and their summed emission weights, before scaling. */
export interface DocumentScores {
  words: Word[];
  /** Token index of each sentence's first token, and the total at the end. */
  starts: Int32Array;
  caps: Uint8Array;
  /**
   * Per token that the tagger may give a name's tag (see mayBeNames), its row in `sums`: they are
   * numbered in text order. -1 for the others, which are O.
   */
  rows: Int32Array;
  /**
   * Per token that may be a name, WIDTH integer sums: pass 1's NTAGS, then pass 2's. Only those
   * tokens have a row: a row for every token made a 1 MB text's sums five times larger, 14 MB of
   * fresh memory.
   */
  sums: Int32Array;
}

/**
 * The lower-case words that names hold most in the CoNLL training text (`Bank of England`, `Marks
 * & Spencer`, `McDonald 's`, `Charles de Gaulle`), with the particles of names.
 */
const CONNECTORS = new Set("of and de 's & the van ' for der in on et al da den della la le du von y del di des do dos das e bin ibn el los las st".split(' '));

/**
 * The tokens that may be part of a name, numbered in text order (their rows in the sums; -1 for the
 * others): those written with a capital or a digit; a token between two of them (`Washington ,
 * D.C.`); a connector (CONNECTORS) next to one; and every token of a sentence in capitals. That is a
 * fifth of a news text; the rest are O without being scored. On the
 * 1,250 summarization dev articles the tagger, scoring every token, gave a name's tag to 27 of the
 * 613,000 tokens so left out (`Dolly!`, `interior ministry`, `federal Bureau of Reclamation`),
 * against 65,500 tokens it tagged in all; the CoNLL dev F1 moves from 92.62 to 92.64.
 */
function mayBeNames(words: Word[], starts: Int32Array, caps: Uint8Array): { rows: Int32Array; scored: number } {
  const rows = new Int32Array(words.length).fill(-1);
  let scored = 0;
  for (let k = 0; k + 1 < starts.length; k++) {
    const from = starts[k];
    const to = starts[k + 1];
    for (let t = from; t < to; t++) {
      const word = words[t];
      if (!caps[k] && !word.nameLike) {
        const before = t > from && words[t - 1].nameLike;
        const after = t + 1 < to && words[t + 1].nameLike;
        if (!(before && after) && !((before || after) && CONNECTORS.has(word.lower.text))) continue;
      }
      rows[t] = scored++;
    }
  }
  return { rows, scored };
}

/** A document as the tagger reads it (tokenize.ts `Tokens` is one). */
export interface TaggerInput {
  /** Per token, its text. */
  norms: string[];
  /** Index of each sentence's first token, and the number of tokens at the end. */
  starts: ArrayLike<number>;
  /** Per token, the text's own record (words.ts) when the token is a plain word. */
  records?: Array<TextWord | undefined>;
}

/** The base features of every token (features.ts `baseFeatures`), summed for both passes. */
export function baseScores(doc: TaggerInput): DocumentScores {
  const c = compiledModel();
  c.beginDocument();
  const { model, fixed, emit } = c;
  const { norms, records } = doc;
  const sentences = doc.starts.length - 1;
  const words: Word[] = new Array(norms.length);
  const starts = Int32Array.from(doc.starts);
  const caps = new Uint8Array(sentences);
  for (let k = 0; k < sentences; k++) {
    let upper = 0;
    let lower = 0;
    for (let t = starts[k]; t < starts[k + 1]; t++) {
      const record = records?.[t];
      const word = record ? c.wordOf(record) : c.word(norms[t]);
      words[t] = word;
      if (word.hasLower) lower++;
      else if (word.hasUpper) upper++;
    }
    caps[k] = upper > 0 && lower === 0 ? 1 : 0;
  }
  const { rows, scored } = mayBeNames(words, starts, caps);
  const sums = zeroedSums(scored * WIDTH);
  // name-list matches also cover tokens that are not scored: their features are dropped
  const add = (t: number, id: number) => {
    if (id < 0 || rows[t] < 0) return;
    const row = id * WIDTH;
    const base = rows[t] * WIDTH;
    for (let y = 0; y < WIDTH; y++) sums[base + y] += emit[row + y];
  };
  /** Adds the summed role weights of a token's word, its neighbours and the words two away. */
  const addRoles = (t: number, self: number, left: number, right: number, before: number, after: number) => {
    const slab = c.slab;
    const base = rows[t] * WIDTH;
    for (let y = 0; y < WIDTH; y++) sums[base + y] += slab[self + y] + slab[left + y] + slab[right + y] + slab[before + y] + slab[after + y];
  };
  // How the document writes each word in ordinary positions (documentCasing), kept only for the
  // words it also writes with capitals: no other token asks (the rest have no letters).
  for (let t = 0; t < words.length; t++) if (words[t].hasUpper) c.touch(words[t].lower);
  for (let k = 0; k < sentences; k++) {
    if (caps[k]) continue;
    for (let t = starts[k] + 1; t < starts[k + 1]; t++) {
      const word = words[t];
      if (word.caseBit && word.lower.stamp === c.stamp && !words[t - 1].opener) word.lower.casing |= word.caseBit;
    }
  }
  const { bos, eos } = c;
  for (let k = 0; k < sentences; k++) {
    const from = starts[k];
    const len = starts[k + 1] - from;
    const slen = SLEN_INDEX[len === 1 ? '1' : len === 2 ? '2' : len <= 5 ? '5' : 'n'];
    for (let i = 0; i < len; i++) {
      const t = from + i;
      if (rows[t] < 0) continue;
      const word = words[t];
      const mode = caps[k] ? MODE_C : i === 0 ? MODE_F : MODE_M;
      const m = MODES[mode];
      const prev = i > 0 ? words[t - 1] : bos;
      const next = i + 1 < len ? words[t + 1] : eos;
      // inside an ordinary sentence these are all in the words' blocks (compiled.ts BLOCK_ROLES)
      addRoles(
        t,
        c.roleOffset(word, ROLE.SELF[m]),
        c.roleOffset(prev, ROLE.LEFT[m]),
        c.roleOffset(next, ROLE.RIGHT[m]),
        c.roleOffset(i > 1 ? words[t - 2] : bos, ROLE.WM2),
        c.roleOffset(i + 2 < len ? words[t + 2] : eos, ROLE.WP2),
      );
      add(t, c.pairId(0, prev.lower, word.lower));
      add(t, c.pairId(1, word.lower, next.lower));
      add(t, c.pairId(2, prev.lower, next.lower));
      add(t, c.shapesId(prev, word, next));
      add(t, fixed.sl[mode * SLEN.length + slen]);
      if (word.hasUpper || caps[k]) {
        const lower = word.lower;
        const bits = lower.stamp === c.stamp ? lower.casing : 0;
        add(t, fixed.dc[mode * DOC_CASE.length + bits]);
        add(t, fixed.cp[mode * CP.length + lower.casePrior]);
        add(t, fixed.cpdc[mode * CP.length * 8 + lower.casePrior * 8 + bits]);
      }
    }
    const modeOf = (i: number) => (caps[k] ? MODE_C : i === 0 ? MODE_F : MODE_M);
    nameListMatches(words, rows, from, len, false, model.resources.gazetteer, model.resources.gazetteerMaxLength, TYPES.length, fixed.gz, modeOf, add);
    nameListMatches(words, rows, from, len, true, model.resources.external, model.resources.externalMaxLength, EXTERNAL.length, fixed.xg, modeOf, add);
  }
  return { words, starts, caps, rows, sums };
}

/**
 * Name-list matches (features.ts `gazetteerMatches`) added as `gz=`/`xg=` features to every token
 * they cover; only from the words with a token that may be a name within a name's length.
 */
function nameListMatches(
  words: Word[],
  rows: Int32Array,
  from: number,
  len: number,
  external: boolean,
  names: Lookup<number>,
  maxLength: number,
  classes: number,
  ids: Int32Array,
  modeOf: (i: number) => number,
  add: (t: number, id: number) => void,
): void {
  // the first token at or after `from + i` that may be a name
  let scored = from;
  for (let i = 0; i < len; i++) {
    if (scored < from + i) scored = from + i;
    while (scored < from + len && rows[scored] < 0) scored++;
    if (scored === from + len) break;
    // none within reach of this word: go on from the first word that reaches the scored token
    if (scored - from >= i + maxLength) {
      i = scored - from - maxLength;
      continue;
    }
    const lower = words[from + i].lower;
    const first = external ? lower.external : lower.gazetteer;
    if (first < 0) continue;
    let key = lower.text;
    for (let k = 0; k < maxLength && i + k < len; k++) {
      let mask = first;
      if (k === 1) {
        // most words are the second word of no name: then no longer key matches either
        const nextLower = words[from + i + 1].lower;
        if (!(nextLower.nameSecond & (external ? 2 : 1))) break;
        // two-word keys are cached on the first word: most name-list words start no longer name
        const next = nextLower.text;
        const follow = (lower.follow[external ? 1 : 0] ??= new Map());
        let found = follow.get(next);
        if (found === undefined) {
          key = `${key} ${next}`;
          found = names.get(key) ?? -1;
          if (follow.size >= 4096) follow.clear();
          follow.set(next, found);
        }
        if (found < 0) break;
        key = `${lower.text} ${next}`;
        mask = found;
      } else if (k > 1) {
        key = `${key} ${words[from + i + k].lower.text}`;
        const found = names.get(key);
        if (found === undefined) break;
        mask = found;
      }
      if (!mask) continue;
      const size = k === 0 ? 0 : k === 1 ? 1 : 2;
      for (let ty = 0; ty < classes; ty++) {
        if (!(mask & (1 << ty))) continue;
        for (let j = 0; j <= k; j++) {
          const at = ((ty * 2 + (j === 0 ? 1 : 0)) * 3 + size) * 4;
          add(from + i + j, ids[at + NONE]);
          add(from + i + j, ids[at + modeOf(i + j)]);
        }
      }
    }
  }
}

/** The second pass's document features (features.ts `documentFeatures`) from the first pass's tags, added to the sums. */
export function addDocumentScores(scores: DocumentScores, tags1: Int32Array): void {
  const c = compiledModel();
  const { fixed, emit } = c;
  const { words, starts, rows, sums } = scores;
  const add = (t: number, id: number) => {
    if (id < 0) return;
    const row = id * WIDTH + NTAGS;
    const base = rows[t] * WIDTH + NTAGS;
    for (let y = 0; y < NTAGS; y++) sums[base + y] += emit[row + y];
  };
  // How the first pass tagged each word's capitalized occurrences, counted once per word (not per
  // token and occurrence: a word that recurs k times would cost k², and a long text has many).
  for (let t = 0; t < words.length; t++) {
    if (!words[t].hasUpper) continue;
    const lower = c.touch(words[t].lower);
    lower.occurrences++;
    (lower.tagCounts ??= new Int32Array(TYPES.length + 1))[voteOf(tags1[t])]++;
  }
  const counts = new Int32Array(TYPES.length + 1);
  const nt = TAGS.length;
  for (let k = 0; k + 1 < starts.length; k++) {
    const from = starts[k];
    const len = starts[k + 1] - from;
    for (let i = 0; i < len; i++) {
      const t = from + i;
      if (rows[t] < 0) continue;
      const own = tags1[t];
      add(t, fixed.t1[own]);
      add(t, fixed.t1m[(i > 0 ? tags1[t - 1] + 1 : 0) * nt + own]);
      add(t, fixed.t1p[(i + 1 < len ? tags1[t + 1] + 1 : 0) * nt + own]);
      const lower = words[t].lower;
      if (lower.stamp !== c.stamp || lower.occurrences < 2) continue;
      // the other occurrences: all of them, less this token when it is one
      counts.set(lower.tagCounts!);
      if (words[t].hasUpper) counts[voteOf(own)]--;
      const best = plurality(counts);
      if (best < 0) continue;
      add(t, fixed.dm[best]);
      add(t, fixed.dmt[best * nt + own]);
      for (let d = 0; d < TYPES.length; d++) if (counts[d]) add(t, fixed.dt[d]);
      if (unanimous(counts, best)) add(t, fixed.dall[best]);
    }
  }
}

/** The tagger's answer for a document. */
export interface TaggedDocument {
  /** BIO tag indices (see TAGS) of every token. */
  tags: Int32Array;
  /** Per sentence, 1 when it is written in capitals (a headline). */
  caps: Uint8Array;
}

/** Tags every token of the document. */
export function tagDocument(doc: TaggerInput): TaggedDocument {
  const scores = baseScores(doc);
  const c = compiledModel();
  const { model } = c;
  const n = scores.words.length;
  const tags1 = new Int32Array(n);
  if (!n) return { tags: tags1, caps: scores.caps };
  decodeNames(scores, 0, model.pass1.scale, c.trans1, tags1);
  addDocumentScores(scores, tags1);
  const tags2 = new Int32Array(n);
  decodeNames(scores, NTAGS, model.pass2.scale, c.trans2, tags2);
  unseenNames(scores, model.pass2.scale, tags2);
  return { tags: tags2, caps: scores.caps };
}

/** Decodes each run of tokens that may be names (mayBeNames) between tokens held at O, which `out` leaves at 0. */
function decodeNames(scores: DocumentScores, offset: number, scale: number, trans: Float64Array, out: Int32Array): void {
  const { starts, rows, sums } = scores;
  for (let k = 0; k + 1 < starts.length; k++) {
    const from = starts[k];
    const to = starts[k + 1];
    for (let t = from; t < to; t++) {
      if (rows[t] < 0) continue;
      let end = t + 1;
      while (end < to && rows[end] >= 0) end++;
      decode(sums, offset, scale, t, end, trans, out, t > from, end < to, rows[t]);
      t = end;
    }
  }
}

/**
 * A capitalized word inside an ordinary sentence that the training text never showed (so no case
 * prior says it is a common word) is a name far more often than not; when the tagger left it
 * untagged, a run of such words becomes a name of the type the tagger scored highest for it, when
 * that type leads the runner-up by UNSEEN_MARGIN per word (chosen on CoNLL dev: +0.2 F1).
 */
const UNSEEN_MARGIN = 10;
function unseenNames(scores: DocumentScores, scale: number, tags: Int32Array): void {
  const { words, starts, caps, rows, sums } = scores;
  // the second pass's local score of a tag (as decode reads it); such words have a capital, so are scored
  const local = (t: number, tag: number) => Math.fround(sums[rows[t] * WIDTH + NTAGS + tag] * scale);
  const unseen = (t: number) => tags[t] === 0 && words[t].unseenCandidate && !words[t - 1].opener;
  const score = [0, 0, 0, 0];
  for (let k = 0; k + 1 < starts.length; k++) {
    if (caps[k]) continue;
    const from = starts[k];
    const to = starts[k + 1];
    for (let i = from + 1; i < to; i++) {
      if (!unseen(i)) continue;
      // a run of such words is one name
      let j = i;
      while (j + 1 < to && unseen(j + 1)) j++;
      score.fill(0);
      for (let u = i; u <= j; u++) for (let ty = 0; ty < 4; ty++) score[ty] += local(u, 1 + 2 * ty) - local(u, 0);
      const order = [0, 1, 2, 3].sort((a, b) => score[b] - score[a]);
      if (score[order[0]] - score[order[1]] >= UNSEEN_MARGIN * (j - i + 1)) {
        const ty = order[0];
        const prev = tags[i - 1];
        const joins = prev !== 0 && (prev - 1) >> 1 === ty;
        for (let u = i; u <= j; u++) tags[u] = u === i && !joins ? 1 + 2 * ty : 2 + 2 * ty;
      }
      i = j;
    }
  }
}
