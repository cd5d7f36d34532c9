import { describe, expect, it } from 'vitest';
import { analyzeArticle, type Analysis, type AnalysisOutcome } from '../../shared/nlp/analyze.ts';
import { tokenize } from '../../shared/nlp/entities/tokenize.ts';
import { toRecord } from '../../shared/model/record.ts';
import { fitRecordForItem } from '../../shared/store/items.ts';

const analyze = (text: string, contentType?: string): AnalysisOutcome => analyzeArticle({ bytes: new TextEncoder().encode(text), contentType });

function ok(outcome: AnalysisOutcome): Analysis {
  if (outcome.status !== 'ok') throw new Error(`expected an analysis, got ${JSON.stringify(outcome.error)}`);
  return outcome;
}

/** DynamoDB's item limit: every record Lede writes must stay under it, whatever the upload. */
const ITEM_LIMIT = 400 * 1024;
const recordBytes = (outcome: AnalysisOutcome) => Buffer.byteLength(JSON.stringify(fitRecordForItem(toRecord(outcome))));

describe('the tokenizer on runs of punctuation', () => {
  it('splits trailing punctuation innermost last, as before', () => {
    // Act
    const { norms } = tokenize('Really?!) He said "no!" (again...). U.S. Mr. J. Smith\'s');
    // Assert
    expect(norms).toEqual(['Really', '?', '!', ')', 'He', 'said', '"', 'no', '!', '"', '(', 'again', '...', ')', '.', 'U.S.', 'Mr.', 'J.', 'Smith', "'s"]);
  });

  it('takes a chunk of 200,000 closing brackets apart into one token each', () => {
    // Act
    const { norms } = tokenize(`x${')'.repeat(200_000)}`);
    // Assert
    expect(norms).toHaveLength(200_001);
    expect(norms[0]).toBe('x');
  });
});

describe('uploads that used to crash or stall the analyzer', () => {
  it('groups 150,000 mentions of one name without overflowing the stack', () => {
    // Act
    const analysis = ok(analyze('Paris is big. '.repeat(150_000)));
    // Assert
    const paris = analysis.entities.find((e) => e.name === 'Paris');
    expect(paris?.mentions).toHaveLength(150_000);
    expect(recordBytes(analysis)).toBeLessThan(ITEM_LIMIT);
  });

  it('cuts a summary that is one 4.9 MB word, and the record fits DynamoDB', () => {
    // Act
    const analysis = ok(analyze('a'.repeat(4_900_000)));
    // Assert
    expect(analysis.summary[0].length).toBeLessThanOrEqual(2_000);
    expect(analysis.warnings).toContainEqual(expect.objectContaining({ code: 'TEXT_CUT' }));
    expect(analysis.keyphrases).toEqual([]);
    expect(recordBytes(analysis)).toBeLessThan(ITEM_LIMIT);
  });

  it('drops a "name" that is a whole run of capitalized words', () => {
    // Act
    const analysis = ok(analyze('Paris Smith '.repeat(50_000)));
    // Assert
    expect(analysis.entities.every((e) => e.name.length <= 150)).toBe(true);
    expect(recordBytes(analysis)).toBeLessThan(ITEM_LIMIT);
  });

  it('answers a megabyte of dots with a failed record that says there are no words', () => {
    // Act
    const outcome = analyze('.'.repeat(1_000_000));
    // Assert
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'EMPTY' } });
  });

  it('reads a page of 50,000 nested elements as a stream', () => {
    // Prepare
    const page = `<html><body>${'<div>'.repeat(50_000)}<p>Angela Merkel spoke in Berlin on Monday.</p>${'</div>'.repeat(50_000)}</body></html>`;
    // Act
    const analysis = ok(analyze(page, 'text/html'));
    // Assert
    expect(analysis.text).toBe('Angela Merkel spoke in Berlin on Monday.');
    expect(analysis.entities.map((e) => e.name)).toContain('Berlin');
  });

  it('reads a page of 35,000 paragraphs with its metadata and without its navigation', () => {
    // Prepare
    const head = '<head><title>Site</title><meta property="og:title" content="The long page"><meta property="og:site_name" content="The Daily"></head>';
    const page = `<html lang="en">${head}<body><nav><p>Home News Sport</p></nav>${'<p>Angela Merkel spoke in Berlin.</p>'.repeat(35_000)}</body></html>`;
    // Act
    const analysis = ok(analyze(page, 'text/html'));
    // Assert
    expect(analysis.title).toBe('The long page');
    expect(analysis.siteName).toBe('The Daily');
    expect(analysis.text?.startsWith('Angela Merkel spoke in Berlin.\n\nAngela Merkel')).toBe(true);
    expect(analysis.text).not.toContain('Home News Sport');
    expect(recordBytes(analysis)).toBeLessThan(ITEM_LIMIT);
  });

  it.each([
    ['unclosed comments', '<!--'],
    ['unclosed scripts', '<script>'],
    ['unclosed navigation', '<nav>'],
    ['tags left open', '<div '],
    ['attributes left open', '<p data-a="'],
  ])('keeps the article of a page with 40,000 %s', (_name, fragment) => {
    // Prepare
    const page = `<html><body><p>Angela Merkel spoke in Berlin on Monday.</p>${fragment.repeat(40_000)}</body></html>`;
    // Act
    const outcome = analyze(page, 'text/html');
    // Assert
    expect(outcome.status).toBe('ok');
  });
});

describe('invisible characters', () => {
  it('names an entity without the joiner inside it, and keeps offsets on the uploaded text', () => {
    // Prepare
    const text = 'Sa\u200ddiq Khan met Boris Johnson in London on Monday. \u202eThe mayor said the city was open.';
    // Act
    const analysis = ok(analyze(text));
    // Assert
    const khan = analysis.entities.find((e) => e.type === 'PERSON' && e.name === 'Sadiq Khan');
    expect(khan).toBeDefined();
    expect(text.slice(khan!.mentions[0].begin, khan!.mentions[0].end)).toBe('Sa\u200ddiq Khan');
    expect(analysis.summary.join(' ')).not.toMatch(/[\u200d\u202e]/);
  });
});
