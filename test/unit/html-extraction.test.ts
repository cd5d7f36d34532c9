import { describe, expect, it } from 'vitest';
import { analyzeArticle, type Analysis } from '../../shared/nlp/analyze.ts';

const STORY = [
  'Port workers in Gdansk ended a two-week strike on Tuesday after the harbour authority agreed to raise wages by nine percent.',
  'The strike had halted container traffic at the Baltic port, where ships queued for days outside the breakwater.',
  'Union leader Marta Kowalska said the deal would be put to a vote of members on Friday, and that she expected it to pass.',
  'The harbour authority said normal operations would resume within 48 hours, once the backlog of vessels had been cleared.',
];

function page(body: string, head = '<title>Dockers end strike | Baltic Herald</title>'): string {
  return `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
}

function analyze(html: string): Analysis {
  const outcome = analyzeArticle({ bytes: new TextEncoder().encode(html), contentType: 'text/html' });
  if (outcome.status !== 'ok') throw new Error(`not analyzed: ${JSON.stringify(outcome.error)}`);
  return outcome;
}

const paragraphs = STORY.map((s) => `<p>${s}</p>`).join('\n');

describe('the article and nothing else', () => {
  it('reads text from the nodes, never from markup: an article escaped in an attribute comes once', () => {
    // Prepare
    const escaped = paragraphs.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const html = page(`<article><h1>Dockers end strike</h1><div data-story="${escaped}" class="story">${paragraphs}</div></article>`);
    // Act
    const { text } = analyze(html);
    // Assert
    expect(text!.split(STORY[0]).length - 1).toBe(1);
    expect(text).not.toContain('<p>');
  });

  it('leaves out captions, image credits and gallery counters', () => {
    // Prepare
    const html = page(`<article><h1>Dockers end strike</h1>
      <figure><img src="a.jpg"><figcaption>Ships wait outside the port. Photo: Jan Nowak</figcaption></figure>
      <div class="wp-caption"><img src="b.jpg"><p class="wp-caption-text">Dockers at the gate on Monday</p></div>
      ${paragraphs}
      <p>Image: GETTY</p><p>Image 1 of 9</p></article>`);
    // Act
    const { text } = analyze(html);
    // Assert
    for (const gone of ['Ships wait outside', 'Dockers at the gate', 'GETTY', 'Image 1 of 9']) expect(text).not.toContain(gone);
    expect(text).toContain(STORY[3]);
  });

  it('leaves out a related-stories block with its heading, in any language', () => {
    // Prepare
    const related = (heading: string) =>
      `<p><strong>${heading}</strong></p><ul><li><a href="/a">Ferry fares to rise in spring</a></li><li><a href="/b">New cranes for the container terminal</a></li></ul>`;
    const html = page(`<article><h1>Dockers end strike</h1>${STORY.slice(0, 2).map((s) => `<p>${s}</p>`).join('')}${related('SEE MORE')}${STORY.slice(2).map((s) => `<p>${s}</p>`).join('')}${related('LEIA TAMBÉM')}</article>`);
    // Act
    const { text } = analyze(html);
    // Assert
    for (const gone of ['SEE MORE', 'LEIA TAMBÉM', 'Ferry fares', 'New cranes']) expect(text).not.toContain(gone);
    for (const sentence of STORY) expect(text).toContain(sentence);
  });

  it('leaves out a tag list and a comment notice named so in the markup, in Portuguese', () => {
    // Prepare
    const html = page(`<article><h1>Estivadores encerram greve</h1>${paragraphs}
      <div class="post-tags"><a href="/t/porto">porto</a> <a href="/t/greve">greve</a> <a href="/t/gdansk">Gdansk</a></div>
      <div class="comment-policy">Os comentários são de responsabilidade exclusiva de seus autores.</div></article>`);
    // Act
    const { text } = analyze(html);
    // Assert
    expect(text).not.toContain('comentários');
    expect(text).not.toMatch(/porto\s+greve/);
  });

  it('leaves out a Wikipedia page\'s infobox, contents, edit links, citation markers and references', () => {
    // Prepare
    const html = page(
      `<div id="content"><h1 id="firstHeading">Port of Gdansk</h1><div class="mw-parser-output">
        <table class="infobox"><tr><th>Country</th><td>Poland</td></tr><tr><th>Opened</th><td>997</td></tr></table>
        <p>The Port of Gdansk is a seaport on the Baltic coast of Poland.<sup class="reference"><a href="#cite-1">[1]</a></sup> It is the largest port in the country by cargo handled, and one of the largest on the Baltic Sea.</p>
        <div id="toc" class="toc"><ul><li><a href="#History">1 History</a></li><li><a href="#References">2 References</a></li></ul></div>
        <h2><span class="mw-headline" id="History">History</span><span class="mw-editsection">[<a href="/edit">edit</a>]</span></h2>
        <p>The port has served the city since the Middle Ages, when Gdansk was a member of the Hanseatic League.<sup class="reference"><a href="#cite-2">[2]</a></sup> Its trade grew in the sixteenth century with the export of grain.</p>
        <h2><span class="mw-headline" id="References">References</span></h2>
        <ol class="references"><li>"Port statistics". Port of Gdansk Authority. Retrieved 5 March 2024.</li></ol>
        <h2><span class="mw-headline" id="External_links">External links</span></h2><ul><li><a href="https://example.org">Official website</a></li></ul>
      </div></div>`,
      '<title>Port of Gdansk - Wikipedia</title>',
    );
    // Act
    const analysis = analyze(html);
    // Assert
    for (const gone of ['Country', '[1]', '[2]', '[edit]', 'Retrieved', 'Official website', 'References']) expect(analysis.text).not.toContain(gone);
    expect(analysis.text).toContain('The Port of Gdansk is a seaport on the Baltic coast of Poland. It is the largest port');
    expect(analysis.entities.map((e) => e.name)).not.toContain('Retrieved');
  });

  it('keeps the text of a tweet the article quotes', () => {
    // Prepare
    const tweet = `<blockquote class="twitter-tweet"><p lang="en" dir="ltr">The strike is over. Thank you to every docker who stood together. <a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; Marta Kowalska (@mkowalska) <a href="https://twitter.com/mkowalska/status/1">March 5, 2024</a></blockquote>`;
    const html = page(`<article><h1>Dockers end strike</h1>${STORY.slice(0, 3).map((s) => `<p>${s}</p>`).join('')}${tweet}<p>${STORY[3]}</p></article>`);
    // Act
    const { text } = analyze(html);
    // Assert
    expect(text).toContain('The strike is over. Thank you to every docker who stood together.');
  });
});

describe('title and byline a reader would agree with', () => {
  it('takes the visible headline over a generic site title', () => {
    // Prepare
    const html = page(
      `<header><a href="/">Yahoo News</a></header><article><h1>Dockers end two-week strike at Gdansk port</h1>${paragraphs}</article>`,
      '<title>Yahoo News - Latest News &amp; Headlines</title><meta property="og:title" content="Yahoo News - Latest News &amp; Headlines"><meta property="og:site_name" content="Yahoo News">',
    );
    // Act
    const { title } = analyze(html);
    // Assert
    expect(title).toBe('Dockers end two-week strike at Gdansk port');
  });

  it('splits an agency off the author glued to it', () => {
    // Prepare
    const html = page(`<article><h1>Dockers end strike</h1><div class="byline"><span class="author">ERIC TUCKER</span><span class="agency">Associated Press</span></div>${paragraphs}</article>`);
    // Act
    const { byline } = analyze(html);
    // Assert
    expect(byline).toBe('Eric Tucker');
  });

  it('prefers the reporter the page names to an author that is the publication', () => {
    // Prepare
    const html = page(
      `<article><h1>Dockers end strike</h1><p class="byline">By Anna Kowalczyk, Europe correspondent</p>${paragraphs}</article>`,
      '<title>Dockers end strike | Sky News</title><meta name="author" content="Sky"><meta property="og:site_name" content="Sky News">',
    );
    // Act
    const { byline } = analyze(html);
    // Assert
    expect(byline).toBe('Anna Kowalczyk');
  });
});
