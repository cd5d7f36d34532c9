/**
 * Which strings the model may key anything by: a Bloom filter over the words of its word lists and
 * word features.
 *
 * A word the process meets for the first time costs a few dozen map lookups (case prior, name lists,
 * its word features in each role), nearly all out of cache. Most such words are rare and the model
 * knows none of them, so one test here (a 64 KB bit table that stays in cache) answers those lookups
 * at once. A false "maybe" (about 1 in 100) only costs the lookups; "no" is always right.
 */
const BITS = 1 << 19;

/** FNV-1a over the UTF-16 codes. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

export class KnownWords {
  private readonly bits = new Int32Array(BITS / 32);

  constructor(keys: Iterable<Iterable<string>>) {
    for (const list of keys) for (const key of list) this.add(hashOf(key));
  }

  /** False when no list given to the constructor holds `text`. */
  mayHold(text: string): boolean {
    const hash = hashOf(text);
    return this.has(hash & (BITS - 1)) && this.has(second(hash));
  }

  private add(hash: number): void {
    this.set(hash & (BITS - 1));
    this.set(second(hash));
  }

  private set(bit: number): void {
    this.bits[bit >>> 5] |= 1 << (bit & 31);
  }

  private has(bit: number): boolean {
    return (this.bits[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }
}

/** The second bit of a key: the hash mixed again (a second, nearly independent hash). */
function second(hash: number): number {
  return (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 13) & (BITS - 1);
}
