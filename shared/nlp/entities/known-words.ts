/**
 * Which strings the model may key anything by: a Bloom filter over the words of its word lists and
 * word features.
 *
 * A word the process meets for the first time costs a few dozen map lookups (case prior, name lists,
 * its word features in each role), nearly all out of cache. Most such words are rare and the model
 * knows none of them, so one test here (a 64 KB bit table that stays in cache) answers those lookups
 * at once. A false "maybe" (about 1 in 100) only costs the lookups; "no" is always right.
 */
import { fnv1a } from '../words.ts';

const BITS = 1 << 19;

/** Keys already hashed (words.ts `fnv1a`): the first `size` of `hashes`. */
export interface HashedKeys {
  hashes: Int32Array;
  size: number;
}

export class KnownWords {
  private readonly bits = new Int32Array(BITS / 32);

  constructor(lists: Iterable<Iterable<string> | HashedKeys>) {
    for (const list of lists) {
      if (isHashed(list)) for (let k = 0; k < list.size; k++) this.add(list.hashes[k]);
      else for (const key of list) this.add(fnv1a(key, 0, key.length));
    }
  }

  /** False when no list given to the constructor holds `text`. */
  mayHold(text: string): boolean {
    const hash = fnv1a(text, 0, text.length);
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

function isHashed(list: Iterable<string> | HashedKeys): list is HashedKeys {
  return 'hashes' in list;
}

/** The second bit of a key: the hash mixed again (a second, nearly independent hash). */
function second(hash: number): number {
  return (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 13) & (BITS - 1);
}
