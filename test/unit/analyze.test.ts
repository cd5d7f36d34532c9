import { describe, expect, it } from 'vitest';
import { analyzeArticle, analyzeText, MAX_ARTICLE_BYTES } from '../../shared/nlp/analyze.ts';
import { sampleArticle } from '../helpers/local-stack.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('analyzeText', () => {
  it('fills every field of the analysis, with offsets into the text', () => {
    // Prepare
    const text = sampleArticle('Minsk', 'Alena Kowalski');
    // Act
    const analysis = analyzeText(text);
    // Assess
    expect(analysis).toMatchObject({ status: 'ok', title: 'Talks resume in Minsk', language: 'en' });
    expect(analysis.wordCount).toBe(text.split(/\s+/).filter(Boolean).length);
    expect(analysis.summary.length).toBeGreaterThan(0);
    expect(analysis.summary.length).toBeLessThanOrEqual(3);
    for (const sentence of analysis.summary) expect(text).toContain(sentence);
    expect(analysis.entities.length).toBeGreaterThan(0);
    for (const { mentions } of analysis.entities) for (const m of mentions) expect(text.slice(m.begin, m.end)).toBe(m.text);
    expect(analysis.keyphrases.length).toBeGreaterThan(0);
  });

  it('finds the title and dateline after long runs of blanks (blanked page furniture)', () => {
    // Prepare: tabs and no-break spaces with no line break, then blank lines, then the story
    const story = 'Talks resume in Minsk\nMINSK (Reuters) - The council met again on Monday to resume the talks.\n';
    const text = `${'\t \u00a0'.repeat(20_000)}${'\n'.repeat(20_000)}${story}`;
    // Act
    const analysis = analyzeText(text);
    // Assess
    expect(analysis).toMatchObject({ title: 'Talks resume in Minsk', dateline: 'MINSK' });
    expect(analysis.summary).toEqual(['The council met again on Monday to resume the talks.']);
  });

  it('keeps summary sentences in article order', () => {
    const text = sampleArticle();
    const { summary } = analyzeText(text);
    const positions = summary.map((s) => text.indexOf(s));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

describe('analyzeArticle', () => {
  it('refuses an object over the size limit', () => {
    const result = analyzeArticle({ bytes: new Uint8Array(MAX_ARTICLE_BYTES + 1) });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'TOO_LARGE' } });
  });

  it('takes the title from an HTML page and leaves scripts and navigation out', () => {
    // Prepare
    const html = `<!doctype html><html><head><title>Harbour reopens</title><script>var ad = "Buy now";</script></head>
      <body><nav>Home | World | Sport</nav><article><h1>Harbour reopens</h1>
      <p>The harbour in Gdansk reopened on Friday after a week of repairs, the port authority said.</p>
      <p>Ships that had waited offshore began to dock within hours &amp; trade resumed.</p></article></body></html>`;
    // Act
    const result = analyzeArticle({ bytes: utf8(html), contentType: 'text/html' });
    // Assess
    expect(result).toMatchObject({ status: 'ok', title: 'Harbour reopens', format: 'html' });
    const text = JSON.stringify(result);
    expect(text).not.toContain('Buy now');
    expect(text).not.toContain('Sport');
    expect(text).toContain('trade resumed');
  });
});
