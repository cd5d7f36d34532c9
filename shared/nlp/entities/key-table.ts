/**
 * The model's word lists and feature names as read-only tables over the strings the model file
 * holds them in (keys one a line): each key is a range of that text, found by hashing and probing
 * typed arrays. Loading the model builds no string and no map entry per key: as Maps, its 70,000
 * keys took 75 ms and 15 MB of fresh memory to load, and their lookups were no faster.
 */
import { FNV_BASIS, FNV_PRIME, fnv1a } from '../words.ts';

export class KeyTable<V> {
  /** Per slot, the index of the key in it plus one (0: empty); a power of two, at most half full. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Per key, its hash (words.ts `fnv1a`): the known-word filter is built from these. */
  readonly hashes: Int32Array;
  private readonly values: V[];
  private count = 0;

  /** A table for up to `capacity` keys, all ranges of `text`. */
  constructor(
    private readonly text: string,
    capacity: number,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.values = new Array<V>(capacity);
  }

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    const { slots, mask, starts, ends, text } = this;
    const length = key.length;
    for (let at = fnv1a(key, 0, length) & mask; ; at = (at + 1) & mask) {
      const slot = slots[at];
      if (slot === 0) return undefined;
      const start = starts[slot - 1];
      if (ends[slot - 1] - start === length && sameChars(text, start, key, 0, length)) return this.values[slot - 1];
    }
  }

  /**
   * Adds each line of the text from `from` up to `to` as a key, with the value `value()` gives it
   * (called once a line, in order). The keys must be new (the model file writes each once): they
   * are placed without a comparison.
   */
  addLines(from: number, to: number, value: () => V): void {
    const { text } = this;
    let hash = FNV_BASIS;
    let start = from;
    for (let i = from; i <= to; i++) {
      const c = i < to ? text.charCodeAt(i) : 10;
      if (c !== 10) {
        hash = Math.imul(hash ^ c, FNV_PRIME);
        continue;
      }
      this.place(start, i, hash, value());
      hash = FNV_BASIS;
      start = i + 1;
    }
  }

  /**
   * Adds every proper prefix of the multi-word keys (`new york` of `new york city`) that is not a
   * key of its own, with `value`: a name-list match can then stop as soon as the words read so far
   * begin no name (features.ts `withPrefixes`).
   */
  addPrefixes(value: V): void {
    const { text, starts, ends } = this;
    const keys = this.count;
    for (let k = 0; k < keys; k++) {
      const start = starts[k];
      for (let space = text.indexOf(' ', start); space > start && space < ends[k]; space = text.indexOf(' ', space + 1)) {
        const hash = fnv1a(text, start, space);
        if (this.slots[this.find(start, space, hash)] === 0) this.place(start, space, hash, value);
      }
    }
  }

  private place(start: number, end: number, hash: number, value: V): void {
    if (this.count === this.starts.length) throw new Error('The key table is full.');
    const { slots, mask } = this;
    let at = hash & mask;
    while (slots[at] !== 0) at = (at + 1) & mask;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.hashes[this.count] = hash;
    this.values[this.count] = value;
    slots[at] = ++this.count;
  }

  /** The slot of the key `text.slice(start, end)`, or the empty slot where it would go. */
  private find(start: number, end: number, hash: number): number {
    const { slots, mask, starts, ends, text } = this;
    const length = end - start;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const slot = slots[at];
      if (slot === 0) return at;
      const from = starts[slot - 1];
      if (ends[slot - 1] - from === length && sameChars(text, from, text, start, length)) return at;
    }
  }

  *keys(): IterableIterator<string> {
    for (let k = 0; k < this.count; k++) yield this.text.slice(this.starts[k], this.ends[k]);
  }

  /** Every key and value, in the order the keys were added (as Map.forEach). */
  forEach(visit: (value: V, key: string) => void): void {
    for (let k = 0; k < this.count; k++) visit(this.values[k], this.text.slice(this.starts[k], this.ends[k]));
  }
}

/** `a` from `aFrom` and `b` from `bFrom` have the same `length` characters. */
function sameChars(a: string, aFrom: number, b: string, bFrom: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a.charCodeAt(aFrom + i) !== b.charCodeAt(bFrom + i)) return false;
  return true;
}

/** The number of times `c` occurs in `text`. */
export function countOf(text: string, c: string): number {
  let n = 0;
  for (let at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) n++;
  return n;
}
