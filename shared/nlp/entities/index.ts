import type { Entity, EntityType, Sentence } from '../types.ts';
import { findDatesAndQuantities, type TypedMention } from './dates.ts';
import { NTAGS, plurality } from './features.ts';
import { groupMentions } from './coreference.ts';
import { toEntities } from './group.ts';
import { tagDocument } from './inference.ts';
import { knownNames, type KnownType } from './known-names.ts';
import { loadModel, tagType } from './model.ts';
import { OPENERS, tokenize, type Tokens } from './tokenize.ts';

export interface EntityOptions {
  title?: string | null;
  /** The summary sentences, which raise the salience of the entities they mention. */
  summary?: Sentence[];
}

const NAME_TYPE: Record<string, EntityType> = { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION' };

const EVENT_WORDS =
  /\b(?:Cups?|Championships?|Open|Olympics?|Olympiad|Games|War|Wars|Grand Prix|Prix|Tour|Festival|Rally|Marathon|Classic|Trophy|Masters|Series|Summit|Conference|Elections?|Derby|Expo|Awards?|Revolution|Crisis|Congress|Week|Day|Final|Finals|Tournament|Invitational|Race|Jubilee|Massacre|Uprising)$/;

/** The CoNLL MISC class, split: events, products, quoted titles, and the rest (nationalities, ...) as OTHER. */
export function miscType(name: string, text: string, begin: number): EntityType {
  if (EVENT_WORDS.test(name) || /\b(?:World|European|Olympic) /.test(name) && /\s/.test(name)) return 'EVENT';
  const before = text.slice(Math.max(0, begin - 1), begin);
  if (/["“‘']/.test(before) && /\s/.test(name)) return 'TITLE';
  if (/\p{L}/u.test(name) && /\d/.test(name)) return 'COMMERCIAL_ITEM';
  return 'OTHER';
}

const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'della', 'la', 'le', 'bin', 'ibn', 'al', 'dos', 'das', 'ter', 'zu']);
const B_PER = 1;
const I_PER = 2;

/** `Ursula von der Leyen`: a person's name goes on across lower-case particles to a capitalized word (tokens `from` up to `to`). */
function joinParticles(norms: string[], tags: Int32Array, from: number, to: number): void {
  for (let t = from + 1; t < to; t++) {
    if (tags[t] !== 0 || !PARTICLES.has(norms[t]) || (tags[t - 1] !== B_PER && tags[t - 1] !== I_PER)) continue;
    let k = t;
    while (k < to && PARTICLES.has(norms[k]) && tags[k] === 0) k++;
    if (k >= to || k - t > 3 || !/^\p{Lu}\p{Ll}/u.test(norms[k])) continue;
    if (tags[k] !== 0 && tags[k] !== B_PER) continue;
    for (let j = t; j <= k; j++) tags[j] = I_PER;
  }
}

const PERSON_TITLES = new Set(
  ('minister president chancellor premier senator governor mayor mr mr. mrs mrs. ms ms. dr dr. sir pope ' +
    'secretary ambassador envoy spokesman spokeswoman chairman chairwoman coach striker midfielder goalkeeper ' +
    'sheikh ayatollah archbishop cardinal colonel col. lieutenant lt. sergeant sgt. commander admiral general gen.').split(' '),
);

const MISTER = new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.']);

/** Honorifics: never part of a person's name (CoNLL and the news guidelines leave them out). */
const HONORIFICS = new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'miss', 'mx', 'dr', 'dr.', 'sir', 'dame', 'lord', 'lady', 'prof', 'prof.']);

/** False when `word` cannot start with an upper-case letter: its first code is ASCII and not A-Z. */
function mayBeCapitalized(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 128 || (c >= 65 && c <= 90);
}

/**
 * `Foreign Minister Jean-Yves Le Drian`, `coach Bobby Robson`: a name right after a person's title
 * is a person, whatever type the tagger gave it; an untagged capitalized word before it joins it.
 * Returns the lower-cased names so retyped, so that their other mentions follow.
 */
function titledPeople(tokens: Tokens, from: number, to: number, tags: Int32Array, retyped: Set<string>): void {
  const { norms, records } = tokens;
  const capitalized = (w: string) => /^\p{Lu}\p{Ll}/u.test(w);
  for (let i = from; i + 1 < to; i++) {
    // the name must start with a capital: a test of one code before the title lookup (a plain
    // word's record has it lower-cased already)
    if (tags[i] !== 0 || !mayBeCapitalized(norms[i + 1]) || !PERSON_TITLES.has(records[i]?.lower ?? norms[i].toLowerCase())) continue;
    const start = i + 1;
    if (norms[start].toLowerCase().split('-').some((part) => PERSON_TITLES.has(part))) continue;
    // the run of name words: tagged ones, and untagged capitalized words or particles inside it
    let end = start;
    while (end < to && end - start < 5) {
      const tagged = tags[end] !== 0;
      const nextTagged = end + 1 < to && tags[end + 1] !== 0;
      if (tagged || ((capitalized(norms[end]) || PARTICLES.has(norms[end])) && nextTagged)) end++;
      else break;
    }
    if (end === start || !capitalized(norms[start])) continue;
    let alreadyOnePerson = tags[start] === B_PER;
    for (let k = start + 1; k < end; k++) if (tags[k] !== I_PER) alreadyOnePerson = false;
    if (alreadyOnePerson) {
      i = end - 1;
      continue;
    }
    for (let k = start; k < end; k++) tags[k] = k === start ? B_PER : I_PER;
    retyped.add(norms.slice(start, end).join(' ').toLowerCase());
    for (let k = start + 1; k < end; k++) retyped.add(norms.slice(k, end).join(' ').toLowerCase());
    i = end - 1;
  }
}

/**
 * Words that open a sentence as a conjunction or a linking adverb and begin no name. Written with a
 * capital there, the tagger can read one as a name's first word (`Although France has sanctions`).
 */
const LINKING_OPENERS = new Set(
  ('although though however but and or nor while whilst whereas because since despite meanwhile yet unless until ' +
    'moreover furthermore nevertheless nonetheless instead indeed perhaps thus hence therefore ' +
    'overall unfortunately fortunately luckily sadly thankfully hopefully ultimately eventually finally initially ' +
    'additionally similarly likewise otherwise consequently accordingly notably interestingly surprisingly ' +
    'apparently obviously clearly actually currently recently previously meanwhile afterwards').split(' '),
);

/**
 * A sentence's first word (after an opening quote or bracket) when it is a capitalized linking word,
 * taken out of the name it begins. Returns the token that now begins the name, or -1.
 */
function dropLinkingOpener(norms: string[], tags: Int32Array, from: number, to: number): number {
  let t = from;
  while (t < to && norms[t].length === 1 && OPENERS.test(norms[t])) t++;
  const tag = tags[t];
  if (t >= to || tag === 0 || tag % 2 === 0 || !/^\p{Lu}\p{Ll}+$/u.test(norms[t]) || !LINKING_OPENERS.has(norms[t].toLowerCase())) return -1;
  tags[t] = 0;
  if (t + 1 >= to || tags[t + 1] !== tag + 1) return -1;
  tags[t + 1] = tag;
  return t + 1;
}

/** Whether the name tagged at token `t` is that one word. */
const oneWordName = (tags: Int32Array, t: number) => tags[t] % 2 === 1 && tags[t + 1] !== tags[t] + 1;

/**
 * The type of the one-word names left by dropLinkingOpener (tokens `left`): the tagger typed each as
 * part of a longer name (`Although France` as an organization), so it takes the type the document
 * gives the same word standing alone elsewhere, the most frequent one, when there is one.
 */
function retypeAsElsewhere(norms: string[], tags: Int32Array, left: number[]): void {
  const alone = left.filter((t) => oneWordName(tags, t));
  if (!alone.length) return;
  const votes = new Map(alone.map((t) => [norms[t], new Int32Array(NTAGS)]));
  const leftSet = new Set(alone);
  for (let u = 0; u < norms.length; u++) {
    const byTag = votes.get(norms[u]);
    if (byTag && !leftSet.has(u) && oneWordName(tags, u)) byTag[tags[u]]++;
  }
  for (const t of alone) {
    const best = plurality(votes.get(norms[t])!);
    if (best > 0) tags[t] = best;
  }
}

const B_OF: Record<KnownType, number> = { PER: 1, ORG: 3, LOC: 5 };

/**
 * Names of the curated list in a sentence (tokens `from` up to `to`), written as listed: one the
 * tagger tagged as a whole takes the list's type, one it left untagged is tagged. A name the
 * tagger took into a longer one, or cut, is left as it is.
 */
function applyKnownNames(norms: string[], tags: Int32Array, from: number, to: number, known: ReturnType<typeof knownNames>): void {
  for (let t = from; t < to; t++) {
    if (!known.firstTokens.has(norms[t])) continue;
    for (let n = Math.min(known.maxTokens, to - t); n >= 1; n--) {
      const name = known.byName.get(n === 1 ? norms[t] : norms.slice(t, t + n).join(' '));
      if (!name) continue;
      const end = t + n;
      const untagged = tags.subarray(t, end).every((tag) => tag === 0);
      const whole = tags[t] % 2 === 1 && tags.subarray(t + 1, end).every((tag) => tag === tags[t] + 1) && !(end < to && tags[end] === tags[t] + 1);
      const inside = t > from && tags[t] !== 0 && tags[t] % 2 === 0;
      if ((untagged && !(end < to && tags[end] !== 0 && tags[end] % 2 === 0)) || (whole && !inside)) {
        const b = B_OF[name.type];
        for (let k = t; k < end; k++) tags[k] = k === t ? b : b + 1;
      }
      t = end - 1;
      break;
    }
  }
}

/** Typed name mentions found by the tagger. */
export function tagMentions(text: string): TypedMention[] {
  const tokens = tokenize(text);
  const { starts, begins, ends } = tokens;
  const { tags, caps } = tagDocument(tokens);
  const retyped = new Set<string>();
  const leftOver: number[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    // not in headlines, where a title word is as often a verb (`TO COACH NICE`)
    if (!caps[k]) titledPeople(tokens, starts[k], starts[k + 1], tags, retyped);
    joinParticles(tokens.norms, tags, starts[k], starts[k + 1]);
    const left = caps[k] ? -1 : dropLinkingOpener(tokens.norms, tags, starts[k], starts[k + 1]);
    if (left >= 0) leftOver.push(left);
  }
  retypeAsElsewhere(tokens.norms, tags, leftOver);
  const known = knownNames((name) => tokenize(name).norms);
  for (let k = 0; k + 1 < starts.length; k++) if (!caps[k]) applyKnownNames(tokens.norms, tags, starts[k], starts[k + 1], known);
  const out: TypedMention[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    // a mention: tokens `start` up to `endToken` (exclusive) of this sentence
    let start = -1;
    let type: string | null = null;
    const close = (endToken: number) => {
      if (start < 0 || !type) return;
      // a person's name, without the honorific the tagger took in (`Mr Kennedy` -> `Kennedy`); after
      // Mr, Mrs or Ms, a person whatever the type the tagger gave (`Lord's` may be a ground)
      const first = tokens.norms[start].toLowerCase();
      if (endToken - start > 1 && (MISTER.has(first) || (type === 'PER' && HONORIFICS.has(first)))) {
        start++;
        type = 'PER';
      }
      // a title alone (`Lt.` before `Col. Alexander Vindman`) names nobody
      if (endToken - start === 1 && PERSON_TITLES.has(tokens.norms[start].toLowerCase())) {
        start = -1;
        return;
      }
      const begin = begins[start];
      const end = ends[endToken - 1];
      const mentionText = text.slice(begin, end);
      const mapped = NAME_TYPE[type] ?? miscType(mentionText, text, begin);
      out.push({ type: mapped, text: mentionText, begin, end });
      start = -1;
      type = null;
    };
    for (let t = starts[k]; t < starts[k + 1]; t++) {
      const tag = tags[t];
      const ty = tagType(tag);
      if (!ty || tag % 2 === 1 || ty !== type) close(t);
      if (ty && (tag % 2 === 1 || start < 0)) {
        start = t;
        type = ty;
      }
    }
    close(starts[k + 1]);
  }
  if (retyped.size) {
    for (const m of out) {
      if (m.type === 'ORGANIZATION' || m.type === 'LOCATION' || m.type === 'OTHER') {
        const key = m.text.toLowerCase().replace(/\s+/g, ' ');
        if (retyped.has(key)) m.type = 'PERSON';
      }
    }
  }
  return out;
}

/**
 * Whether `m` overlaps one of `spans`, which are in text order and do not overlap each other (the
 * tagger's mentions): a binary search for the first span ending after `m` begins.
 */
function overlapsAny(spans: TypedMention[], m: { begin: number; end: number }): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end > m.begin) hi = mid;
    else lo = mid + 1;
  }
  return lo < spans.length && spans[lo].begin < m.end;
}

/**
 * Past this length a text is tagged a piece at a time, each cut at a line break (or a space): the
 * tagger's per-document tables grow with the distinct words of what it tags, and a text of
 * hundreds of thousands of distinct words would take gigabytes in one go. No news story is this
 * long; the pieces of a longer upload are tagged as documents of their own.
 */
const MAX_PIECE = 200_000;

/** The name mentions of `text`, tagged in pieces of at most MAX_PIECE characters. */
function tagPieces(text: string): TypedMention[] {
  if (text.length <= MAX_PIECE) return tagMentions(text);
  const mentions: TypedMention[] = [];
  for (let begin = 0; begin < text.length; ) {
    const end = pieceEnd(text, begin);
    for (const m of tagMentions(text.slice(begin, end))) mentions.push({ ...m, begin: m.begin + begin, end: m.end + begin });
    begin = end;
  }
  return mentions;
}

/** Where the piece from `begin` ends: after the last line break in reach, else the last space, else at the limit. */
function pieceEnd(text: string, begin: number): number {
  const limit = begin + MAX_PIECE;
  if (limit >= text.length) return text.length;
  const line = text.lastIndexOf('\n', limit);
  if (line > begin + MAX_PIECE / 2) return line + 1;
  const space = text.lastIndexOf(' ', limit);
  return space > begin + MAX_PIECE / 2 ? space + 1 : limit;
}

/** The longest mention kept, in characters: the longest names of organizations run to about 80. */
const MAX_MENTION = 150;

/**
 * Finds typed named entities, grouped by referent and ordered by salience.
 * PERSON, ORGANIZATION, LOCATION and the MISC-derived types come from a trained tagger (see
 * docs/entities.md); DATE and QUANTITY from rules.
 */
export function extractEntities(text: string, options: EntityOptions = {}): Entity[] {
  if (!text.trim()) return [];
  // a "name" longer than this is a run of capitalized words with no name in it (a table, a list of
  // headlines), and quoting it would fill the record
  const names = tagPieces(text).filter((m) => m.end - m.begin <= MAX_MENTION);
  const extra = findDatesAndQuantities(text).filter((m) => !overlapsAny(names, m));
  const { external } = loadModel().resources;
  const groups = groupMentions([...names, ...extra], (key) => external.get(key) ?? 0);
  const known = knownNames((name) => tokenize(name).norms);
  const canonicalOf = (name: string) => known.byName.get(tokenize(name).norms.join(' '))?.canonical;
  return toEntities(groups, { textLength: text.length, title: options.title, summary: options.summary, canonicalOf });
}
