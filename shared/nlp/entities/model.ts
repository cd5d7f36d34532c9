import { inflateRawSync } from 'node:zlib';
/** The trained tagger: decoded lazily from the bundled model module on first use. */
import encoded from './model/ner-model.ts';
import { NTAGS, TYPES, withPrefixes, type Resources } from './features.ts';
import type { Weights } from './tagger.ts';

export interface Model {
  features: Map<string, number>;
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
  loaded = {
    features,
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

export function tagType(tag: number): (typeof TYPES)[number] | null {
  return tag === 0 ? null : TYPES[(tag - 1) >> 1];
}
