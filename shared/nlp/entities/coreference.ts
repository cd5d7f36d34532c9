/**
 * One entity per referent within an article: the mentions the tagger found, grouped by what they
 * name rather than by how each is written or typed. `Barack Obama`, `Obama` and `President
 * Obama` are one person; `IS` joins the `Islamic State` the article spells out; a name the tagger
 * typed two ways is one entity of the type most of its mentions carry.
 */
import type { EntityType } from '../types.ts';
import type { TypedMention } from './dates.ts';
import { EXTERNAL } from './features.ts';
import { normalize } from './tokenize.ts';

/** What the tagger's outside word list says a name is (a bit mask of EXTERNAL classes; 0: nothing). */
export type NameKnowledge = (key: string) => number;

const bits = (...classes: (typeof EXTERNAL)[number][]) => classes.reduce((mask, c) => mask | (1 << EXTERNAL.indexOf(c)), 0);
const PLACE = bits('LOC', 'CTRY', 'CITY', 'RGN');
const ORGANIZATION = bits('ORG', 'CO', 'PTY', 'SPT', 'EDU', 'MED', 'GOV');
const FAMILY_NAME = bits('LN');

export interface Group {
  type: EntityType;
  key: string;
  words: string[];
  mentions: TypedMention[];
}

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

/** Groups the mentions of an article into referents. */
export function groupMentions(mentions: TypedMention[], knowledge: NameKnowledge = () => 0): Group[] {
  const groups = groupBySpelling(mentions);
  const merged = new Set<Group>();
  mergeAcrossTypes(groups, merged);
  joinShortNames(groups, merged, knowledge);
  joinAcronyms(groups, merged);
  return groups.filter((g) => !merged.has(g));
}

/** Same key and type: `France` three times is one group, `FRANCE` in the headline included. */
function groupBySpelling(mentions: TypedMention[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const m of mentions) {
    const key = nameKey(m.text);
    const id = `${m.type}\u0000${key}`;
    const group = byKey.get(id);
    if (group) group.mentions.push(m);
    else byKey.set(id, { type: m.type, key, words: key.split(' '), mentions: [m] });
  }
  return [...byKey.values()];
}

/**
 * A name the tagger typed differently in places (`Reeves` a location here, an organization there)
 * is one referent when one type carries at least twice the mentions of the others together; it
 * takes that type. Otherwise the groups stay apart: two referents may share a name (`Italy` the
 * team and `Italy` the country in one sports report).
 */
function mergeAcrossTypes(groups: Group[], merged: Set<Group>): void {
  const byKey = new Map<string, Group[]>();
  for (const g of groups) {
    if (!NAME_TYPES.has(g.type)) continue;
    const list = byKey.get(g.key);
    if (list) list.push(g);
    else byKey.set(g.key, [g]);
  }
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    const total = list.reduce((n, g) => n + g.mentions.length, 0);
    const leader = list.reduce((best, g) => (g.mentions.length > best.mentions.length ? g : best));
    if (leader.mentions.length * 3 < total * 2) continue;
    for (const g of list) if (g !== leader) absorb(leader, g, merged);
  }
}

/**
 * A person's shorter name (`Obama`, `Le Drian`) joins the one longer person name it ends or
 * starts (`Barack Obama`), whatever type the tagger gave the short one, when that is unambiguous:
 * `Williams` beside both `Venus Williams` and `Serena Williams` stays on its own.
 */
function joinShortNames(groups: Group[], merged: Set<Group>, knowledge: NameKnowledge): void {
  const people = groups.filter((g) => g.type === 'PERSON' && !merged.has(g)).sort((a, b) => b.words.length - a.words.length);
  // a host ends with the short name's last word or starts with its first: look only at those
  const byEdgeWord = new Map<string, Group[]>();
  const index = (word: string, g: Group) => (byEdgeWord.get(word) ?? byEdgeWord.set(word, []).get(word)!).push(g);
  for (const g of people) {
    if (g.words.length < 2) continue;
    index(g.words[0], g);
    if (g.words[g.words.length - 1] !== g.words[0]) index(g.words[g.words.length - 1], g);
  }
  const shorts = groups.filter((g) => NAME_TYPES.has(g.type) && !merged.has(g)).sort((a, b) => b.words.length - a.words.length);
  for (const short of shorts) {
    const candidates = new Set([...(byEdgeWord.get(short.words[0]) ?? []), ...(byEdgeWord.get(short.words[short.words.length - 1]) ?? [])]);
    const hosts = [...candidates].filter((long) => long !== short && !merged.has(long) && long.words.length > short.words.length && partOf(short.words, long.words));
    if (hosts.length !== 1) continue;
    if (short.type !== 'PERSON' && !mayBeThePerson(short, hosts[0], knowledge(short.key))) continue;
    absorb(hosts[0], short, merged);
  }
}

/**
 * Whether a short name the tagger typed otherwise names the person it is part of: not when the
 * outside word list knows it as an organization or a place (`Washington` beside `Denzel
 * Washington`), unless it knows it as a family name too and the person is not outnumbered by it;
 * otherwise, for a name typed as an organization (the tagger's usual slip on a surname it never
 * saw), yes; for one typed as a place, when the person is not outnumbered by it.
 */
function mayBeThePerson(short: Group, person: Group, classes: number): boolean {
  const outnumbered = short.mentions.length > person.mentions.length + 1;
  if (classes & (PLACE | ORGANIZATION)) return (classes & FAMILY_NAME) !== 0 && !outnumbered;
  if (classes & FAMILY_NAME) return true;
  return short.type === 'ORGANIZATION' || !outnumbered;
}

function partOf(short: string[], long: string[]): boolean {
  const n = short.length;
  const suffix = short.every((w, i) => long[long.length - n + i] === w);
  const prefix = n === 1 && long.length > 1 ? false : short.every((w, i) => long[i] === w);
  // `Drian` of `Jean-Yves Le Drian`, `Smith` of `John Smith`
  return suffix || prefix;
}

/** Words an acronym leaves out (`UN` for `United Nations`, `FBI` for `Federal Bureau of Investigation`). */
const ACRONYM_SKIPS = new Set(['of', 'the', 'and', 'for', 'on', 'in', '&', 'de', 'du', 'des', 'la', 'le', 'et']);

/**
 * An acronym (`IS`, `U.S.`, `EU`) joins the one longer name of the article whose initials it spells
 * (`Islamic State`, `United States`, `European Union`), and takes its type.
 */
function joinAcronyms(groups: Group[], merged: Set<Group>): void {
  const byInitials = new Map<string, Group[]>();
  for (const g of groups) {
    if (merged.has(g) || !NAME_TYPES.has(g.type) || g.words.length < 2) continue;
    const initials = g.words
      .filter((w) => !ACRONYM_SKIPS.has(w))
      .map((w) => w[0])
      .join('');
    if (initials.length < 2) continue;
    const list = byInitials.get(initials);
    if (list) list.push(g);
    else byInitials.set(initials, [g]);
  }
  for (const g of groups) {
    if (merged.has(g) || !NAME_TYPES.has(g.type) || g.words.length !== 1) continue;
    const letters = acronymLetters(g.mentions[0].text);
    const hosts = letters ? byInitials.get(letters) : undefined;
    if (hosts?.length === 1 && !merged.has(hosts[0])) absorb(hosts[0], g, merged);
  }
}

/** `U.S.` -> `us`, `EU` -> `eu`; null for anything that is not an acronym of 2 to 6 capitals. */
function acronymLetters(text: string): string | null {
  const letters = text.replace(/\./g, '');
  return /^\p{Lu}{2,6}$/u.test(letters) ? letters.toLowerCase() : null;
}

/** Moves the mentions of `other` into `host` (one at a time: a spread of many overflows the stack). */
function absorb(host: Group, other: Group, merged: Set<Group>): void {
  for (const m of other.mentions) host.mentions.push(m);
  merged.add(other);
}
