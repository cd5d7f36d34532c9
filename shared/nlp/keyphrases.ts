import { capitalizedWords, isSpace, stem, stopwordSet } from './tokens.ts';
import type { Keyphrase, Sentence } from './types.ts';

export interface KeyphraseOptions {
  max: number;
  title?: string | null;
}

/** Words that end a noun phrase candidate besides the stop words: reporting verbs, adverbs of time, fillers. */
const BREAKERS = new Set(
  (
    'said says say saying told tells added asked according reported announced revealed claimed believed think thought ' +
    'want wanted went going gone come came take took taken give gave given see saw seen know knew known found find ' +
    'called call including included like just also still really even ever never always already very much many ' +
    'today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday week weeks month months year years ' +
    'time times day days night morning afternoon evening ago later earlier now recently currently former latter ' +
    'mr mrs ms dr per cent percent around about whether without within across among several various another lot lots ' +
    'something anything everything nothing someone anyone everyone thing things way ways part kind sort number people ' +
    'january february march april may june july august september october november december ' +
    'one two three four five six seven eight nine ten dozen hundred hundreds thousand thousands million millions billion ' +
    'first second third last next new old big small good bad best great many few more most less least other others same ' +
    'down up out off over back not no yes half despite amid amidst during against toward towards upon via unlike regarding concerning following behind beyond near inside outside'
  ).split(' '),
);

const MAX_CHARS = 100_000;

/** News agencies and sites credited in the text, not topics of it. */
const PUBLISHERS = new Set(['cnn', 'reuters', 'afp', 'ap', 'mailonline']);

/** A word (letters and digits, with inner `'`, `’` or `-`) or a run of punctuation, read at a position. */
const WORD_AT = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/uy;
const PUNCTUATION_AT = /[^\p{L}\p{N}\s]+/uy;

const TRAILING = /['’-]+$/;
const STOP = 1;
/** Ends a phrase: a breaker word, a number, an adverb in -ly. */
const BREAK = 2;
const BREAKER = 4;
const CONTRACTION = 8;
const flagCache = new Map<string, number>();

function wordFlags(lower: string, stop: Set<string>): number {
  let flags = flagCache.get(lower);
  if (flags === undefined) {
    flags =
      (stop.has(lower) || stop.has(lower.replace(/'s$/, '')) ? STOP : 0) |
      (BREAKERS.has(lower) || /^\d/.test(lower) || /ly$/.test(lower) ? BREAK : 0) |
      (BREAKERS.has(lower) ? BREAKER : 0) |
      (/['’](?:ve|ll|m|d|re|t)$/.test(lower) ? CONTRACTION : 0);
    if (flagCache.size > 100_000) flagCache.clear();
    flagCache.set(lower, flags);
  }
  return flags;
}

interface Candidate {
  key: string;
  count: number;
  firstSentence: number;
  forms: Map<string, number>;
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
export function extractKeyphrases(
  text: string,
  sentences: Sentence[],
  options: KeyphraseOptions = { max: 10 },
): Keyphrase[] {
  const max = options.max ?? 10;
  if (max <= 0) return [];
  const stop = stopwordSet();
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
  for (const s of units) for (const w of capitalizedWords(s.text)) properWords.add(w);
  const candidates = new Map<string, Candidate>();
  /** Adds a run of words (`shown` is how each is displayed) as a candidate phrase. */
  const add = (infos: TokenInfo[], shown: string[], index: number, proper: boolean) => {
    // Trim edge words that cannot start or end a noun phrase.
    let from = 0;
    let to = infos.length;
    while (from < to && (infos[from].of || (!proper && infos[from].weak))) from++;
    while (to > from && (infos[to - 1].of || (!proper && infos[to - 1].weak))) to--;
    const n = to - from;
    if (n <= 0 || n > 4) return;
    let key = '';
    for (let i = from; i < to; i++) {
      const info = infos[i];
      if ((info.flags & STOP && !info.of) || info.flags & (BREAKER | CONTRACTION)) return;
      key = i === from ? info.stem : `${key} ${info.stem}`;
    }
    if (n === 1 && (infos[from].lower.length < 3 || PUBLISHERS.has(infos[from].stem))) return;
    let form = shown[from];
    for (let i = from + 1; i < to; i++) form += ` ${shown[i]}`;
    if (infos[to - 1].possessive) form = form.replace(/['’]s$/, '');
    let c = candidates.get(key);
    if (!c) {
      c = { key, count: 0, firstSentence: index, forms: new Map(), words: n, proper };
      candidates.set(key, c);
    }
    c.count++;
    c.proper ||= proper;
    c.forms.set(form, (c.forms.get(form) ?? 0) + 1);
  };
  for (let index = 0; index < units.length; index++) {
    const text = units[index].text;
    let run: TokenInfo[] = [];
    let runShown: string[] = [];
    let names: TokenInfo[] = [];
    let first = true;
    const flush = () => {
      if (run.length) add(run, runShown, index, false);
      run = [];
      runShown = [];
    };
    const flushNames = () => {
      if (names.length > 1 || (names.length === 1 && properWords.has(names[0].lower))) add(names, names.map((i) => i.word), index, true);
      names = [];
    };
    // Words and punctuation runs in order (read with sticky patterns: no match objects to allocate).
    for (let at = 0; at < text.length; ) {
      if (isSpace(text.charCodeAt(at))) {
        at++;
        continue;
      }
      WORD_AT.lastIndex = at;
      if (!WORD_AT.test(text)) {
        PUNCTUATION_AT.lastIndex = at;
        at = PUNCTUATION_AT.test(text) ? PUNCTUATION_AT.lastIndex : at + 1;
        // Punctuation breaks phrases (a hyphen inside a word does not get here).
        flush();
        flushNames();
        continue;
      }
      const info = tokenInfo(text.slice(at, WORD_AT.lastIndex), stop);
      at = WORD_AT.lastIndex;
      if (!info) {
        flush();
        flushNames();
        continue;
      }
      const capitalized = info.upper && (!first || properWords.has(info.lower)) && !(info.flags & STOP);
      first = false;
      if (capitalized) {
        names.push(info);
        // A possessive ends a name: `CNN's Robyn Curnow` is two names.
        if (info.possessive) flushNames();
      } else if (info.of && names.length) names.push(info);
      else flushNames();
      if (info.flags & (STOP | BREAK)) flush();
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

interface TokenInfo {
  /** The token without trailing quotes or hyphens. */
  word: string;
  lower: string;
  stem: string;
  flags: number;
  upper: boolean;
  possessive: boolean;
  of: boolean;
  /** Cannot start or end a common-noun phrase (`-ing`, `-ed`, `-ly` words). */
  weak: boolean;
}

const tokenCache = new Map<string, TokenInfo | null>();

/** What the phrase finder needs to know about one raw token; cached by the raw token. */
function tokenInfo(raw: string, stop: Set<string>): TokenInfo | null {
  let info = tokenCache.get(raw);
  if (info === undefined) {
    const word = TRAILING.test(raw) ? raw.replace(TRAILING, '') : raw;
    if (!word) info = null;
    else {
      const lower = word.toLowerCase().replace(/’/g, "'");
      const code = word.charCodeAt(0);
      info = {
        word,
        lower,
        stem: stem(lower.replace(/'s$/, '')),
        flags: wordFlags(lower, stop),
        upper: code < 128 ? code >= 65 && code <= 90 : /^\p{Lu}/u.test(word),
        possessive: /['’]s$/.test(word),
        of: lower === 'of',
        weak: /(?:ing|ed|ly)$/.test(lower) && lower.length > 3 && !/(?:thing|ling|ring|ding|ceed|eed|ped)$/.test(lower),
      };
    }
    if (tokenCache.size > 100_000) tokenCache.clear();
    tokenCache.set(raw, info);
  }
  return info;
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
  let best = '';
  let count = -1;
  for (const [form, n] of c.forms) {
    // Names keep their capitals: `CNN`, not `cnn`.
    const weight = c.proper && /^\p{Lu}/u.test(form) ? n + 0.5 : n;
    if (weight > count || (weight === count && form < best)) (best = form, count = weight);
  }
  return best;
}
