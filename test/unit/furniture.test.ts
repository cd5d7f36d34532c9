import { describe, expect, it } from 'vitest';
import { toRecord } from '../../shared/model/record.ts';
import { analyzeArticle, analyzeText } from '../../shared/nlp/analyze.ts';
import { blankRanges, findFurniture, furnitureKind } from '../../shared/nlp/furniture.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('furnitureKind', () => {
  it.each([
    ['- Advertisement -', 'advertisement'],
    ['ADVERTISEMENT', 'advertisement'],
    ['Story continues below advertisement', 'advertisement'],
    ['Sponsored content', 'advertisement'],
    ['0 2,046', 'counter'],
    ['1.2K shares', 'counter'],
    ['Shares 2,046', 'counter'],
    ['345 comments', 'counter'],
    ['Subscribe to our newsletter', 'subscription'],
    ['Sign up for our free daily newsletter', 'subscription'],
    ['Get the latest headlines delivered straight to your inbox.', 'subscription'],
    ['Already a subscriber? Log in', 'subscription'],
    ['Get real time updates on your phone, subscribe now.', 'subscription'],
    ['Related: Harbour talks stall as dockers walk out', 'related'],
    ['READ MORE: Why the zloty fell', 'related'],
    ['Read more', 'related'],
    ['You may also like', 'related'],
    ['Photo: Jane Smith/Reuters', 'credit'],
    ['John Doe/AFP via Getty Images', 'credit'],
    ['(Photo by John Doe/Getty Images)', 'credit'],
    ['Image copyright Getty Images', 'credit'],
    ['© 2024 Example News Ltd. All rights reserved.', 'boilerplate'],
    ['We use cookies to improve your experience. By continuing to use this site you accept our cookie policy.', 'cookie'],
    ['Accept all cookies', 'cookie'],
    ['Follow us on Twitter and Facebook', 'social'],
    ['@harbourdesk', 'social'],
    ['Follow Jane Doe on Twitter', 'social'],
    ['Facebook Twitter WhatsApp Email', 'social'],
    ['Share this article', 'social'],
    ['Home › World › Europe', 'navigation'],
    ['News | Sport | Weather | Culture', 'navigation'],
    ['Skip to main content', 'navigation'],
    ['5 min read', 'timestamp'],
    ['Published: 5 March 2024', 'timestamp'],
    ['Updated 3 hours ago', 'timestamp'],
    ['March 5, 2024 10:30 a.m. ET', 'timestamp'],
    ['Tags: Gdansk, shipping, ports', 'tags'],
    ['By Jane Doe', 'byline'],
    ['By JANE DOE and John Roe, Staff Writers | March 5, 2024', 'byline'],
    ['Reporting by Jane Doe; Editing by John Roe', 'byline'],
    ['(Reporting by Jane Doe in Gdansk; Editing by John Roe)', 'byline'],
    ['Click here to read the full report', 'boilerplate'],
    ['This article was originally published by Example News.', 'boilerplate'],
    ['Share this:', 'social'],
    ['Like this:', 'social'],
    ['Leave a Reply Cancel reply', 'boilerplate'],
    ['Your email address will not be published. Required fields are marked *', 'boilerplate'],
    ['Comments are closed.', 'boilerplate'],
    ['Previous Post', 'navigation'],
    ['Terms of Service', 'navigation'],
    ['Load more', 'navigation'],
    ['Posted in World, Ports', 'tags'],
    ['Posted on March 5, 2024 by Jane Doe', 'timestamp'],
    ['Posted by Jane Doe on March 5, 2024', 'byline'],
    ['Source: Reuters', 'credit'],
    ['This story has been shared 1,234 times.', 'counter'],
    ['The opinions expressed in this commentary are solely those of Jane Doe.', 'boilerplate'],
    ['Follow Jane Doe on Twitter and like Harbour Desk on Facebook.', 'social'],
  ])('%s is %s', (line, kind) => {
    expect(furnitureKind(line)).toBe(kind);
  });

  it.each([
    'By Monday, the rebels had taken the city.',
    'By air and sea, supplies arrived over the weekend.',
    'More than 200 people died in the floods.',
    'Related research suggests the policy failed.',
    'The company changed its privacy policy last week, drawing criticism.',
    'Google uses cookies to track users across sites.',
    'Copyright lawsuits have surged in the past year.',
    'Share prices fell 5% on Tuesday.',
    'Follow the money, investigators say.',
    'Published in 2019, the report found widespread abuse.',
    'Created in 1998, the agency employs 300 people.',
    'Subscribers will pay $5 more a month from June.',
    'The daily newsletter reaches two million readers, the company said.',
    'Photo agencies struggled as budgets shrank.',
    'Watch this space, he warned.',
    'Comments from the minister drew criticism.',
    'Home prices rose 3% in March.',
    'Reuters reported the deal on Monday.',
    'Jane Doe / AFP reported that the talks failed.',
    'The scam emails land in your inbox looking like bank messages.',
    '2-1',
    'Posted in Kabul since 2019, the soldiers returned home on Friday.',
    'Leave a light on, the mayor told residents.',
    'Load-shedding resumed across the province.',
  ])('keeps article prose: %s', (line) => {
    expect(furnitureKind(line, { alone: true })).toBeNull();
  });

  it('takes a bare number line for a counter only when it stands alone', () => {
    // Prepare: a results table keeps its number lines; a lone "0 2,046" paragraph is a counter.
    const table = 'Results\nGdansk 3\n12 4\nLyon 1\n';
    const lone = 'Harbour reopens\n\n0 2,046\n\nThe harbour reopened on Friday.\n';
    // Act, Assess
    expect(findFurniture(table)).toEqual([]);
    expect(findFurniture(lone).map((f) => f.text)).toEqual(['0 2,046']);
  });
});

describe('blankRanges', () => {
  it('replaces the ranges with spaces and keeps length and line breaks', () => {
    const text = 'a\nbc\nd';
    const out = blankRanges(text, [{ begin: 2, end: 6 }]);
    expect(out).toBe('a\n  \n ');
    expect(out.length).toBe(text.length);
  });
});

/** A scraped story with furniture of every kind around and inside it. */
const SCRAPED = [
  'Home › World › Europe',
  'Dockers end strike as Gdansk harbour reopens',
  '1.2K shares',
  'By Jane Doe',
  'Published: 5 March 2024',
  '5 min read',
  '',
  'GDANSK – Dockworkers in the Polish port of Gdansk ended a nine-day strike on Friday after the harbour authority agreed to raise wages by eight percent, union leader Piotr Zielinski said.',
  '',
  'Photo: John Roe/Reuters',
  '',
  'Ships that had waited offshore for more than a week began to dock within hours, and the authority said grain and coal shipments would return to normal by Tuesday.',
  '',
  '- Advertisement -',
  '',
  'The strike had halted trade worth about 40 million euros a day, according to the Polish Chamber of Commerce.',
  '',
  'Related: Baltic ports brace for a busy spring',
  '',
  'Zielinski said the union would watch closely how the authority kept its promise on safety equipment.',
  '',
  'We use cookies to improve your experience. By continuing to use this site you accept our cookie policy.',
  'Subscribe to our newsletter',
  'Sign up here to get the latest news delivered directly to your inbox.',
  'Follow us on Twitter and Facebook',
  '@harbourdesk',
  'Tags: Gdansk, strikes, shipping',
  '© 2024 Example News Ltd. All rights reserved.',
].join('\n');

const ARTICLE_SENTENCES = [
  'Dockworkers in the Polish port of Gdansk ended a nine-day strike on Friday after the harbour authority agreed to raise wages by eight percent, union leader Piotr Zielinski said.',
  'Ships that had waited offshore for more than a week began to dock within hours, and the authority said grain and coal shipments would return to normal by Tuesday.',
  'The strike had halted trade worth about 40 million euros a day, according to the Polish Chamber of Commerce.',
  'Zielinski said the union would watch closely how the authority kept its promise on safety equipment.',
];

const FURNITURE_WORDS = /Advertisement|newsletter|inbox|cookie|Twitter|Facebook|harbourdesk|shares|Reuters|Baltic ports|Example News|Tags|min read|Home|Europe/i;

describe('analyzeText on a scraped story', () => {
  it('leaves furniture out of summary, entities and key phrases', () => {
    // Act
    const analysis = analyzeText(SCRAPED);
    // Assess
    expect(analysis.title).toBe('Dockers end strike as Gdansk harbour reopens');
    expect(analysis.summary.length).toBeGreaterThan(0);
    for (const s of analysis.summary) expect(s).not.toMatch(FURNITURE_WORDS);
    for (const e of analysis.entities) expect(e.name).not.toMatch(FURNITURE_WORDS);
    for (const k of analysis.keyphrases) expect(k.text).not.toMatch(FURNITURE_WORDS);
    expect(analysis.entities.map((e) => e.name)).not.toContain('Jane Doe');
  });

  it('loses no sentence of the article, and offsets still index the input', () => {
    // Act
    const analysis = analyzeText(SCRAPED);
    const kept = blankRanges(SCRAPED, analysis.furniture ?? []);
    // Assess
    for (const sentence of ARTICLE_SENTENCES) expect(kept).toContain(sentence);
    for (const s of analysis.summary) expect(SCRAPED).toContain(s);
    for (const { mentions } of analysis.entities) for (const m of mentions) expect(SCRAPED.slice(m.begin, m.end)).toBe(m.text);
    for (const f of analysis.furniture ?? []) expect(SCRAPED.slice(f.begin, f.end)).toBe(f.text);
  });

  it('lists the furniture it left out, by kind', () => {
    const kinds = new Set(analyzeText(SCRAPED).furniture?.map((f) => f.kind));
    for (const kind of ['navigation', 'counter', 'byline', 'timestamp', 'credit', 'advertisement', 'related', 'cookie', 'subscription', 'social', 'tags', 'boilerplate']) {
      expect(kinds).toContain(kind);
    }
  });

  it('says so in a warning, and keeps the line list out of records', () => {
    const analysis = analyzeText(SCRAPED);
    const warning = analysis.warnings?.find((w) => w.code === 'FURNITURE_REMOVED');
    expect(warning?.message).toMatch(/^\d+ lines of page furniture left out .*navigation “Home › World › Europe”/);
    expect(analysis.furniture?.length).toBeGreaterThan(0);
    expect(toRecord(analysis)).not.toHaveProperty('furniture');
  });

  it('counts only the article words', () => {
    const clean = ['Dockers end strike as Gdansk harbour reopens', '', ...ARTICLE_SENTENCES.map((s, i) => (i === 0 ? `GDANSK – ${s}` : s))].join('\n\n');
    expect(analyzeText(SCRAPED).wordCount).toBe(analyzeText(clean).wordCount);
  });

  it('keeps a text that is nothing but furniture-like lines rather than returning nothing', () => {
    const result = analyzeArticle({ bytes: utf8('Read more\nSubscribe to our newsletter\n') });
    expect(result.status).toBe('ok');
    if (result.status === 'ok') expect(result.warnings?.map((w) => w.code)).toContain('FURNITURE_KEPT');
  });
});
