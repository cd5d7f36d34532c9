import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;

/** An article about Barack Obama: he is most of what it names. */
const ABOUT_OBAMA = [
  'Obama returns to Chicago',
  '',
  'Barack Obama returned to Chicago on Tuesday to open his presidential library.',
  'Mr Obama told the crowd that the library belonged to the city. Obama thanked the volunteers.',
  'President Obama said the library would open next year.',
].join('\n');

/** An article about a football match that mentions Obama once, among many others. */
const MENTIONS_OBAMA = [
  'Chelsea beat Arsenal in London',
  '',
  'Chelsea beat Arsenal 2-1 at Stamford Bridge on Saturday, with goals from Cole Palmer and Nicolas Jackson.',
  'Mauricio Pochettino praised Palmer, Jackson and Enzo Fernandez after the match in London.',
  'Arsenal manager Mikel Arteta said Bukayo Saka and Martin Odegaard were tired. Barack Obama watched from the stands.',
].join('\n');

beforeAll(async () => {
  stack = await startTestStack();
  // the article about Obama first: the newer one must not come first for being newer
  await stack.upload('search/about-obama.txt', ABOUT_OBAMA);
  await stack.bridge.whenIdle();
  await stack.upload('search/mentions-obama.txt', MENTIONS_OBAMA);
  await stack.bridge.whenIdle();
});

afterAll(async () => {
  await stack?.close();
});

const keysFor = async (query: string) => {
  const { status, body } = await stack.get(`/articles?${query}`);
  expect(status).toBe(200);
  return body.items.map((i: { key: string }) => i.key);
};

describe('search by any name, most central first', () => {
  it.each(['entity=Obama', 'entity=Barack%20Obama', 'entity=obama&type=PERSON'])('%s finds both articles, the one about him first', async (query) => {
    // Act
    const keys = await keysFor(query);
    // Assert
    expect(keys).toEqual(['search/about-obama.txt', 'search/mentions-obama.txt']);
  });

  it('lists the aliases of an entity in the record', async () => {
    // Act
    const record = await stack.record('search/about-obama.txt');
    // Assert
    const obama = record!.entities.find((e) => e.name === 'Barack Obama');
    expect(obama).toMatchObject({ type: 'PERSON', aliases: ['Obama'] });
    expect(obama!.mentions).toHaveLength(5); // the headline's too
  });

  it('pages through the same order with cursors', async () => {
    // Act
    const first = await stack.get('/articles?entity=Obama&limit=1');
    const second = await stack.get(`/articles?entity=Obama&limit=1&cursor=${encodeURIComponent(first.body.cursor)}`);
    // Assert
    expect(first.body.items.map((i: { key: string }) => i.key)).toEqual(['search/about-obama.txt']);
    expect(second.body.items.map((i: { key: string }) => i.key)).toEqual(['search/mentions-obama.txt']);
    expect(first.body.items[0].entity.salience).toBeGreaterThan(second.body.items[0].entity.salience);
  });
});
