import { describe, expect, it } from 'vitest';
import { findDatesAndQuantities } from '../../shared/nlp/entities/dates.ts';
import { groupMentions } from '../../shared/nlp/entities/coreference.ts';
import { toEntities } from '../../shared/nlp/entities/group.ts';
import { extractEntities, miscType } from '../../shared/nlp/entities/index.ts';
import { tokenize } from '../../shared/nlp/entities/tokenize.ts';
import type { Entity } from '../../shared/nlp/types.ts';

// Sample texts written for these tests (no evaluation data).
const STORY = [
  'Harbour talks stall as France and Norway trade blame',
  'PARIS – French Foreign Minister Jean-Yves Le Drian said on Tuesday that France would not sign the fishing accord.',
  '“We will not give in,” Le Drian told reporters at the Élysée after meeting Norway’s prime minister, Jonas Gahr Støre.',
  'France and Norway have argued over the quotas since March 2019, when the European Commission cut the cod catch by 12%.',
].join('\n');

function find(entities: Entity[], name: string): Entity | undefined {
  return entities.find((e) => e.name === name);
}

describe('extractEntities', () => {
  it('gives mention offsets that always index the input text', () => {
    const entities = extractEntities(STORY, {});

    expect(entities.length).toBeGreaterThan(3);
    for (const entity of entities) {
      for (const mention of entity.mentions) expect(STORY.slice(mention.begin, mention.end)).toBe(mention.text);
    }
  });

  it('groups repeated names into one entity with all their mentions', () => {
    const entities = extractEntities(STORY, {});

    const france = find(entities, 'France');
    expect(france?.type).toBe('LOCATION');
    expect(france?.mentions).toHaveLength(3);
  });

  it('groups a titled full name with its later short form as one person', () => {
    const entities = extractEntities(STORY, {});

    const minister = find(entities, 'Jean-Yves Le Drian');
    expect(minister?.type).toBe('PERSON');
    expect(minister?.mentions.map((m) => m.text)).toEqual(['Jean-Yves Le Drian', 'Le Drian']);
  });

  it('finds an all-caps dateline as a location', () => {
    const entities = extractEntities(STORY, {});

    const paris = entities.find((e) => e.mentions.some((m) => m.text === 'PARIS'));
    expect(paris?.type).toBe('LOCATION');
    expect(paris?.mentions[0].begin).toBe(STORY.indexOf('PARIS'));
  });

  it('leaves a sentence-opening linking word out of the name after it, which takes its type from the rest of the text', () => {
    const text = [
      'France and Norway met in Oslo on Monday to talk about fish.',
      'Although France has sanctions against Russia, it has continued to talk to Moscow.',
      'France said so again on Tuesday. Furthermore Smith said the plan was sound.',
    ].join('\n\n');

    const entities = extractEntities(text, {});

    expect(entities.filter((e) => /^(?:Although|Furthermore)\b/.test(e.name))).toEqual([]);
    expect(find(entities, 'France')?.type).toBe('LOCATION');
    expect(find(entities, 'France')?.mentions.map((m) => m.begin)).toContain(text.indexOf('France has'));
    expect(find(entities, 'Smith')?.type).toBe('PERSON');
  });

  it('keeps a curly possessive out of the name', () => {
    const text = 'Macron’s plan was praised by Angela Merkel, and Merkel’s aides said so on Friday.';

    const entities = extractEntities(text, {});

    const merkel = find(entities, 'Angela Merkel');
    expect(merkel?.type).toBe('PERSON');
    expect(merkel?.mentions.map((m) => m.text)).toEqual(['Angela Merkel', 'Merkel']);
    expect(entities.flatMap((e) => e.mentions).some((m) => m.text.includes('’s'))).toBe(false);
  });

  it('types people, organizations and places', () => {
    const text = 'Satya Nadella, the chief executive of Microsoft, visited Nairobi and Lagos last week.';

    const entities = extractEntities(text, {});

    expect(find(entities, 'Satya Nadella')?.type).toBe('PERSON');
    expect(find(entities, 'Microsoft')?.type).toBe('ORGANIZATION');
    expect(find(entities, 'Nairobi')?.type).toBe('LOCATION');
    expect(find(entities, 'Lagos')?.type).toBe('LOCATION');
  });

  it('orders entities by salience in 0..1, the title counting extra', () => {
    const title = 'Harbour talks stall as France and Norway trade blame';

    const entities = extractEntities(STORY, { title });

    for (const e of entities) {
      expect(e.salience).toBeGreaterThanOrEqual(0);
      expect(e.salience).toBeLessThanOrEqual(1);
    }
    const saliences = entities.map((e) => e.salience);
    expect(saliences).toEqual([...saliences].sort((a, b) => b - a));
    expect(entities[0].name).toBe('France');
  });

  it('finds dates and quantities', () => {
    const entities = extractEntities(STORY, {});

    expect(entities.find((e) => e.type === 'DATE' && e.name === 'March 2019')).toBeDefined();
    expect(entities.find((e) => e.type === 'DATE' && e.name === 'Tuesday')).toBeDefined();
    expect(entities.find((e) => e.type === 'QUANTITY' && e.name === '12%')).toBeDefined();
  });

  it('returns nothing for empty text', () => {
    expect(extractEntities('   \n ', {})).toEqual([]);
  });

  it('leaves page furniture alone', () => {
    const text = 'Share this article\n- Advertisement -\nSubscribe to our newsletter\nSign up here to get the latest news.';

    const names = extractEntities(text, {}).filter((e) => ['PERSON', 'ORGANIZATION', 'LOCATION'].includes(e.type));

    expect(names).toEqual([]);
  });
});

describe('groupMentions', () => {
  it('joins a short person name to the full name it ends', () => {
    const text = 'Jean-Yves Le Drian spoke. Le Drian left.';
    const mentions = [
      { type: 'PERSON' as const, text: 'Jean-Yves Le Drian', begin: 0, end: 18 },
      { type: 'PERSON' as const, text: 'Le Drian', begin: 26, end: 34 },
    ];

    const entities = toEntities(groupMentions(mentions), { textLength: text.length });

    expect(entities).toHaveLength(1);
    expect(entities[0].name).toBe('Jean-Yves Le Drian');
    expect(entities[0].mentions.map((m) => m.text)).toEqual(['Jean-Yves Le Drian', 'Le Drian']);
  });

  it('does not join a surname shared by two people', () => {
    const mentions = [
      { type: 'PERSON' as const, text: 'Venus Williams', begin: 0, end: 14 },
      { type: 'PERSON' as const, text: 'Serena Williams', begin: 20, end: 35 },
      { type: 'PERSON' as const, text: 'Williams', begin: 40, end: 48 },
    ];

    const entities = toEntities(groupMentions(mentions), { textLength: 50 });

    expect(entities).toHaveLength(3);
  });

  it('treats curly and straight apostrophes and possessives alike', () => {
    const mentions = [
      { type: 'PERSON' as const, text: 'O’Neill', begin: 0, end: 7 },
      { type: 'PERSON' as const, text: "O'Neill", begin: 10, end: 17 },
    ];

    expect(groupMentions(mentions)).toHaveLength(1);
  });
});

describe('tokenize', () => {
  it('splits punctuation and possessives but keeps abbreviations, initials and hyphenated names', () => {
    const text = '“O’Neill’s firm,” said Jean-Yves Le Drian of the U.S. unit.';

    const tokens = tokenize(text);

    expect(tokens.begins.map((begin, i) => text.slice(begin, tokens.ends[i]))).toEqual(['“', 'O’Neill', '’s', 'firm', ',', '”', 'said', 'Jean-Yves', 'Le', 'Drian', 'of', 'the', 'U.S.', 'unit', '.']);
    expect(tokens.norms).toEqual(['"', "O'Neill", "'s", 'firm', ',', '"', 'said', 'Jean-Yves', 'Le', 'Drian', 'of', 'the', 'U.S.', 'unit', '.']);
  });

  it('makes an all-caps dateline a sentence of its own', () => {
    const { norms, starts } = tokenize('WASHINGTON — Lawmakers met on Monday. He left.');

    const sentences = starts.slice(1).map((end, k) => norms.slice(starts[k], end).join(' '));
    expect(sentences).toEqual(['WASHINGTON -', 'Lawmakers met on Monday .', 'He left .']);
  });
});

describe('findDatesAndQuantities', () => {
  it('finds dates, amounts and percentages with their offsets', () => {
    const text = 'On Wednesday, March 3, 2021 the board approved a €2.5 billion bond, up 40% from last year.';

    const found = findDatesAndQuantities(text).map((m) => [m.type, m.text]);

    expect(found).toEqual([
      ['DATE', 'Wednesday, March 3, 2021'],
      ['QUANTITY', '€2.5 billion'],
      ['QUANTITY', '40%'],
      ['DATE', 'last year'],
    ]);
  });

  it('does not take the verb "may" for a month', () => {
    expect(findDatesAndQuantities('Prices may rise. May 5 is a Sunday.').map((m) => m.text)).toEqual(['May 5', 'Sunday']);
  });
});

describe('miscType', () => {
  it('maps the CoNLL MISC class onto events, products and other names', () => {
    expect(miscType('World Cup', 'the World Cup', 4)).toBe('EVENT');
    expect(miscType('Boeing 747', 'a Boeing 747', 2)).toBe('COMMERCIAL_ITEM');
    expect(miscType('German', 'the German side', 4)).toBe('OTHER');
  });
});
