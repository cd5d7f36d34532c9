/** The trained tagger: decoded lazily from the bundled model module on first use. */
import { inflateRawSync } from 'node:zlib';
import encoded from './model/ner-model.ts';
import { NTAGS, TYPES, baseFeatures, documentFeatures, type Resources } from './features.ts';
import { viterbi, type Weights } from './tagger.ts';

export interface Model {
  features: Map<string, number>;
  pass1: Weights;
  pass2: Weights;
  resources: Resources;
}

let loaded: Model | null = null;

function table(text: string): [string, string][] {
  return text ? text.split('\n').map((line) => line.split('\t') as [string, string]) : [];
}

export function loadModel(): Model {
  if (loaded) return loaded;
  const blob = inflateRawSync(Buffer.from(encoded, 'base64'));
  const jsonLength = blob.readUInt32LE(0);
  const header = JSON.parse(blob.subarray(4, 4 + jsonLength).toString('utf8')) as {
    scale: [number, number];
    trans: [number[], number[]];
    features: string;
    gazetteer: string;
    gazetteerMaxLength: number;
    lexicon: string;
    casePrior: string;
  };
  const names = header.features.split('\n');
  const features = new Map<string, number>();
  names.forEach((f, i) => features.set(f, i));
  const weightsBytes = blob.subarray(4 + jsonLength);
  const q = new Int16Array(weightsBytes.buffer.slice(weightsBytes.byteOffset, weightsBytes.byteOffset + weightsBytes.byteLength));
  const size = names.length * NTAGS;
  const emit1 = new Float32Array(size);
  const emit2 = new Float32Array(size);
  for (let k = 0; k < size; k++) {
    emit1[k] = q[k] * header.scale[0];
    emit2[k] = q[size + k] * header.scale[1];
  }
  const gazetteer = new Map<string, number>(table(header.gazetteer).map(([k, v]) => [k, Number(v)]));
  loaded = {
    features,
    pass1: { emit: emit1, trans: Float32Array.from(header.trans[0]) },
    pass2: { emit: emit2, trans: Float32Array.from(header.trans[1]) },
    resources: {
      gazetteer,
      gazetteerFirst: new Set([...gazetteer.keys()].map((k) => k.split(' ')[0])),
      gazetteerMaxLength: header.gazetteerMaxLength,
      lexicon: new Map(table(header.lexicon)),
      casePrior: new Map(table(header.casePrior)),
    },
  };
  return loaded;
}

/** Collects feature ids per token into flat arrays (features unknown to the model are dropped). */
class FeatureBuffer {
  ids: Int32Array;
  offsets: Int32Array;
  private length = 0;
  private current = 0;
  constructor(
    private readonly model: Model,
    tokens: number,
  ) {
    this.ids = new Int32Array(Math.max(64, tokens * 48));
    this.offsets = new Int32Array(tokens + 1);
  }
  push = (t: number, f: string): void => {
    const id = this.model.features.get(f);
    if (id === undefined) return;
    this.add(t, id);
  };
  add(t: number, id: number): void {
    while (this.current < t) this.offsets[++this.current] = this.length;
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
  }
  finish(tokens: number): void {
    while (this.current < tokens) this.offsets[++this.current] = this.length;
  }
}

/** BIO tag indices (see TAGS) for every token of the document, sentences concatenated. */
export function tagDocument(words: string[][]): Int32Array {
  const model = loadModel();
  const n = words.reduce((a, s) => a + s.length, 0);
  const tags1 = new Int32Array(n);
  if (!n) return tags1;
  const base = new FeatureBuffer(model, n);
  baseFeatures(words, model.resources, base.push);
  base.finish(n);
  const bounds: [number, number][] = [];
  let from = 0;
  for (const s of words) {
    bounds.push([from, from + s.length]);
    from += s.length;
  }
  for (const [a, b] of bounds) viterbi(base.ids, base.offsets, a, b, model.pass1, tags1);
  const extra = new FeatureBuffer(model, n);
  documentFeatures(words, Array.from(tags1), extra.push);
  extra.finish(n);
  const both = new FeatureBuffer(model, n);
  for (let t = 0; t < n; t++) {
    for (let k = base.offsets[t]; k < base.offsets[t + 1]; k++) both.add(t, base.ids[k]);
    for (let k = extra.offsets[t]; k < extra.offsets[t + 1]; k++) both.add(t, extra.ids[k]);
  }
  both.finish(n);
  const tags2 = new Int32Array(n);
  for (const [a, b] of bounds) viterbi(both.ids, both.offsets, a, b, model.pass2, tags2);
  return tags2;
}

export function tagType(tag: number): (typeof TYPES)[number] | null {
  return tag === 0 ? null : TYPES[(tag - 1) >> 1];
}
