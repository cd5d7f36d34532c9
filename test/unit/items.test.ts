import { describe, expect, it } from 'vitest';
import { toRecord } from '../../shared/model/record.ts';
import type { Entity } from '../../shared/nlp/types.ts';
import { fitRecordForItem, indexedEntities } from '../../shared/store/items.ts';

function entity(name: string, type: Entity['type'], mentionTexts: string[]): Entity {
  return { name, type, salience: 0.5, mentions: mentionTexts.map((text, i) => ({ text, begin: i * 10, end: i * 10 + text.length })) };
}

describe('indexedEntities', () => {
  it('indexes an entity under each name the article uses for it, folded to lower case', () => {
    const indexed = indexedEntities([entity('Jean-Yves Le Drian', 'PERSON', ['Jean-Yves Le Drian', 'Le Drian', 'LE DRIAN'])]);
    expect(indexed.map((i) => i.alias)).toEqual(['jean-yves le drian', 'le drian']);
    expect(indexed[0].summary).toMatchObject({ name: 'Jean-Yves Le Drian', type: 'PERSON', mentionCount: 3 });
  });

  it('merges two entities that share a name into one entry listing both types', () => {
    const indexed = indexedEntities([entity('Jordan', 'LOCATION', ['Jordan']), entity('Jordan', 'PERSON', ['Jordan'])]);
    expect(indexed).toHaveLength(1);
    expect(indexed[0].summary.types).toEqual(['LOCATION', 'PERSON']);
  });
});

describe('fitRecordForItem', () => {
  it('leaves a normal record alone', () => {
    const record = toRecord({ status: 'ok', title: 't', language: 'en', languageConfidence: 1, wordCount: 3, summary: ['a'], entities: [entity('Minsk', 'LOCATION', ['Minsk'])], keyphrases: [] });
    expect(fitRecordForItem(record)).toBe(record);
  });

  it('cuts mentions of a huge record to fit an item and says so', () => {
    // Prepare
    const entities = Array.from({ length: 300 }, (_, i) => entity(`Name ${i}`, 'PERSON', Array.from({ length: 60 }, () => `Name ${i}`)));
    const record = toRecord({ status: 'ok', title: 't', language: 'en', languageConfidence: 1, wordCount: 3, summary: [], entities, keyphrases: [] });
    // Act
    const fitted = fitRecordForItem(record);
    // Assess
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThan(300 * 1024);
    expect(fitted.entities).toHaveLength(300);
    expect(fitted.warnings).toContainEqual(expect.objectContaining({ code: 'RECORD_TRUNCATED' }));
  });
});
