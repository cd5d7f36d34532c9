import { inflateRawSync } from 'node:zlib';
/** The trained tagger: decoded lazily from the bundled model module on first use. */
import encoded from './model/ner-model.ts';
import { NTAGS, TYPES, type KeyedLookup, type Resources } from './features.ts';
import { countOf, KeyTable } from './key-table.ts';

/** The model file's layout (training/train-ner.ts writes it): read back only by this version. */
export const MODEL_VERSION = 2;

export interface PassWeights {
  /** Tag transitions, (NTAGS + 1) x NTAGS: from each tag (the last row: the sentence start) to each. */
  trans: Float32Array;
  /** Turns the integer sums of `emit` into scores. */
  scale: number;
}

/** Feature ids of one template by the rest of the feature's name: a Map, or a table read from the model file. */
export interface FeatureIds extends KeyedLookup<number> {
  forEach(visit: (id: number, value: string) => void): void;
}

export interface Model {
  /**
   * Feature ids by template (a feature's name up to its first `=`, or the whole name), then by the
   * rest of the name: the way inference looks features up, and the way the file groups them.
   */
  templates: Map<string, FeatureIds>;
  /** Emission weights, 16-bit integers: WIDTH a feature, pass 1's NTAGS then pass 2's. */
  emit: Int16Array;
  pass1: PassWeights;
  pass2: PassWeights;
  resources: Resources;
}

/** Both passes' emission weights of a feature side by side. */
export const WIDTH = 2 * NTAGS;

/** A feature name cut into its template and the rest (`w=paris`: `w=`, `paris`; `b`: `b`, ``). */
export function splitFeature(name: string): [template: string, value: string] {
  const cut = name.indexOf('=') + 1;
  return cut > 0 ? [name.slice(0, cut), name.slice(cut)] : [name, ''];
}

/** The id of a feature given its whole name, if the model has it. */
export function featureId(model: Model, name: string): number | undefined {
  const [template, value] = splitFeature(name);
  return model.templates.get(template)?.get(value);
}

let loaded: Model | null = null;

/**
 * Reads a map written as value -> keys joined by newlines (each key once). With `prefix` set, every
 * proper prefix of a multi-word key is a key too, with that value (features.ts `withPrefixes`).
 */
function table<V>(groups: Record<string, string>, convert: (v: string) => V, prefix?: V): KeyTable<V> {
  const entries = Object.entries(groups);
  const text = entries.map(([, keys]) => keys).join('\n');
  const keys = new KeyTable<V>(text, countOf(text, '\n') + 1 + (prefix === undefined ? 0 : countOf(text, ' ')));
  let from = 0;
  for (const [v, joined] of entries) {
    const value = convert(v);
    keys.addLines(from, from + joined.length, () => value);
    from += joined.length + 1;
  }
  if (prefix !== undefined) keys.addPrefixes(prefix);
  return keys;
}

export function loadModel(): Model {
  if (loaded) return loaded;
  const blob = inflateRawSync(Buffer.from(encoded, 'base64'));
  const jsonLength = blob.readUInt32LE(0);
  const header = JSON.parse(blob.subarray(4, 4 + jsonLength).toString('utf8')) as {
    version: number;
    scale: [number, number];
    trans: [number[], number[]];
    /** Per template, in id order: the rest of each feature's name, joined by newlines (ids: the file's steps). */
    features: Array<[string, string]>;
    gazetteer: Record<string, string>;
    gazetteerMaxLength: number;
    lexicon: Record<string, string>;
    casePrior: Record<string, string>;
    external: Record<string, string>;
    externalMaxLength: number;
    clusters: Record<string, string>;
  };
  if (header.version !== MODEL_VERSION) throw new Error(`The entity model file is version ${header.version}; this code reads version ${MODEL_VERSION}.`);
  // after the header: per feature WIDTH int16 weights, then per feature a uint32 id step
  const bytesPerFeature = WIDTH * 2 + 4;
  const size = (blob.length - 4 - jsonLength) / bytesPerFeature;
  if (!Number.isInteger(size)) throw new Error('The entity model file is cut short or has bytes to spare.');
  // copied: typed arrays need aligned offsets
  const weightsAt = blob.byteOffset + 4 + jsonLength;
  const stepsAt = weightsAt + size * WIDTH * 2;
  const emit = new Int16Array(blob.buffer.slice(weightsAt, stepsAt));
  const steps = new Uint32Array(blob.buffer.slice(stepsAt, stepsAt + size * 4));
  const templates = new Map<string, FeatureIds>();
  let k = 0;
  for (const [template, values] of header.features) {
    const ids = new KeyTable<number>(values, countOf(values, '\n') + 1);
    let id = 0;
    ids.addLines(0, values.length, () => (id += steps[k++]));
    templates.set(template, ids);
  }
  if (k !== size) throw new Error(`The entity model file names ${k} features and weighs ${size}.`);
  loaded = {
    templates,
    emit,
    pass1: { trans: Float32Array.from(header.trans[0]), scale: header.scale[0] },
    pass2: { trans: Float32Array.from(header.trans[1]), scale: header.scale[1] },
    resources: {
      gazetteer: table(header.gazetteer, Number, 0),
      gazetteerMaxLength: header.gazetteerMaxLength,
      lexicon: table(header.lexicon, String),
      casePrior: table(header.casePrior, String),
      external: table(header.external, Number, 0),
      externalMaxLength: header.externalMaxLength,
      clusters: table(header.clusters, String),
    },
  };
  return loaded;
}

export function tagType(tag: number): (typeof TYPES)[number] | null {
  return tag === 0 ? null : TYPES[(tag - 1) >> 1];
}
