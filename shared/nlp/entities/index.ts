import type { Entity, Sentence } from '../types.ts';

export interface EntityOptions {
  title?: string | null;
  /** The summary sentences, which raise the salience of the entities they mention. */
  summary?: Sentence[];
}

/**
 * Finds typed named entities, grouped by referent and ordered by salience.
 * Interim implementation (issue 3 replaces it): runs of capitalized words inside sentences, typed OTHER.
 */
export function extractEntities(text: string, _options: EntityOptions = {}): Entity[] {
  const groups = new Map<string, Entity>();
  for (const match of text.matchAll(/(?<=[a-z,;] )[A-Z][a-z]+(?: [A-Z][a-z]+)*/g)) {
    const begin = match.index ?? 0;
    const mention = { text: match[0], begin, end: begin + match[0].length };
    const entity = groups.get(match[0]) ?? { name: match[0], type: 'OTHER' as const, salience: 0, mentions: [] };
    entity.mentions.push(mention);
    groups.set(match[0], entity);
  }
  const total = [...groups.values()].reduce((n, e) => n + e.mentions.length, 0) || 1;
  return [...groups.values()]
    .map((e) => ({ ...e, salience: Number((e.mentions.length / total).toFixed(4)) }))
    .sort((a, b) => b.salience - a.salience);
}
