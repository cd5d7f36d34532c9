import type { ArticleDocument } from './document.ts';
import { PHRASE, stem, stopwordSet, type Word } from './words.ts';
import type { Keyphrase, Sentence } from './types.ts';

export interface KeyphraseOptions {
  max: number;
  title?: string | null;
}

const MAX_CHARS = 100_000;

/** News agencies and sites credited in the text, not topics of it. */
const PUBLISHERS = new Set(['cnn', 'reuters', 'afp', 'ap', 'mailonline']);

const { STOP, BREAK, BREAKER, CONTRACTION, OF, WEAK } = PHRASE;
const flagsOf = (w: Word) => w.phraseFlags;

interface Candidate {
  key: string;
  count: number;
  firstSentence: number;
  /** How it is written, and how often: the first form, then a map once a second one shows (most phrases have one). */
  form: string;
  formCount: number;
  forms: Map<string, number> | null;
  words: number;
  proper: boolean;
}

/**
 * Scores the article's topical phrases: noun-phrase-like runs of content words (no stop words,
 * verbs of saying, adverbs or numbers at their edges) and runs of capitalized words (names),
 * grouped by their stems. A phrase scores by how often it occurs, how early it first occurs,
 * its length (names and two-word phrases are more specific) and whether the title holds it;
 * single words already inside a chosen longer phrase are dropped. Linear in the text.
 */
/** Longer is no word (a URL, a run of letters with no space): never part of a key phrase. */
const MAX_WORD = 40;

export function extractKeyphrases(doc: ArticleDocument, options: KeyphraseOptions = { max: 10 }): Keyphrase[] {
  const { text, sentences } = doc;
  const max = options.max ?? 10;
  if (max <= 0) return [];
  const all = sentences.length ? sentences.filter((s) => s.kind !== 'furniture') : [{ text, begin: 0, end: text.length, kind: 'sentence' as const }];
  // A very long text is read up to MAX_CHARS: its topics show long before that.
  const units: typeof all = [];
  let read = 0;
  for (const s of all) {
    if (read > MAX_CHARS) break;
    units.push(read + s.text.length > MAX_CHARS * 2 ? { ...s, text: s.text.slice(0, MAX_CHARS) } : s);
    read += s.text.length;
  }
  // Words seen capitalized away from a sentence start: names.
  const properWords = new Set<string>();
  for (const s of units) for (const w of doc.capitalizedWords(s.text)) properWords.add(w);
  const candidates = new Map<string, Candidate>();
  /** Adds a run of words (`shown` is how each is displayed) as a candidate phrase. */
  const add = (infos: Word[], shown: string[], index: number, proper: boolean) => {
    // Trim edge words that cannot start or end a noun phrase.
    const edge = proper ? OF : OF | WEAK;
    let from = 0;
    let to = infos.length;
    while (from < to && flagsOf(infos[from]) & edge) from++;
    while (to > from && flagsOf(infos[to - 1]) & edge) to--;
    const n = to - from;
    if (n <= 0 || n > 4) return;
    let key = '';
    for (let i = from; i < to; i++) {
      const info = infos[i];
      const flags = flagsOf(info);
      if ((flags & STOP && !(flags & OF)) || flags & (BREAKER | CONTRACTION)) return;
      key = i === from ? info.stem : `${key} ${info.stem}`;
    }
    if (n === 1 && (infos[from].lower.length < 3 || PUBLISHERS.has(infos[from].stem))) return;
    for (let i = from; i < to; i++) if (infos[i].lower.length > MAX_WORD) return;
    let form = shown[from];
    for (let i = from + 1; i < to; i++) form += ` ${shown[i]}`;
    if (infos[to - 1].possessive) form = form.replace(/['’]s$/, '');
    let c = candidates.get(key);
    if (!c) {
      c = { key, count: 0, firstSentence: index, form, formCount: 0, forms: null, words: n, proper };
      candidates.set(key, c);
    }
    c.count++;
    c.proper ||= proper;
    if (form === c.form) c.formCount++;
    else {
      c.forms ??= new Map();
      c.forms.set(form, (c.forms.get(form) ?? 0) + 1);
    }
  };
  for (let index = 0; index < units.length; index++) {
    const text = units[index].text;
    // emptied, not replaced, at every break (add keeps none of them): most breaks find them empty
    const run: Word[] = [];
    const runShown: string[] = [];
    const names: Word[] = [];
    let first = true;
    const flush = () => {
      if (!run.length) return;
      add(run, runShown, index, false);
      run.length = 0;
      runShown.length = 0;
    };
    const flushNames = () => {
      if (!names.length) return;
      if (names.length > 1 || properWords.has(names[0].lower)) add(names, names.map((i) => i.word), index, true);
      names.length = 0;
    };
    for (const info of doc.tokens(text)) {
      if (!info) {
        // Punctuation breaks phrases (a hyphen inside a word does not get here).
        flush();
        flushNames();
        continue;
      }
      const flags = flagsOf(info);
      const capitalized = info.upper && (!first || properWords.has(info.lower)) && !(flags & STOP);
      first = false;
      if (capitalized) {
        names.push(info);
        // A possessive ends a name: `CNN's Robyn Curnow` is two names.
        if (info.possessive) flushNames();
      } else if (flags & OF && names.length) names.push(info);
      else flushNames();
      if (flags & (STOP | BREAK)) flush();
      else {
        run.push(info);
        runShown.push(capitalized ? info.word : info.lower);
      }
    }
    flush();
    flushNames();
  }

  const titleStems = new Set(
    (options.title ?? '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.map((w) => stem(w)) ?? [],
  );
  const total = Math.max(1, units.length);
  const scored = [...candidates.values()]
    .filter((c) => c.count > 1 || c.words > 1 || c.proper || c.firstSentence < 2)
    .map((c) => {
      const parts = c.key.split(' ');
      const inTitle = parts.filter((p) => titleStems.has(p)).length / parts.length;
      const early = 1 - c.firstSentence / total;
      const score = Math.log2(1 + c.count) * (1 + 0.5 * early) * (c.words > 1 ? 1.5 : 1) * (c.proper ? 1.3 : 1) * (1 + inTitle);
      return { c, score };
    })
    .sort((a, b) => b.score - a.score || a.c.key.localeCompare(b.c.key));

  const chosen: Array<{ c: Candidate; score: number }> = [];
  for (const entry of scored) {
    if (chosen.length >= max) break;
    const parts = entry.c.key.split(' ');
    // Skip a phrase inside (or containing) one already chosen: "Stone" after "Joss Stone".
    const overlaps = chosen.some((o) => {
      const other = o.c.key.split(' ');
      return containsRun(other, parts) || containsRun(parts, other);
    });
    if (overlaps) continue;
    chosen.push(entry);
  }
  const top = chosen[0]?.score || 1;
  return chosen.map(({ c, score }) => ({ text: bestForm(c), score: Number((score / top).toFixed(4)) }));
}

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function bestForm(c: Candidate): string {
  // Names keep their capitals: `CNN`, not `cnn`.
  const weight = (form: string, n: number) => (c.proper && /^\p{Lu}/u.test(form) ? n + 0.5 : n);
  let best = c.form;
  let count = weight(c.form, c.formCount);
  for (const [form, n] of c.forms ?? []) {
    const w = weight(form, n);
    if (w > count || (w === count && form < best)) (best = form, count = w);
  }
  return best;
}
