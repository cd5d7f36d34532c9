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
