/** Grouping mentions into entities, and salience. */
import type { Entity, EntityType, Sentence } from '../types.ts';
import type { TypedMention } from './dates.ts';
import { normalize } from './tokenize.ts';

const NAME_TYPES = new Set<EntityType>(['PERSON', 'ORGANIZATION', 'LOCATION']);

/** The comparison key of a mention: plain quotes, no possessive, single spaces, lower case. */
export function nameKey(text: string): string {
  return normalize(text)
    .replace(/\s+/g, ' ')
    .replace(/\s?'s$/i, '')
    .replace(/^the /i, '')
    .toLowerCase()
    .trim();
}

interface Group {
  type: EntityType;
  key: string;
  words: string[];
  mentions: TypedMention[];
}

/**
 * Groups mentions: same key and type (the tagger's second pass already makes a document's tags of
 * one name agree; forcing a single type per name measured worse on CoNLL dev); a person's shorter name (`Le Drian`, `Simmons`) joins
 * the full name it ends or starts (`Jean-Yves Le Drian`) when that is unambiguous.
 */
export function groupMentions(mentions: TypedMention[]): Group[] {
  const byKey = new Map<string, TypedMention[]>();
  for (const m of mentions) {
    const key = `${m.type}\u0000${nameKey(m.text)}`;
    const list = byKey.get(key);
    if (list) list.push(m);
    else byKey.set(key, [m]);
  }
  const groups: Group[] = [];
  for (const [k, list] of byKey) {
    const key = k.split('\u0000')[1];
    groups.push({ type: list[0].type, key, words: key.split(' '), mentions: list });
  }
  // Short person names join the one longer person name they are part of.
  const people = groups.filter((g) => g.type === 'PERSON').sort((a, b) => b.words.length - a.words.length);
  // a host ends with the short name's last word or starts with its first: look only at those
  const byEdgeWord = new Map<string, Group[]>();
  const index = (word: string, g: Group) => (byEdgeWord.get(word) ?? byEdgeWord.set(word, []).get(word)!).push(g);
  for (const g of people) {
    index(g.words[0], g);
    if (g.words.length > 1 && g.words[g.words.length - 1] !== g.words[0]) index(g.words[g.words.length - 1], g);
  }
  const merged = new Set<Group>();
  for (const short of people) {
    const candidates = new Set([...(byEdgeWord.get(short.words[0]) ?? []), ...(byEdgeWord.get(short.words[short.words.length - 1]) ?? [])]);
    const hosts = [...candidates].filter((long) => long !== short && !merged.has(long) && long.words.length > short.words.length && partOf(short.words, long.words));
    // `Williams` with both `Venus Williams` and `Serena Williams` in the text stays on its own
    if (hosts.length !== 1) continue;
    const host = hosts[0];
    // one at a time: spreading a hundred thousand mentions into push() overflows the stack
    for (const m of short.mentions) host.mentions.push(m);
    merged.add(short);
  }
  // ORGANIZATION / LOCATION mentions that are the very same name as a person's short name stay apart.
  return groups.filter((g) => !merged.has(g));
}

function partOf(short: string[], long: string[]): boolean {
  const n = short.length;
  const suffix = short.every((w, i) => long[long.length - n + i] === w);
  const prefix = n === 1 && long.length > 1 ? false : short.every((w, i) => long[i] === w);
  // `Drian` of `Jean-Yves Le Drian`, `Smith` of `John Smith`
  return suffix || prefix;
}

/** The display name: the longest mention, preferring one that is not written all in capitals. */
function displayName(group: Group): string {
  let best = group.mentions[0];
  const score = (m: TypedMention) => m.text.length + (/\p{Ll}/u.test(m.text) ? 1000 : 0);
  for (const m of group.mentions) if (score(m) > score(best)) best = m;
  return normalize(best.text).replace(/\s+/g, ' ').replace(/\s?'s$/i, '').trim();
}

export interface SalienceContext {
  textLength: number;
  title?: string | null;
  summary?: Sentence[];
}

/**
 * Salience in 0..1, summing to 1 over the entities: each mention counts, earlier ones more; a name in
 * the title or the summary counts extra. Dates and quantities weigh less than names.
 */
export function toEntities(groups: Group[], context: SalienceContext): Entity[] {
  const title = context.title ? nameKey(context.title) : '';
  const summary = context.summary ?? [];
  const length = Math.max(1, context.textLength);
  const raw = groups.map((g) => {
    let s = 0;
    for (const m of g.mentions) {
      s += 1 + 0.75 * (1 - m.begin / length);
      if (summary.some((sentence) => m.begin >= sentence.begin && m.end <= sentence.end)) s += 0.5;
    }
    if (title && containsWords(title, g.key)) s += 2;
    if (!NAME_TYPES.has(g.type) && g.type !== 'EVENT' && g.type !== 'OTHER') s *= 0.5;
    return { group: g, s, first: firstBegin(g.mentions) };
  });
  const total = raw.reduce((a, r) => a + r.s, 0) || 1;
  return raw
    .sort((a, b) => b.s - a.s || a.first - b.first)
    .map(({ group, s }) => ({
      name: displayName(group),
      type: group.type,
      salience: Number((s / total).toFixed(4)),
      mentions: group.mentions
        .sort((a, b) => a.begin - b.begin)
        .map((m) => ({ text: m.text, begin: m.begin, end: m.end })),
    }));
}

/** The earliest offset of the mentions (a loop: `Math.min(...)` overflows the stack on a long list). */
function firstBegin(mentions: TypedMention[]): number {
  let first = Infinity;
  for (const m of mentions) if (m.begin < first) first = m.begin;
  return first;
}

function containsWords(haystack: string, needle: string): boolean {
  if (!needle) return false;
  const i = haystack.indexOf(needle);
  if (i < 0) return false;
  const before = i === 0 ? ' ' : haystack[i - 1];
  const after = haystack[i + needle.length] ?? ' ';
  return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
}
