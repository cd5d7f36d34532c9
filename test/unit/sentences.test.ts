import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../shared/nlp/sentences.ts';

function texts(input: string, kind?: string): string[] {
  return splitSentences(input)
    .filter((s) => !kind || s.kind === kind)
    .map((s) => s.text);
}

describe('splitSentences', () => {
  it('keeps offsets exact', () => {
    // prepare
    const input = '  Headline for a test story\n\nThe mayor spoke on Monday.  She left at 5 p.m. Nobody followed.\n';
    // act
    const sentences = splitSentences(input);
    // assert
    for (const s of sentences) expect(input.slice(s.begin, s.end)).toBe(s.text);
  });

  it('does not break after titles, initials, acronyms mid-name or decimals', () => {
    // prepare
    const input =
      'Mr. Jones met Dr. A. B. Carter of the U.S. Navy on Jan. 5 in St. Louis. Prices rose 2.5 percent. The U.N. envoy left.';
    // act
    const result = texts(input);
    // assert
    expect(result).toEqual([
      'Mr. Jones met Dr. A. B. Carter of the U.S. Navy on Jan. 5 in St. Louis.',
      'Prices rose 2.5 percent.',
      'The U.N. envoy left.',
    ]);
  });

  it('breaks after an acronym that ends a sentence and after quotes that end one', () => {
    // prepare
    const input = 'He moved to the U.S. He said, "It was hard." Then he smiled. "Why?" she asked.';
    // act
    const result = texts(input);
    // assert
    expect(result).toEqual(['He moved to the U.S.', 'He said, "It was hard."', 'Then he smiled.', '"Why?" she asked.']);
  });

  it('makes datelines, headings and page furniture units of their own', () => {
    // prepare
    const input = [
      'Town council approves new bridge',
      '',
      '0 1,234',
      '',
      'Springfield (CNN) -- The town council voted on Tuesday to build a bridge.',
      '',
      '- Advertisement -',
      '',
      'Construction starts next year.',
      '',
      'Subscribe to our newsletter',
    ].join('\n');
    // act
    const units = splitSentences(input);
    // assert
    expect(units.map((u) => [u.kind, u.text])).toEqual([
      ['heading', 'Town council approves new bridge'],
      ['furniture', '0 1,234'],
      ['furniture', 'Springfield (CNN) --'],
      ['sentence', 'The town council voted on Tuesday to build a bridge.'],
      ['furniture', '- Advertisement -'],
      ['sentence', 'Construction starts next year.'],
      ['furniture', 'Subscribe to our newsletter'],
    ]);
  });

  it('handles times, glued datelines and source credits', () => {
    // prepare
    const input = 'Washington (CNN)The vote ended at 9:30 p.m. Sunday. It passed at 10 p.m. Officials cheered.';
    // act
    const units = splitSentences(input);
    // assert
    expect(units.map((u) => [u.kind, u.text])).toEqual([
      ['furniture', 'Washington (CNN)'],
      ['sentence', 'The vote ended at 9:30 p.m. Sunday.'],
      ['sentence', 'It passed at 10 p.m.'],
      ['sentence', 'Officials cheered.'],
    ]);
  });

  it('separates a caption run into the next sentence', () => {
    // prepare
    const input = 'The new ferry leaves the harbour on its first trip The ferry service begins on Monday, officials said.';
    // act
    const units = splitSentences(input);
    // assert
    expect(units.map((u) => u.kind)).toEqual(['furniture', 'sentence']);
    expect(units[1].text).toBe('The ferry service begins on Monday, officials said.');
  });

  it('splits a very long text whole (its time: npm run bench:adversarial)', () => {
    // prepare
    const input = 'The committee met again on Friday. Mr. Smith said the U.S. plan would cost $2.5 billion.\n\n'.repeat(12000);
    // act
    const units = splitSentences(input);
    // assert
    expect(units.length).toBe(24000);
    expect(units[23999].text).toBe('Mr. Smith said the U.S. plan would cost $2.5 billion.');
  });
});
