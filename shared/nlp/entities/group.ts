/** Entities from the groups of mentions (coreference.ts): display names and salience. */
import type { Entity, EntityType, Sentence } from '../types.ts';
import { nameKey, type Group } from './coreference.ts';
import type { TypedMention } from './dates.ts';
import { normalize } from './tokenize.ts';

const NAME_TYPES = new Set<EntityType>(['PERSON', 'ORGANIZATION', 'LOCATION']);

/** The display name: the longest mention, preferring one that is not written all in capitals. */
function displayName(group: Group): string {
  let best = group.mentions[0];
  const score = (m: TypedMention) => m.text.length + (/\p{Ll}/u.test(m.text) ? 1000 : 0);
  for (const m of group.mentions) if (score(m) > score(best)) best = m;
  return displayForm(best.text);
}

export interface SalienceContext {
  textLength: number;
  title?: string | null;
  summary?: Sentence[];
  /** The name a referent goes by when a name is known as a short form of it (`Trump` -> `Donald Trump`). */
  canonicalOf?: (name: string) => string | undefined;
}

/** The most aliases an entity lists (its names in the article, surname, known full name). */
const MAX_ALIASES = 8;
const PARTICLE = /^(?:van|von|de|der|den|da|di|du|del|della|la|le|bin|ibn|al|dos|das)$/i;

/**
 * The other names of an entity, besides `name`: how the article writes it (`Obama`, `U.S.`), a
 * person's surname (`Obama` of `Barack Obama`), and the full name a short form is known by
 * (`Donald Trump` for `Trump`). Search by any of them finds the article.
 */
function aliasesOf(group: Group, name: string, canonicalOf: SalienceContext['canonicalOf']): string[] {
  const seen = new Set([name.toLowerCase()]);
  const out: string[] = [];
  const add = (alias: string | undefined) => {
    const key = alias?.toLowerCase();
    if (!alias || !key || seen.has(key) || out.length >= MAX_ALIASES) return;
    seen.add(key);
    out.push(alias);
  };
  const forms = group.mentions.map((m) => displayForm(m.text)).filter((f) => /\p{Ll}/u.test(f) || !/\p{L}{4}/u.test(f));
  for (const form of forms) add(form);
  if (group.type === 'PERSON') {
    const words = name.split(' ');
    if (words.length > 1 && !PARTICLE.test(words[words.length - 2])) add(words[words.length - 1]);
  }
  if (canonicalOf) for (const form of [name, ...forms]) add(canonicalOf(form));
  return out;
}

/** A mention as a name: plain quotes, single spaces, no possessive. */
function displayForm(text: string): string {
  return normalize(text).replace(/\s+/g, ' ').replace(/\s?'s$/i, '').trim();
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
    if (title && g.mentions.some((m) => containsWords(title, nameKey(m.text)))) s += 2;
    if (!NAME_TYPES.has(g.type) && g.type !== 'EVENT' && g.type !== 'OTHER') s *= 0.5;
    return { group: g, s, first: firstBegin(g.mentions) };
  });
  const total = raw.reduce((a, r) => a + r.s, 0) || 1;
  return raw
    .sort((a, b) => b.s - a.s || a.first - b.first)
    .map(({ group, s }) => {
      const name = displayName(group);
      const aliases = NAME_TYPES.has(group.type) ? aliasesOf(group, name, context.canonicalOf) : [];
      return {
        name,
        type: group.type,
        salience: Number((s / total).toFixed(4)),
        ...(aliases.length ? { aliases } : {}),
        mentions: group.mentions
          .sort((a, b) => a.begin - b.begin)
          .map((m) => ({ text: m.text, begin: m.begin, end: m.end })),
      };
    });
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
