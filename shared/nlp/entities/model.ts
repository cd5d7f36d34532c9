import { inflateRawSync } from 'node:zlib';
/** The trained tagger: decoded lazily from the bundled model module on first use. */
import encoded from './model/ner-model.ts';
import { COMBO, NROLES, NTAGS, comboFeature, isCapsSentence, withPrefixes, TYPES, baseFeatures, documentFeatures, roleFeatures, type FeatureSink, type Resources } from './features.ts';
import { viterbi, type Weights } from './tagger.ts';

export interface Model {
  features: Map<string, number>;
  /** Per word-pair kind, the first and second words of the pair features the model has. */
  pairWords: { first: Set<string>; second: Set<string> }[];
  /** Emission weights are 16-bit integers; `scale` turns their sums into scores. */
  pass1: Weights & { scale: number };
  pass2: Weights & { scale: number };
  resources: Resources;
}

let loaded: Model | null = null;

/** Reads a map written as value -> keys joined by newlines. */
function table<V>(groups: Record<string, string>, convert: (v: string) => V): Map<string, V> {
  const map = new Map<string, V>();
  for (const [v, keys] of Object.entries(groups)) {
    const value = convert(v);
    for (const k of keys.split('\n')) map.set(k, value);
  }
  return map;
}

export function loadModel(): Model {
  if (loaded) return loaded;
  const blob = inflateRawSync(Buffer.from(encoded, 'base64'));
  const jsonLength = blob.readUInt32LE(0);
  const header = JSON.parse(blob.subarray(4, 4 + jsonLength).toString('utf8')) as {
    scale: [number, number];
    trans: [number[], number[]];
    features: string;
    gazetteer: Record<string, string>;
    gazetteerMaxLength: number;
    lexicon: Record<string, string>;
    casePrior: Record<string, string>;
    external: Record<string, string>;
    externalMaxLength: number;
  };
  const names = header.features.split('\n');
  const features = new Map<string, number>();
  names.forEach((f, i) => features.set(f, i));
  const weightsBytes = blob.subarray(4 + jsonLength);
  // copied once: an Int16Array needs an even byte offset
  const q = new Int16Array(weightsBytes.buffer.slice(weightsBytes.byteOffset, weightsBytes.byteOffset + weightsBytes.byteLength));
  const size = names.length * NTAGS;
  const emit1 = q.subarray(0, size);
  const emit2 = q.subarray(size, 2 * size);
  const gazetteer = withPrefixes(table(header.gazetteer, Number));
  const external = withPrefixes(table(header.external, Number));
  const pairWords = COMBO.map((prefix) => {
    const first = new Set<string>();
    const second = new Set<string>();
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      const bar = name.indexOf('|', prefix.length);
      first.add(name.slice(prefix.length, bar));
      second.add(name.slice(bar + 1));
    }
    return { first, second };
  });
  loaded = {
    features,
    pairWords,
    pass1: { emit: emit1, trans: Float32Array.from(header.trans[0]), scale: header.scale[0] },
    pass2: { emit: emit2, trans: Float32Array.from(header.trans[1]), scale: header.scale[1] },
    resources: {
      gazetteer,
      gazetteerMaxLength: header.gazetteerMaxLength,
      lexicon: table(header.lexicon, String),
      casePrior: table(header.casePrior, String),
      external,
      externalMaxLength: header.externalMaxLength,
    },
  };
  return loaded;
}

/**
 * Per word, the summed weights (pass 1, then pass 2) of the features it contributes in each role.
 * Bounded and kept across calls: a warm Lambda meets the same words again and again.
 */
/**
 * A word's cached sums: `roles[role]` is the offset in `slab` of 2 x NTAGS numbers (pass 1, then
 * pass 2), or -1 when not computed yet. One growing slab, so that caching allocates almost nothing.
 */
interface WordRecord {
  /** 2, 3, ...: a number for the word-pair cache (0 and 1 stand for the sentence boundaries). */
  id: number;
  roles: Int32Array;
}
let nextWordId = 2;
/** Per word-pair kind: feature id (or -1) by `first id * 2^24 + second id`, for pairs that passed the screen. */
const pairCache: Map<number, number>[] = COMBO.map(() => new Map());
const wordCache = new Map<string, WordRecord>();
const MAX_CACHED_WORDS = 100_000;
const MAX_CACHED_PAIRS = 400_000;
let slab = new Float32Array(2 * NTAGS * 4096);
let slabUsed = 0;
const scratch: string[] = [];

function wordRecord(word: string): WordRecord {
  let record = wordCache.get(word);
  if (!record) {
    record = { id: nextWordId++, roles: new Int32Array(NROLES).fill(-1) };
    wordCache.set(word, record);
  }
  return record;
}

/** Computes a word's sums for a role into the slab; returns their offset. */
function roleWeights(model: Model, role: number, word: string): number {
  if (slabUsed + 2 * NTAGS > slab.length) {
    const grown = new Float32Array(slab.length * 2);
    grown.set(slab);
    slab = grown;
  }
  const at = slabUsed;
  slabUsed += 2 * NTAGS;
  slab.fill(0, at, at + 2 * NTAGS);
  scratch.length = 0;
  roleFeatures(role, word, model.resources, scratch);
  const e1 = model.pass1.emit;
  const e2 = model.pass2.emit;
  for (const f of scratch) {
    const id = model.features.get(f);
    if (id === undefined) continue;
    const row = id * NTAGS;
    for (let y = 0; y < NTAGS; y++) {
      slab[at + y] += e1[row + y];
      slab[at + NTAGS + y] += e2[row + y];
    }
  }
  return at;
}

/** Feature ids of combinations, by kind, then word by word (no string is built on a hit). */
const comboCache: Map<string, Map<string, Map<string, number>>>[] = COMBO.map(() => new Map());
let comboEntries = 0;

function comboId(model: Model, kind: number, a: string, b: string, c: string): number {
  const byA = comboCache[kind];
  let byB = byA.get(a);
  if (!byB) {
    byB = new Map();
    byA.set(a, byB);
  }
  let byC = byB.get(b);
  if (!byC) {
    byC = new Map();
    byB.set(b, byC);
  }
  let id = byC.get(c);
  if (id === undefined) {
    if (comboEntries++ > 1_000_000) {
      for (const m of comboCache) m.clear();
      comboEntries = 0;
    }
    id = model.features.get(comboFeature(kind, a, b, c)) ?? -1;
    byC.set(c, id);
  }
  return id;
}

/** BIO tag indices (see TAGS) for every token of the document, sentences concatenated. */
export function tagDocument(words: string[][]): Int32Array {
  const model = loadModel();
  const n = words.reduce((a, s) => a + s.length, 0);
  const tags1 = new Int32Array(n);
  if (!n) return tags1;
  // Base features score both passes at once.
  const local1 = new Float32Array(n * NTAGS);
  const local2 = new Float32Array(n * NTAGS);
  const e1 = model.pass1.emit;
  const e2 = model.pass2.emit;
  /** Adds feature `id`'s weights, for both passes, to token `t`'s scores. */
  const addFeature = (t: number, id: number) => {
    const row = id * NTAGS;
    const base = t * NTAGS;
    for (let y = 0; y < NTAGS; y++) {
      local1[base + y] += e1[row + y];
      local2[base + y] += e2[row + y];
    }
  };
  const add = (t: number, f: string) => {
    const id = model.features.get(f);
    if (id !== undefined) addFeature(t, id);
  };
  // The cache is only ever cleared here, between documents, so no record in use loses its sums.
  if (wordCache.size >= MAX_CACHED_WORDS) {
    wordCache.clear();
    slabUsed = 0;
    nextWordId = 2;
    for (const cache of pairCache) cache.clear();
  }
  const records: WordRecord[] = [];
  for (const s of words) for (const w of s) records.push(wordRecord(w));
  const sink: FeatureSink = {
    emit: add,
    pair(t, kind, ja, jb, a, b) {
      // most pairs are not features: two set lookups on existing strings rule them out
      const words = model.pairWords[kind];
      if (!words.first.has(a) || !words.second.has(b)) return;
      const key = (ja >= 0 ? records[ja].id : -ja - 1) * 16777216 + (jb >= 0 ? records[jb].id : -jb - 1);
      const cache = pairCache[kind];
      let id = cache.get(key);
      if (id === undefined) {
        id = model.features.get(comboFeature(kind, a, b, '')) ?? -1;
        if (cache.size >= MAX_CACHED_PAIRS) cache.clear();
        cache.set(key, id);
      }
      if (id >= 0) addFeature(t, id);
    },
    combo(t, kind, a, b, c) {
      const id = comboId(model, kind, a, b, c);
      if (id >= 0) addFeature(t, id);
    },
    group(t, role, j, word) {
      const record = j >= 0 ? records[j] : wordRecord(word);
      let at = record.roles[role];
      if (at < 0) {
        at = roleWeights(model, role, word);
        record.roles[role] = at;
      }
      const base = t * NTAGS;
      for (let y = 0; y < NTAGS; y++) {
        local1[base + y] += slab[at + y];
        local2[base + y] += slab[at + NTAGS + y];
      }
    },
  };
  baseFeatures(words, model.resources, sink);
  const s1 = model.pass1.scale;
  for (let k = 0; k < local1.length; k++) local1[k] *= s1;
  let from = 0;
  for (const s of words) {
    viterbi(local1, from, from + s.length, model.pass1.trans, tags1);
    from += s.length;
  }
  documentFeatures(words, tags1, (t, f) => {
    const id = model.features.get(f);
    if (id === undefined) return;
    const row = id * NTAGS;
    const base = t * NTAGS;
    for (let y = 0; y < NTAGS; y++) local2[base + y] += e2[row + y];
  });
  const s2 = model.pass2.scale;
  for (let k = 0; k < local2.length; k++) local2[k] *= s2;
  const tags2 = new Int32Array(n);
  from = 0;
  for (const s of words) {
    viterbi(local2, from, from + s.length, model.pass2.trans, tags2);
    from += s.length;
  }
  unseenNames(words, model, local2, tags2);
  return tags2;
}

/**
 * A capitalized word inside an ordinary sentence that the training text never showed (so no case
 * prior says it is a common word) is a name far more often than not; when the tagger left it
 * untagged, a run of such words becomes a name of the type the tagger scored highest for it, when
 * that type leads the runner-up by UNSEEN_MARGIN per word (chosen on CoNLL dev: +0.2 F1).
 */
const UNSEEN_MARGIN = 10;
function unseenNames(words: string[][], model: Model, local: Float32Array, tags: Int32Array): void {
  const margin = UNSEEN_MARGIN;
  let t = 0;
  for (const s of words) {
    const caps = isCapsSentence(s);
    const base = t;
    for (let i = 1; i < s.length; i++) {
      if (caps) break;
      if (!isUnseenName(s, i, model, tags[base + i])) continue;
      // a run of such words is one name
      let j = i;
      while (j + 1 < s.length && isUnseenName(s, j + 1, model, tags[base + j + 1])) j++;
      const score = [0, 0, 0, 0];
      for (let k = i; k <= j; k++) for (let ty = 0; ty < 4; ty++) score[ty] += local[(base + k) * NTAGS + 1 + 2 * ty] - local[(base + k) * NTAGS];
      const order = [0, 1, 2, 3].sort((a, b) => score[b] - score[a]);
      if (score[order[0]] - score[order[1]] >= margin * (j - i + 1)) {
        const ty = order[0];
        const prev = tags[base + i - 1];
        const joins = prev !== 0 && (prev - 1) >> 1 === ty;
        for (let k = i; k <= j; k++) tags[base + k] = k === i && !joins ? 1 + 2 * ty : 2 + 2 * ty;
      }
      i = j;
    }
    t += s.length;
  }
}

function isUnseenName(s: string[], i: number, model: Model, tag: number): boolean {
  if (tag !== 0) return false;
  const w = s[i];
  if (!/^\p{Lu}\p{Ll}/u.test(w) || model.resources.casePrior.has(w.toLowerCase())) return false;
  return !/^["'(\-:]$/.test(s[i - 1]);
}

export function tagType(tag: number): (typeof TYPES)[number] | null {
  return tag === 0 ? null : TYPES[(tag - 1) >> 1];
}
