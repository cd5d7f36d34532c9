/**
 * The tagger at inference time: the feature templates of features.ts compiled to integer ids.
 *
 * Everything that depends on a word alone (its lower case, shape, casing, name-list entries, the
 * summed weights of its role features) is worked out once per distinct word and kept across
 * documents, so a document is scored with array arithmetic and a few map lookups per token, never
 * by building feature strings. The scores are exactly those of `baseFeatures` and
 * `documentFeatures` looked up in the model (test/unit/entity-inference.test.ts checks it).
 */
import {
  BOS, COMBO, CP, CP_F, CP_INDEX, CPDC_F, DALL, DC_F, DM, DMT, DOC_CASE, DT, EOS, EXTERNAL, MODES, NROLES, NTAGS,
  ROLE, SL_F, SLEN, T1, T1M, T1P, TAGS, TYPES, comboFeature, matchLabel, roleFeatures, shape,
} from './features.ts';
import { loadModel, type Model } from './model.ts';
import { allowed } from './tagger.ts';

/** A distinct lower-cased word. */
interface Lower {
  text: string;
  /** Index among the words of the model's word-pair features (-1: in none; -2: holds `|`, looked up by string). */
  pair: number;
  /** Name-list masks by TYPES / EXTERNAL (-1: not in the list; 0: only the start of longer names). */
  gazetteer: number;
  external: number;
  /** Per list (gazetteer, external): the mask of the two-word key `<this> <next>` by next word (-1: none). */
  follow: [Map<string, number> | null, Map<string, number> | null];
  /** Index in CP of how the training text writes the word inside sentences (`?`: never seen). */
  casePrior: number;
  knownCase: boolean;
  /** Per-document state, valid while `stamp` is the document's. */
  stamp: number;
  /** How the document writes the word in ordinary positions (documentCasing's bits). */
  casing: number;
  /** Tokens of the document written with capitals that lower-case to this word. */
  positions: number[];
}

/** A distinct token, as written. */
interface Word {
  text: string;
  lower: Lower;
  /** Index among the shapes of the model's shape-trigram features (-1: in none; -2: holds `|`, looked up by string). */
  shape: number;
  shapeText: string;
  hasLower: boolean;
  hasUpper: boolean;
  /** documentCasing's bit for the word: 1 title case, 4 other capitals, 2 lower case, 0 no letters. */
  caseBit: number;
  /** `"`, `'`, `(`, `-` or `:`: the casing of the word after it tells nothing. */
  opener: boolean;
  /** `Xx…` and never seen by the training text inside a sentence: maybe a name (see unseenNames). */
  unseenCandidate: boolean;
  /** The word's row in `Compiled.roleAt`. */
  index: number;
}

const NO_POSITIONS: number[] = [];
const MAX_CACHED_WORDS = 100_000;
/** Scores of both passes side by side: NTAGS for pass 1, then NTAGS for pass 2. */
const WIDTH = 2 * NTAGS;
const MODE_C = 0;
const MODE_F = 1;
const MODE_M = 2;
const SLEN_INDEX: Record<string, number> = { 1: 0, 2: 1, 5: 2, n: 3 };
const NONE = 3;

/** Ids (-1: not a feature of the model) of the features that are fixed strings. */
interface FixedIds {
  sl: Int32Array;
  dc: Int32Array;
  cp: Int32Array;
  cpdc: Int32Array;
  /** `gz=`/`xg=` labels by ((class * 2 + begins) * 3 + size) * 4 + mode (3: no mode). */
  gz: Int32Array;
  xg: Int32Array;
  t1: Int32Array;
  t1m: Int32Array;
  t1p: Int32Array;
  dm: Int32Array;
  dmt: Int32Array;
  dt: Int32Array;
  dall: Int32Array;
}

function fixedIds(features: Map<string, number>): FixedIds {
  const ids = (names: string[]) => Int32Array.from(names, (f) => features.get(f) ?? -1);
  const byMode = <T>(f: (mode: (typeof MODES)[number]) => T[]) => MODES.flatMap(f);
  const labels = (prefix: string, classes: readonly string[]) =>
    classes.flatMap((name) =>
      [false, true].flatMap((begins) =>
        ['1', '2', 'n'].flatMap((size) => {
          const label = matchLabel(name, begins, size);
          return [...MODES.map((m) => `${prefix}=${label}|${m}`), `${prefix}=${label}`];
        }),
      ),
    );
  return {
    sl: ids(byMode((m) => SLEN.map((x) => SL_F[m][x]))),
    dc: ids(byMode((m) => DOC_CASE.map((x) => DC_F[m][x]))),
    cp: ids(byMode((m) => CP.map((x) => CP_F[m][x]))),
    cpdc: ids(byMode((m) => CPDC_F[m])),
    gz: ids(labels('gz', TYPES)),
    xg: ids(labels('xg', EXTERNAL)),
    t1: ids(T1),
    t1m: ids(T1M.flat()),
    t1p: ids(T1P.flat()),
    dm: ids(DM),
    dmt: ids(DMT.flat()),
    dt: ids(DT),
    dall: ids(DALL),
  };
}

/**
 * Word-pair and shape-trigram features by small integer keys: every word (shape) that occurs in
 * one gets an index, and the kind and the indices make one number key, so that scoring a token
 * never builds a string.
 */
interface Combinations {
  index: Map<string, number>;
  ids: IntTable;
  radix: number;
}

/** `byTemplate`: feature ids by template (`w-1w=`, ...), then by the rest of the name. */
function combinations(byTemplate: Map<string, Map<string, number>>, kinds: number[], parts: number): Combinations | null {
  const index = new Map<string, number>();
  const found: Array<[number, string[], number]> = [];
  for (const kind of kinds) {
    for (const [value, id] of byTemplate.get(COMBO[kind]) ?? []) {
      const words = value.split('|');
      // a word with `|` in it is left to the string lookup (see Compiled.pairId)
      if (words.length !== parts) continue;
      for (const w of words) if (!index.has(w)) index.set(w, index.size);
      found.push([kind, words, id]);
    }
  }
  let radix = 1;
  while (radix < index.size) radix *= 2;
  // keys must stay small integers
  if (COMBO.length * radix ** parts > 2 ** 30) return null;
  const ids = new IntTable(found.length);
  for (const [kind, words, id] of found) ids.set(words.reduce((key, w) => key * radix + index.get(w)!, kind), id);
  return { index, ids, radix };
}

/** A fixed-size open-addressing hash table from non-negative small integers to integers (-1: absent). */
class IntTable {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  constructor(entries: number) {
    let bits = 4;
    while (1 << bits < entries * 2) bits++;
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.values = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  set(key: number, value: number): void {
    let at = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.keys[at] !== -1 && this.keys[at] !== key) at = (at + 1) & this.mask;
    this.keys[at] = key;
    this.values[at] = value;
  }

  get(key: number): number {
    let at = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[at];
      if (k === key) return this.values[at];
      if (k === -1) return -1;
      at = (at + 1) & this.mask;
    }
  }
}

/** The per-process caches of one model. */
class Compiled {
  readonly fixed: FixedIds;
  /** Emission weights of both passes side by side, WIDTH a feature. */
  readonly emit: Int16Array;
  /** Transition weights of each pass, as the decoder reads them. */
  readonly trans1: Float64Array;
  readonly trans2: Float64Array;
  private readonly pairs: Combinations | null;
  private readonly trigrams: Combinations | null;
  private words = new Map<string, Word>();
  private lowers = new Map<string, Lower>();
  /** Summed role weights, WIDTH integers a word and role. */
  slab = new Int32Array(WIDTH * 4096);
  private slabUsed = 0;
  /** Per word (its index) and role, the offset in the slab of its summed weights, or -1 before they are needed. */
  private roleAt = new Int32Array(NROLES * 4096);
  private nextIndex = 0;
  /** Feature ids by template (the name up to its first `=`), then by the rest of the name. */
  private readonly byTemplate = new Map<string, Map<string, number>>();
  stamp = 0;
  bos!: Word;
  eos!: Word;

  constructor(readonly model: Model) {
    this.fixed = fixedIds(model.features);
    const features = model.features.size;
    this.emit = new Int16Array(features * WIDTH);
    for (let f = 0; f < features; f++) {
      for (let y = 0; y < NTAGS; y++) {
        this.emit[f * WIDTH + y] = model.pass1.emit[f * NTAGS + y];
        this.emit[f * WIDTH + NTAGS + y] = model.pass2.emit[f * NTAGS + y];
      }
    }
    this.trans1 = Float64Array.from(model.pass1.trans);
    this.trans2 = Float64Array.from(model.pass2.trans);
    for (const [name, id] of model.features) {
      const cut = name.indexOf('=') + 1;
      const template = cut > 0 ? name.slice(0, cut) : name;
      let values = this.byTemplate.get(template);
      if (!values) this.byTemplate.set(template, (values = new Map()));
      values.set(cut > 0 ? name.slice(cut) : '', id);
    }
    this.pairs = combinations(this.byTemplate, [0, 1, 2], 2);
    this.trigrams = combinations(this.byTemplate, [3], 3);
    this.reset();
  }

  /** Forgets every word; only ever called between documents, so no record in use loses its sums. */
  reset(): void {
    this.words.clear();
    this.lowers.clear();
    this.slabUsed = 0;
    this.nextIndex = 0;
    this.bos = this.boundary(BOS);
    this.eos = this.boundary(EOS);
  }

  /** A sentence boundary as a word: its shape is itself (a token written `<s>` has the shape `<x>`). */
  private boundary(text: string): Word {
    return { ...this.describe(text), shape: this.indexIn(this.trigrams, text), shapeText: text };
  }

  beginDocument(): void {
    if (this.words.size >= MAX_CACHED_WORDS) this.reset();
    this.stamp++;
  }

  word(text: string): Word {
    let word = this.words.get(text);
    if (!word) {
      word = this.describe(text);
      this.words.set(text, word);
    }
    return word;
  }

  private describe(text: string): Word {
    const lowerText = text.toLowerCase();
    const hasLower = text.toUpperCase() !== text;
    const hasUpper = lowerText !== text;
    const shapeText = shape(text);
    const lower = this.lower(lowerText);
    const initialUpper = text.length > 0 && text[0].toLowerCase() !== text[0];
    return {
      text,
      lower,
      shape: this.indexIn(this.trigrams, shapeText),
      shapeText,
      hasLower,
      hasUpper,
      caseBit: !hasLower && !hasUpper ? 0 : initialUpper && hasLower ? 1 : hasUpper ? 4 : 2,
      opener: /^["'(\-:]$/.test(text),
      unseenCandidate: /^\p{Lu}\p{Ll}/u.test(text) && !lower.knownCase,
      index: this.newIndex(),
    };
  }

  private newIndex(): number {
    const index = this.nextIndex++;
    if ((index + 1) * NROLES > this.roleAt.length) {
      const grown = new Int32Array(this.roleAt.length * 2);
      grown.set(this.roleAt);
      this.roleAt = grown;
    }
    this.roleAt.fill(-1, index * NROLES, (index + 1) * NROLES);
    return index;
  }

  private lower(text: string): Lower {
    let lower = this.lowers.get(text);
    if (lower) return lower;
    const { resources } = this.model;
    const prior = resources.casePrior.get(text);
    lower = {
      text,
      pair: this.indexIn(this.pairs, text),
      gazetteer: resources.gazetteer.get(text) ?? -1,
      external: resources.external.get(text) ?? -1,
      follow: [null, null],
      casePrior: CP_INDEX[prior ?? '?'],
      knownCase: prior !== undefined,
      stamp: -1,
      casing: 0,
      positions: NO_POSITIONS,
    };
    this.lowers.set(text, lower);
    return lower;
  }

  private indexIn(table: Combinations | null, text: string): number {
    if (!table || text.includes('|')) return -2;
    return table.index.get(text) ?? -1;
  }

  /** The lower-case record's state for this document, reset on first touch. */
  touch(lower: Lower): Lower {
    if (lower.stamp !== this.stamp) {
      lower.stamp = this.stamp;
      lower.casing = 0;
      // reused, not replaced: a new array per word and document is garbage the collector must trace from old records
      if (lower.positions === NO_POSITIONS) lower.positions = [];
      else lower.positions.length = 0;
    }
    return lower;
  }

  /** Offset in the slab of the word's summed role weights, computed on first use. */
  roleOffset(word: Word, role: number): number {
    let at = this.roleAt[word.index * NROLES + role];
    if (at >= 0) return at;
    if (this.slabUsed + WIDTH > this.slab.length) {
      const grown = new Int32Array(this.slab.length * 2);
      grown.set(this.slab);
      this.slab = grown;
    }
    at = this.slabUsed;
    this.slabUsed += WIDTH;
    const { slab, emit, byTemplate } = this;
    slab.fill(0, at, at + WIDTH);
    roleFeatures(
      role,
      word.text,
      this.model.resources,
      (template, value) => {
        const id = byTemplate.get(template)?.get(value);
        if (id === undefined) return;
        const row = id * WIDTH;
        for (let y = 0; y < WIDTH; y++) slab[at + y] += emit[row + y];
      },
      word.lower.text,
    );
    this.roleAt[word.index * NROLES + role] = at;
    return at;
  }

  /** Feature id (or -1) of the word-pair feature of kind `kind` (0 `w-1w=`, 1 `ww+1=`, 2 `w-1w+1=`). */
  pairId(kind: number, a: Lower, b: Lower): number {
    if (a.pair === -1 || b.pair === -1) return -1;
    if (a.pair === -2 || b.pair === -2) return this.model.features.get(comboFeature(kind, a.text, b.text, '')) ?? -1;
    const radix = this.pairs!.radix;
    return this.pairs!.ids.get((kind * radix + a.pair) * radix + b.pair);
  }

  /** Feature id (or -1) of the shape-trigram feature. */
  shapesId(a: Word, b: Word, c: Word): number {
    if (a.shape === -1 || b.shape === -1 || c.shape === -1) return -1;
    if (a.shape === -2 || b.shape === -2 || c.shape === -2) return this.model.features.get(comboFeature(3, a.shapeText, b.shapeText, c.shapeText)) ?? -1;
    const radix = this.trigrams!.radix;
    return this.trigrams!.ids.get(((3 * radix + a.shape) * radix + b.shape) * radix + c.shape);
  }
}

let compiled: Compiled | null = null;

function compiledModel(): Compiled {
  const model = loadModel();
  if (!compiled || compiled.model !== model) compiled = new Compiled(model);
  return compiled;
}

/** A document's words and their summed emission weights, before scaling. */
export interface DocumentScores {
  words: Word[];
  /** Token index of each sentence's first token, and the total at the end. */
  starts: Int32Array;
  caps: Uint8Array;
  /** Per token, WIDTH integer sums: pass 1's NTAGS, then pass 2's. */
  sums: Int32Array;
}

/** The base features of every token (features.ts `baseFeatures`), summed for both passes. */
export function baseScores(doc: string[][]): DocumentScores {
  const c = compiledModel();
  c.beginDocument();
  const { model, fixed, emit } = c;
  const words: Word[] = [];
  const starts = new Int32Array(doc.length + 1);
  const caps = new Uint8Array(doc.length);
  doc.forEach((sentence, k) => {
    starts[k] = words.length;
    let upper = 0;
    let lower = 0;
    for (const text of sentence) {
      const word = c.word(text);
      words.push(word);
      if (word.hasLower) lower++;
      else if (word.hasUpper) upper++;
    }
    caps[k] = upper > 0 && lower === 0 ? 1 : 0;
  });
  starts[doc.length] = words.length;
  const sums = new Int32Array(words.length * WIDTH);
  const add = (t: number, id: number) => {
    if (id < 0) return;
    const row = id * WIDTH;
    const base = t * WIDTH;
    for (let y = 0; y < WIDTH; y++) sums[base + y] += emit[row + y];
  };
  /** Adds the summed role weights of a token's word, its neighbours and the words two away. */
  const addRoles = (t: number, self: number, left: number, right: number, before: number, after: number) => {
    const slab = c.slab;
    const base = t * WIDTH;
    for (let y = 0; y < WIDTH; y++) sums[base + y] += slab[self + y] + slab[left + y] + slab[right + y] + slab[before + y] + slab[after + y];
  };
  // How the document writes each word in ordinary positions (documentCasing).
  for (let k = 0; k < doc.length; k++) {
    if (caps[k]) continue;
    for (let t = starts[k] + 1; t < starts[k + 1]; t++) {
      const word = words[t];
      if (word.caseBit && !words[t - 1].opener) c.touch(word.lower).casing |= word.caseBit;
    }
  }
  const { bos, eos } = c;
  for (let k = 0; k < doc.length; k++) {
    const from = starts[k];
    const len = starts[k + 1] - from;
    const slen = SLEN_INDEX[len === 1 ? '1' : len === 2 ? '2' : len <= 5 ? '5' : 'n'];
    for (let i = 0; i < len; i++) {
      const t = from + i;
      const word = words[t];
      const mode = caps[k] ? MODE_C : i === 0 ? MODE_F : MODE_M;
      const m = MODES[mode];
      const prev = i > 0 ? words[t - 1] : bos;
      const next = i + 1 < len ? words[t + 1] : eos;
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
    nameListMatches(words, from, len, false, model.resources.gazetteer, model.resources.gazetteerMaxLength, TYPES.length, fixed.gz, modeOf, add);
    nameListMatches(words, from, len, true, model.resources.external, model.resources.externalMaxLength, EXTERNAL.length, fixed.xg, modeOf, add);
  }
  return { words, starts, caps, sums };
}

/** Name-list matches (features.ts `gazetteerMatches`) added as `gz=`/`xg=` features to every token they cover. */
function nameListMatches(
  words: Word[],
  from: number,
  len: number,
  external: boolean,
  names: Map<string, number>,
  maxLength: number,
  classes: number,
  ids: Int32Array,
  modeOf: (i: number) => number,
  add: (t: number, id: number) => void,
): void {
  for (let i = 0; i < len; i++) {
    const lower = words[from + i].lower;
    const first = external ? lower.external : lower.gazetteer;
    if (first < 0) continue;
    let key = lower.text;
    for (let k = 0; k < maxLength && i + k < len; k++) {
      let mask = first;
      if (k === 1) {
        // two-word keys are cached on the first word: most name-list words start no longer name
        const next = words[from + i + 1].lower.text;
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
  const { words, starts, sums } = scores;
  const add = (t: number, id: number) => {
    if (id < 0) return;
    const row = id * WIDTH + NTAGS;
    const base = t * WIDTH + NTAGS;
    for (let y = 0; y < NTAGS; y++) sums[base + y] += emit[row + y];
  };
  for (let t = 0; t < words.length; t++) if (words[t].hasUpper) c.touch(words[t].lower).positions.push(t);
  const counts = new Int32Array(TYPES.length + 1);
  const nt = TAGS.length;
  for (let k = 0; k + 1 < starts.length; k++) {
    const from = starts[k];
    const len = starts[k + 1] - from;
    for (let i = 0; i < len; i++) {
      const t = from + i;
      const own = tags1[t];
      add(t, fixed.t1[own]);
      add(t, fixed.t1m[(i > 0 ? tags1[t - 1] + 1 : 0) * nt + own]);
      add(t, fixed.t1p[(i + 1 < len ? tags1[t + 1] + 1 : 0) * nt + own]);
      const lower = words[t].lower;
      const others = lower.stamp === c.stamp ? lower.positions : NO_POSITIONS;
      if (others.length < 2) continue;
      counts.fill(0);
      for (const o of others) {
        if (o === t) continue;
        const tag = tags1[o];
        counts[tag === 0 ? TYPES.length : (tag - 1) >> 1]++;
      }
      let best = -1;
      let total = 0;
      for (let d = 0; d <= TYPES.length; d++) {
        total += counts[d];
        if (counts[d] && (best < 0 || counts[d] > counts[best])) best = d;
      }
      if (best < 0) continue;
      add(t, fixed.dm[best]);
      add(t, fixed.dmt[best * nt + own]);
      for (let d = 0; d < TYPES.length; d++) if (counts[d]) add(t, fixed.dt[d]);
      if (counts[best] === total) add(t, fixed.dall[best]);
    }
  }
}

/** BIO tag indices (see TAGS) for every token of the document, sentences concatenated. */
export function tagDocument(doc: string[][]): Int32Array {
  const scores = baseScores(doc);
  const c = compiledModel();
  const { model } = c;
  const { starts } = scores;
  const n = scores.words.length;
  const tags1 = new Int32Array(n);
  if (!n) return tags1;
  const local1 = scaled(scores.sums, 0, model.pass1.scale);
  for (let k = 0; k + 1 < starts.length; k++) decode(local1, starts[k], starts[k + 1], c.trans1, tags1);
  addDocumentScores(scores, tags1);
  const local2 = scaled(scores.sums, NTAGS, model.pass2.scale);
  const tags2 = new Int32Array(n);
  for (let k = 0; k + 1 < starts.length; k++) decode(local2, starts[k], starts[k + 1], c.trans2, tags2);
  unseenNames(scores, local2, tags2);
  return tags2;
}

const NEG = -1e30;
/** Tags that may follow any tag (O, B-X); the others (I-X) only follow B-X or I-X. */
const OPEN = Uint8Array.from({ length: NTAGS }, (_, y) => (allowed(0, y) ? 1 : 0));
let lattice = new Float64Array(256 * NTAGS);
let back = new Int32Array(256 * NTAGS);

/**
 * tagger.ts `viterbi` for inference's typed arrays, with the same arithmetic and tie-breaking
 * (the first best previous tag wins), so it decodes exactly what training decoded.
 */
function decode(local: Float32Array, from: number, to: number, trans: Float64Array, out: Int32Array): void {
  const n = to - from;
  if (n <= 0) return;
  if (lattice.length < n * NTAGS) {
    lattice = new Float64Array(n * NTAGS * 2);
    back = new Int32Array(n * NTAGS * 2);
  }
  const score = lattice;
  const arg = back;
  const lb0 = from * NTAGS;
  for (let y = 0; y < NTAGS; y++) score[y] = OPEN[y] ? local[lb0 + y] + trans[NTAGS * NTAGS + y] : NEG;
  for (let i = 1; i < n; i++) {
    const lb = (from + i) * NTAGS;
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
      let best = NEG;
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
      score[i * NTAGS + y] = best + local[lb + y];
      arg[i * NTAGS + y] = which;
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
    y = arg[i * NTAGS + y];
  }
}

/** One pass's local scores: its integer sums times the pass's scale, as 32-bit floats (as trained). */
function scaled(sums: Int32Array, offset: number, scale: number): Float32Array {
  const n = sums.length / WIDTH;
  const local = new Float32Array(n * NTAGS);
  for (let t = 0; t < n; t++) for (let y = 0; y < NTAGS; y++) local[t * NTAGS + y] = sums[t * WIDTH + offset + y] * scale;
  return local;
}

/**
 * A capitalized word inside an ordinary sentence that the training text never showed (so no case
 * prior says it is a common word) is a name far more often than not; when the tagger left it
 * untagged, a run of such words becomes a name of the type the tagger scored highest for it, when
 * that type leads the runner-up by UNSEEN_MARGIN per word (chosen on CoNLL dev: +0.2 F1).
 */
const UNSEEN_MARGIN = 10;
function unseenNames(scores: DocumentScores, local: Float32Array, tags: Int32Array): void {
  const { words, starts, caps } = scores;
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
      for (let u = i; u <= j; u++) for (let ty = 0; ty < 4; ty++) score[ty] += local[u * NTAGS + 1 + 2 * ty] - local[u * NTAGS];
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
