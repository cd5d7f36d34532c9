/**
 * Names the project's curated list (training/knowledge/curated.tsv) types beyond doubt: `SpaceX`
 * and `WeWork` are companies, `Islamic State` an organization, `Julian Assange` a person. The
 * tagger learned from 1996 text and may leave such a name untagged or give it another type; this
 * pass types it as the list does. Names the list gives two kinds of referent (`Amazon`) are not in
 * it: the tagger decides those from their context.
 */
import encoded from './model/known-names.ts';

export type KnownType = 'PER' | 'ORG' | 'LOC';

export interface KnownName {
  type: KnownType;
  /** The name the referent goes by (`Donald Trump` for `Trump`). */
  canonical: string;
}

interface KnownNames {
  /** By the name's tokens joined by a space, exactly as written. */
  byName: Map<string, KnownName>;
  /** The most tokens of any name. */
  maxTokens: number;
  /** Every first token of a name: a cheap test before looking further. */
  firstTokens: Set<string>;
}

let known: KnownNames | undefined;

/** The list, read on first use. Names are keyed by their tokens (`tokens`: the tagger's tokenizer). */
export function knownNames(tokens: (name: string) => string[]): KnownNames {
  if (known) return known;
  const byName = new Map<string, KnownName>();
  const firstTokens = new Set<string>();
  let maxTokens = 1;
  for (const line of encoded.split('\n')) {
    const [name, type, canonical] = line.split('\t');
    if (!name) continue;
    const words = tokens(name);
    byName.set(words.join(' '), { type: type as KnownType, canonical });
    firstTokens.add(words[0]);
    maxTokens = Math.max(maxTokens, words.length);
  }
  known = { byName, maxTokens, firstTokens };
  return known;
}
