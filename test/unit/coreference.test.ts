import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../shared/nlp/analyze.ts';
import type { Entity } from '../../shared/nlp/types.ts';

const names = (text: string): Entity[] => analyzeText(text).entities.filter((e) => ['PERSON', 'ORGANIZATION', 'LOCATION'].includes(e.type));
const find = (entities: Entity[], name: string) => entities.find((e) => e.name === name);

describe('one entity per referent', () => {
  it('makes Barack Obama, Mr Obama and President Obama one person named Barack Obama', () => {
    // Prepare
    const text = 'Barack Obama spoke in Chicago on Monday. Mr Obama said the plan would work. President Obama added that he was ready.';
    // Act
    const entities = names(text);
    // Assert
    const obama = entities.filter((e) => e.name.includes('Obama'));
    expect(obama).toHaveLength(1);
    expect(obama[0]).toMatchObject({ name: 'Barack Obama', type: 'PERSON', aliases: ['Obama'] });
    expect(obama[0].mentions.map((m) => m.text)).toEqual(['Barack Obama', 'Obama', 'Obama']);
  });

  it('joins an acronym to the name whose initials it spells, and U.S. to United States', () => {
    // Prepare
    const text = 'Islamic State fighters attacked the town on Monday. IS has lost most of its territory. The United States said the U.S. would respond.';
    // Act
    const entities = names(text);
    // Assert
    expect(find(entities, 'Islamic State')).toMatchObject({ type: 'ORGANIZATION', aliases: ['IS'] });
    expect(find(entities, 'United States')).toMatchObject({ type: 'LOCATION', aliases: ['U.S.'] });
    expect(find(entities, 'IS')).toBeUndefined();
  });

  it('lets a surname the tagger typed as an organization join the person it names', () => {
    // Prepare
    const text = 'Richie Benaud has died at the age of 84. Benaud was the voice of cricket. Benaud captained Australia. Benaud retired in 1964.';
    // Act
    const entities = names(text);
    // Assert
    const benaud = entities.filter((e) => e.name.includes('Benaud'));
    expect(benaud).toHaveLength(1);
    expect(benaud[0]).toMatchObject({ name: 'Richie Benaud', type: 'PERSON' });
    expect(benaud[0].mentions).toHaveLength(4);
  });

  it('keeps two people who share a surname apart from a bare surname', () => {
    // Prepare
    const text = 'Venus Williams played Serena Williams in the final. Williams won in three sets.';
    // Act
    const entities = names(text);
    // Assert
    expect(find(entities, 'Venus Williams')?.mentions).toHaveLength(1);
    expect(find(entities, 'Serena Williams')?.mentions).toHaveLength(1);
  });
});

describe("knowledge of today's world", () => {
  it.each([
    ['SpaceX will launch the rocket next week, the company said.', 'SpaceX', 'ORGANIZATION'],
    ['WeWork filed for bankruptcy protection in New Jersey on Monday.', 'WeWork', 'ORGANIZATION'],
    ['Despite Trump’s pressure, France defends dialogue with Russia.', 'Trump', 'PERSON'],
    ['Elon Musk said the car would be ready next year.', 'Elon Musk', 'PERSON'],
    ['Julian Assange left the embassy. Assange had lived there for seven years.', 'Julian Assange', 'PERSON'],
    ['Scientists want to send a probe to Europa, a moon of Jupiter, to look for life beyond Earth.', 'Earth', 'LOCATION'],
  ])('%s: %s is a %s', (text, name, type) => {
    // Act
    const entity = find(names(text), name);
    // Assert
    expect(entity?.type).toBe(type);
  });

  it('gives a short name the full name it is known by as an alias, so a search by either finds it', () => {
    // Act
    const trump = find(names('Trump said he would win the state. Trump then flew to Florida.'), 'Trump');
    // Assert
    expect(trump?.aliases).toContain('Donald Trump');
  });
});
