/**
 * Label-free casing evidence from news text: how often each word is written lower-case and how
 * often capitalized in the middle of a sentence. A one-word name that the news writes lower-case
 * more often than capitalized there (`will`, `rose`, `plateau`) is a common word, not a name.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stopwordSet } from '../../shared/nlp/words.ts';
import { byCodeUnit } from './sources.ts';

export interface CaseCounts {
  lower: Map<string, number>;
  capitalized: Map<string, number>;
}

const WORD = /\p{L}[\p{L}\p{M}'’-]*/gu;

/** Counts mid-sentence casing over the `article` texts of every `*.jsonl` file of a folder. */
export function caseCounts(dir: string): CaseCounts {
  const counts: CaseCounts = { lower: new Map(), capitalized: new Map() };
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort(byCodeUnit);
  if (!files.length) throw new Error(`no *.jsonl texts in ${dir}`);
  for (const file of files) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.trim()) countText(String((JSON.parse(line) as { article?: string }).article ?? ''), counts);
    }
  }
  return counts;
}

function countText(text: string, counts: CaseCounts): void {
  for (const m of text.matchAll(WORD)) {
    if (!midSentence(text, m.index)) continue;
    const word = m[0].replace(/['’]s?$/, '');
    if (word.length > 1 && word === word.toUpperCase()) continue;
    const key = word.toLowerCase();
    const map = word === key ? counts.lower : /^\p{Lu}/u.test(word) ? counts.capitalized : null;
    if (map) map.set(key, (map.get(key) ?? 0) + 1);
  }
}

/** After a word, a comma or a digit on the same line: not where a capital is merely grammar. */
function midSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && /[\p{L}\p{N},]/u.test(text[i]);
}

/** Decides which one-word names are common words. */
export class CommonWords {
  private readonly stop = stopwordSet();
  constructor(private readonly counts: CaseCounts) {}

  /**
   * A one-word name written lower-case more often than capitalized, or a stop word (acronyms too:
   * `AS`, `CAR`, `GOOD`). Longer names and names with inner capitals (`MoDem`, `DuPont`) pass.
   */
  isCommon(name: string): boolean {
    if (name.includes(' ') || (/\p{Ll}/u.test(name) && /.\p{Lu}/u.test(name))) return false;
    const key = name.toLowerCase();
    return this.stop.has(key) || (this.counts.lower.get(key) ?? 0) > (this.counts.capitalized.get(key) ?? 0);
  }

  /** Seen capitalized in the middle of a sentence at least once. */
  seenCapitalized(name: string): boolean {
    return (this.counts.capitalized.get(name.toLowerCase()) ?? 0) > 0;
  }
}
