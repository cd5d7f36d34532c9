/**
 * The entity model compiled for inference, and the per-process caches that go with it.
 *
 * Everything that depends on a word alone (its lower case, shape, casing, name-list entries, the
 * summed weights of its role features) is worked out once per distinct word and kept across
 * documents (`Word`, `Lower`); the features that are fixed strings, word pairs and shape trigrams
 * get integer ids when the model is first used, so that scoring a token (inference.ts) never
 * builds a feature string.
 */
import {
  BOS, COMBO, CP, CP_F, CP_INDEX, CPDC_F, DALL, DC_F, DM, DMT, DOC_CASE, DT, EOS, EXTERNAL, MODES, NROLES,
  ROLE, SL_F, SLEN, T1, T1M, T1P, TYPES, comboFeature, matchLabel, roleFeatures, shape, type KeyedLookup, type RoleResources,
} from './features.ts';
import { detached } from '../detach.ts';
import { KeyTable } from './key-table.ts';
import { KnownWords } from './known-words.ts';
import { WordSlot, type Word as TextWord } from '../words.ts';
import { featureId, loadModel, WIDTH, type FeatureIds, type Model } from './model.ts';

/** A distinct lower-cased word. */
export interface Lower {
  text: string;
  /** Index among the words of the model's word-pair features (-1: in none; -2: holds `|`, looked up by string). */
  pair: number;
  /** Name-list masks by TYPES / EXTERNAL (-1: not in the list; 0: only the start of longer names). */
  gazetteer: number;
  external: number;
  /** Per list (gazetteer, external): the mask of the two-word key `<this> <next>` by next word (-1: none). */
  follow: [Map<string, number> | null, Map<string, number> | null];
  /** Bit 1 (gazetteer), bit 2 (external): the word is the second of some longer name in that list. */
  nameSecond: number;
  /** Index in CP of how the training text writes the word inside sentences (`?`: never seen). */
  casePrior: number;
  knownCase: boolean;
  /** The lexicon's type for the word, if any. */
  lexicon: string | undefined;
  /** The model may key something by the word (false: it keys nothing by it; see known-words.ts). */
  known: boolean;
  /** Per-document state, valid while `stamp` is the document's. */
  stamp: number;
  /** How the document writes the word in ordinary positions (documentCasing's bits). */
  casing: number;
  /** Tokens of the document written with capitals that lower-case to this word, and how the first pass tagged them (by TYPES, then O). */
  occurrences: number;
  /** Made when a capitalized occurrence is first counted: most words never are. */
  tagCounts: Int32Array | null;
}

/** A distinct token, as written. */
export interface Word {
  text: string;
  lower: Lower;
  /** Index among the shapes of the model's shape-trigram features (-1: in none; -2: holds `|`, looked up by string). */
  shape: number;
  shapeText: string;
  hasLower: boolean;
  hasUpper: boolean;
  /** Written with a capital or a digit: a token the tagger scores (see inference.ts `mayBeNames`). */
  nameLike: boolean;
  /** documentCasing's bit for the word: 1 title case, 4 other capitals, 2 lower case, 0 no letters. */
  caseBit: number;
  /** `"`, `'`, `(`, `-` or `:`: the casing of the word after it tells nothing. */
  opener: boolean;
  /** `Xx…` and never seen by the training text inside a sentence: maybe a name (see unseenNames). */
  unseenCandidate: boolean;
  /** The model may key a word feature by the word as written (see Lower.known). */
  known: boolean;
  /** The word's row in `Compiled.roleAt`. */
  index: number;
  /**
   * Offset in the slab of the summed weights of the word's five common roles (BLOCK_ROLES), side by
   * side: a token inside an ordinary sentence reads one contiguous block per word around it.
   * -1 until a token near the word may be a name.
   */
  block: number;
  /** Bit k: the block's role k is summed (each when first needed: most words are never next to a token that may be a name). */
  summed: number;
}

/**
 * The roles of a word around a token inside an ordinary sentence (self, left, right, two away),
 * side by side in the slab; the others (sentence starts, capitals) each on its own.
 */
export const BLOCK_ROLES = [ROLE.SELF.M, ROLE.LEFT.M, ROLE.RIGHT.M, ROLE.WM2, ROLE.WP2];
const BLOCK_SLOT = Int32Array.from({ length: NROLES }, (_, role) => BLOCK_ROLES.indexOf(role as (typeof BLOCK_ROLES)[number]));

/** The word features keyed by the word itself (`w=` lower-cased, `W=` as written), in every role. */
const WORD_KEYED = new Set(['w=', 'W=', 'w-1=', 'W-1=', 'w+1=', 'W+1=', 'w-2=', 'w+2=']);

const MAX_CACHED_WORDS = 100_000;
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

function fixedIds(model: Model): FixedIds {
  const ids = (names: string[]) => Int32Array.from(names, (f) => featureId(model, f) ?? -1);
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
function combinations(byTemplate: Map<string, FeatureIds>, kinds: number[], parts: number): Combinations | null {
  const index = new Map<string, number>();
  const indexOf = (w: string) => {
    let i = index.get(w);
    if (i === undefined) index.set(w, (i = index.size));
    return i;
  };
  // flat records of kind, feature id and the words' indices: the model has thousands of these
  // (read when the model is first used, so without an array per feature)
  const found: number[] = [];
  for (const kind of kinds) {
    byTemplate.get(COMBO[kind])?.forEach((id, value) => {
      // a word with `|` in it is left to the string lookup (see Compiled.pairId)
      let bars = 0;
      for (let at = value.indexOf('|'); at >= 0; at = value.indexOf('|', at + 1)) bars++;
      if (bars !== parts - 1) return;
      found.push(kind, id);
      for (let from = 0, p = 0; p < parts; p++) {
        const to = p + 1 < parts ? value.indexOf('|', from) : value.length;
        found.push(indexOf(value.slice(from, to)));
        from = to + 1;
      }
    });
  }
  let radix = 1;
  while (radix < index.size) radix *= 2;
  // keys must stay small integers
  if (COMBO.length * radix ** parts > 2 ** 30) return null;
  const stride = 2 + parts;
  const ids = new IntTable(found.length / stride);
  for (let at = 0; at < found.length; at += stride) {
    let key = found[at];
    for (let p = 0; p < parts; p++) key = key * radix + found[at + 2 + p];
    ids.set(key, found[at + 1]);
  }
  return { index, ids, radix };
}

/** The second words of the lists' names of two words or more, with a bit per list that has one. */
function secondWords(lists: KeyedLookup<number>[]): Map<string, number> {
  const seconds = new Map<string, number>();
  lists.forEach((names, list) => {
    for (const name of names.keys()) {
      const space = name.indexOf(' ');
      if (space < 0) continue;
      const end = name.indexOf(' ', space + 1);
      const word = name.slice(space + 1, end < 0 ? name.length : end);
      seconds.set(word, (seconds.get(word) ?? 0) | (1 << list));
    }
  });
  return seconds;
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
export class Compiled {
  readonly fixed: FixedIds;
  /** Emission weights of both passes side by side, WIDTH a feature. */
  readonly emit: Int16Array;
  /** Transition weights of each pass, as the decoder reads them. */
  readonly trans1: Float64Array;
  readonly trans2: Float64Array;
  private readonly pairs: Combinations | null;
  private readonly trigrams: Combinations | null;
  private words = new Map<string, Word>();
  /** This cache's word for a record of words.ts (wordOf); new at each reset, as `words` is cleared. */
  private byRecord = new WordSlot<Word>();
  private lowers = new Map<string, Lower>();
  /**
   * Summed role weights, WIDTH integers a word and role. Reserved at its full size at once: memory
   * is only mapped as rows are written, while growing by copies would touch every page twice (a
   * first touch of a page costs 13 µs on our 2-core VMs: as much as summing a new word's roles).
   */
  slab = new Int32Array(MAX_CACHED_WORDS * (BLOCK_ROLES.length + 1) * WIDTH);
  private slabUsed = 0;
  private readonly scratch = new Int32Array(WIDTH);
  /**
   * Built when a second document begins, so that a process that reads one article does not pay for
   * it: 5-8 ms from the hashes the key tables keep (15-22 ms when it hashed their keys as strings).
   */
  private known: KnownWords | null = null;
  /** The word whose roles are being summed (sumRole), with what roleFeatures reads and emits for it. */
  private readonly current: { word: Word; lower: Lower } = { word: null!, lower: null! };
  private readonly roleResources: RoleResources;
  private readonly addFeature: (template: string, value: string) => void;
  /** Per word (its index) and role, the offset in the slab of its summed weights, or -1 before they are needed. */
  private roleAt = new Int32Array(NROLES * (MAX_CACHED_WORDS + 2));
  private nextIndex = 0;
  /** Feature ids by template (the name up to its first `=`), then by the rest of the name. */
  private readonly byTemplate: Map<string, FeatureIds>;
  /** Lower.nameSecond by word. */
  private readonly secondWords: Map<string, number>;
  stamp = 0;
  bos!: Word;
  eos!: Word;

  constructor(readonly model: Model) {
    this.fixed = fixedIds(model);
    this.emit = model.emit;
    this.byTemplate = model.templates;
    this.trans1 = Float64Array.from(model.pass1.trans);
    this.trans2 = Float64Array.from(model.pass2.trans);
    this.pairs = combinations(this.byTemplate, [0, 1, 2], 2);
    this.trigrams = combinations(this.byTemplate, [3], 3);
    const { external, lexicon, clusters } = model.resources;
    this.secondWords = secondWords([model.resources.gazetteer, external]);
    const { current } = this;
    // the lexicon and name-list entries of the word being summed are on its record already
    this.roleResources = {
      lexicon: { get: (key) => (key === current.lower.text ? current.lower.lexicon : lexicon.get(key)) },
      external: { get: (key) => (key !== current.lower.text ? external.get(key) : current.lower.external < 0 ? undefined : current.lower.external) },
      clusters,
    };
    this.addFeature = (template, value) => {
      // a word feature of a word the model keys nothing by is none of its features
      if (WORD_KEYED.has(template) && ((!current.lower.known && value === current.lower.text) || (!current.word.known && value === current.word.text))) return;
      const id = this.byTemplate.get(template)?.get(value);
      if (id === undefined) return;
      const { emit, scratch } = this;
      const row = id * WIDTH;
      for (let y = 0; y < WIDTH; y++) scratch[y] += emit[row + y];
    };
    this.reset();
  }

  /** Forgets every word; only ever called between documents, so no record in use loses its sums. */
  reset(): void {
    this.words.clear();
    this.byRecord = new WordSlot();
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
    if (this.stamp > 0) this.known ??= this.knownWords();
    this.stamp++;
  }

  /** Every string the model keys a word list or a word feature by. */
  private knownWords(): KnownWords {
    const { casePrior, gazetteer, external, lexicon } = this.model.resources;
    // a key table gives its keys' hashes; a Map (a model made in a test) its keys
    const keysOf = (list: KeyedLookup<unknown> | undefined) => (list instanceof KeyTable ? list : (list?.keys() ?? []));
    return new KnownWords([
      keysOf(casePrior),
      keysOf(gazetteer),
      keysOf(external),
      keysOf(lexicon),
      this.secondWords.keys(),
      this.pairs?.index.keys() ?? [],
      ...[...WORD_KEYED].map((template) => keysOf(this.byTemplate.get(template))),
    ]);
  }

  /** False when the model keys nothing by `text` (always true until `known` is built). */
  private mayBeKnown(text: string): boolean {
    return this.known?.mayHold(text) ?? true;
  }

  word(text: string): Word {
    let word = this.words.get(text);
    if (!word) {
      const own = detached(text);
      word = this.describe(own);
      this.words.set(own, word);
    }
    return word;
  }

  /**
   * The word of a plain token through the record the summary already found for it (words.ts),
   * bound to it by this cache's slot: no lookup, no string.
   */
  wordOf(record: TextWord): Word {
    let word = this.byRecord.get(record);
    if (!word) this.byRecord.set(record, (word = this.word(record.word)));
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
      nameLike: hasUpper || /\d/.test(text),
      caseBit: !hasLower && !hasUpper ? 0 : initialUpper && hasLower ? 1 : hasUpper ? 4 : 2,
      opener: /^["'(\-:]$/.test(text),
      unseenCandidate: /^\p{Lu}\p{Ll}/u.test(text) && !lower.knownCase,
      known: hasUpper ? this.mayBeKnown(text) : lower.known,
      index: this.newIndex(),
      block: -1,
      summed: 0,
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

  private lower(lowerCase: string): Lower {
    let lower = this.lowers.get(lowerCase);
    if (lower) return lower;
    const text = detached(lowerCase);
    const { resources } = this.model;
    const known = this.mayBeKnown(text);
    const prior = known ? resources.casePrior.get(text) : undefined;
    lower = {
      text,
      pair: known || !this.pairs || text.includes('|') ? this.indexIn(this.pairs, text) : -1,
      gazetteer: known ? (resources.gazetteer.get(text) ?? -1) : -1,
      external: known ? (resources.external.get(text) ?? -1) : -1,
      follow: [null, null],
      nameSecond: known ? (this.secondWords.get(text) ?? 0) : 0,
      casePrior: CP_INDEX[prior ?? '?'],
      knownCase: prior !== undefined,
      lexicon: known ? resources.lexicon.get(text) : undefined,
      known,
      stamp: -1,
      casing: 0,
      occurrences: 0,
      tagCounts: null,
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
      lower.occurrences = 0;
      lower.tagCounts?.fill(0);
    }
    return lower;
  }

  /** Offset in the slab of the word's summed role weights, computed on first use. */
  roleOffset(word: Word, role: number): number {
    const slot = BLOCK_SLOT[role];
    if (slot >= 0) {
      if (!(word.summed & (1 << slot))) this.sumSlot(word, slot);
      return word.block + slot * WIDTH;
    }
    let at = this.roleAt[word.index * NROLES + role];
    if (at >= 0) return at;
    at = this.allocate(WIDTH);
    this.sumRole(word, role, at);
    this.roleAt[word.index * NROLES + role] = at;
    return at;
  }

  private sumSlot(word: Word, slot: number): void {
    if (word.block < 0) word.block = this.allocate(BLOCK_ROLES.length * WIDTH);
    this.sumRole(word, BLOCK_ROLES[slot], word.block + slot * WIDTH);
    word.summed |= 1 << slot;
  }

  /** `size` integers of the slab, grown as needed. */
  private allocate(size: number): number {
    if (this.slabUsed + size > this.slab.length) {
      const grown = new Int32Array(this.slab.length * 2);
      grown.set(this.slab);
      this.slab = grown;
    }
    const at = this.slabUsed;
    this.slabUsed += size;
    return at;
  }

  /** Writes the summed weights of the word's features in the role at `at` (summed in a small buffer that stays in cache). */
  private sumRole(word: Word, role: number, at: number): void {
    this.scratch.fill(0);
    this.current.word = word;
    this.current.lower = word.lower;
    roleFeatures(role, word.text, this.roleResources, this.addFeature, word.lower.text);
    this.slab.set(this.scratch, at);
  }

  /** Feature id (or -1) of the word-pair feature of kind `kind` (0 `w-1w=`, 1 `ww+1=`, 2 `w-1w+1=`). */
  pairId(kind: number, a: Lower, b: Lower): number {
    // `|` first: such a feature was not indexed, so its other word may have no index either
    if (a.pair === -2 || b.pair === -2) return featureId(this.model, comboFeature(kind, a.text, b.text, '')) ?? -1;
    if (a.pair === -1 || b.pair === -1) return -1;
    const radix = this.pairs!.radix;
    return this.pairs!.ids.get((kind * radix + a.pair) * radix + b.pair);
  }

  /** Feature id (or -1) of the shape-trigram feature. */
  shapesId(a: Word, b: Word, c: Word): number {
    if (a.shape === -2 || b.shape === -2 || c.shape === -2) return featureId(this.model, comboFeature(3, a.shapeText, b.shapeText, c.shapeText)) ?? -1;
    if (a.shape === -1 || b.shape === -1 || c.shape === -1) return -1;
    const radix = this.trigrams!.radix;
    return this.trigrams!.ids.get(((3 * radix + a.shape) * radix + b.shape) * radix + c.shape);
  }
}

let compiled: Compiled | null = null;

export function compiledModel(): Compiled {
  const model = loadModel();
  if (!compiled || compiled.model !== model) compiled = new Compiled(model);
  return compiled;
}
