import { describe, expect, it } from 'vitest';
import { newsPage } from '../../bench/html.ts';
import { toRecord } from '../../shared/model/record.ts';
import { analyzeArticle, type Analysis } from '../../shared/nlp/analyze.ts';
import { extractHtml } from '../../shared/nlp/html.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

const STORY = [
  'Dockworkers in the Polish port of Gdansk ended a nine-day strike on Friday after the harbour authority agreed to raise wages by eight percent, union leader Piotr Zielinski said.',
  'Ships that had waited offshore for more than a week began to dock within hours, and the authority said grain and coal shipments would return to normal by Tuesday.',
  'The strike had halted trade worth about 40 million euros a day, according to the Polish Chamber of Commerce, which had urged both sides to settle.',
  'Zielinski said the union would watch closely how the authority kept its promise on safety equipment, and warned that dockers were ready to walk out again.',
  'The harbour master, Anna Nowak, said the backlog of ships would be cleared within a week if the weather held.',
];

/** A saved news page: scripts, styles, navigation, an ad, a figure, related articles, comments, a footer. */
const PAGE = `<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Dockers end strike as Gdansk harbour reopens | Baltic Herald</title>
  <meta property="og:site_name" content="Baltic Herald">
  <meta property="og:title" content="Dockers end strike as Gdansk harbour reopens">
  <meta name="author" content="Jane Doe">
  <meta property="article:published_time" content="2024-03-05T10:30:00+01:00">
  <style>body { font-family: serif } .ad { display: block }</style>
  <script>window.__leakedScriptRan = true; document.write("Buy now and save 50%");</script>
  <script src="/tracker.js"></script>
</head>
<body>
  <header class="site-header"><a href="/">Baltic Herald</a>
    <nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
  </header>
  <main>
    <article>
      <h1>Dockers end strike as Gdansk harbour reopens</h1>
      <p class="byline">By <a rel="author" href="/jane">Jane Doe</a></p>
      <time datetime="2024-03-05T10:30:00+01:00">5 March 2024</time>
      <p>${STORY[0]}</p>
      <p>${STORY[1]}</p>
      <div class="ad-slot advertisement"><span>Advertisement</span><script>loadAd("Casino bonus")</script></div>
      <figure><img src="ship.jpg" alt="A ship"><figcaption>A container ship at the quay. Photo: John Roe/Reuters</figcaption></figure>
      <p>${STORY[2]}</p>
      <aside class="related-articles"><h3>Related</h3><ul><li><a href="/a">Baltic ports brace for a busy spring</a></li><li><a href="/b">Ferry fares to rise in April</a></li></ul></aside>
      <p>${STORY[3]}</p>
      <p><strong>READ MORE:</strong> <a href="/e">Ferry fares to rise in April</a></p>
      <p>Advertisement</p>
      <p>${STORY[4]}</p>
      <p>Follow us on Twitter and Facebook</p>
    </article>
    <section id="comments" class="comments">
      <h2>Comments</h2>
      <div class="comment"><span class="author">sailor77</span><p>Finally! The unions were right all along and the management should resign.</p></div>
      <div class="comment"><span class="author">kasia</span><p>My cousin works there and says nothing has changed at all.</p></div>
    </section>
    <aside class="sidebar"><h3>Most read</h3><ol><li><a href="/c">Storm closes airport</a></li><li><a href="/d">Mayor resigns over budget row</a></li></ol></aside>
  </main>
  <footer><p>© 2024 Baltic Herald. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
  <!-- tracking pixel: Hidden comment text -->
</body>
</html>`;

describe('HTML pages', () => {
  it('keeps the story and leaves scripts, navigation, ads, captions, related articles, comments and footer out', () => {
    // Act
    const result = analyzeArticle({ bytes: utf8(PAGE), contentType: 'text/html; charset=utf-8', key: 'world/gdansk.html' }) as Analysis;
    // Assess
    expect(result).toMatchObject({ status: 'ok', format: 'html', encoding: 'utf-8', language: 'en' });
    const text = result.text ?? '';
    for (const sentence of STORY) expect(text).toContain(sentence);
    for (const leak of ['Buy now', 'Casino', 'Weather', 'container ship', 'Baltic ports brace', 'sailor77', 'management should resign', 'Storm closes', 'All rights reserved', 'Hidden comment']) {
      expect(text).not.toContain(leak);
      expect(JSON.stringify(result)).not.toContain(leak);
    }
    expect((globalThis as Record<string, unknown>).__leakedScriptRan).toBeUndefined();
  });

  it('cuts page furniture inside the article block out of the text it serves, and says what went', () => {
    const result = analyzeArticle({ bytes: utf8(PAGE), contentType: 'text/html' }) as Analysis;
    expect(result.furniture?.map((f) => f.kind)).toEqual(expect.arrayContaining(['related', 'advertisement', 'social']));
    for (const f of result.furniture ?? []) expect(result.text).not.toContain(f.text);
    expect(result.warnings?.map((w) => w.code)).toContain('FURNITURE_REMOVED');
    const visible = JSON.stringify([result.summary, result.entities.map((e) => e.name), result.keyphrases]);
    for (const leak of ['Ferry fares', 'Advertisement', 'Twitter', 'Facebook']) expect(visible).not.toContain(leak);
  });

  it('takes title, byline, publication time, site name and language from the page metadata', () => {
    const result = analyzeArticle({ bytes: utf8(PAGE), contentType: 'text/html' });
    expect(result).toMatchObject({
      title: 'Dockers end strike as Gdansk harbour reopens',
      byline: 'Jane Doe',
      publishedAt: '2024-03-05T09:30:00Z',
      siteName: 'Baltic Herald',
      language: 'en',
    });
  });

  it('gives offsets into the extracted text, which the analysis carries and the record leaves out', () => {
    // Act
    const result = analyzeArticle({ bytes: utf8(PAGE), contentType: 'text/html' }) as Analysis;
    // Assess
    expect(result.warnings?.map((w) => w.code)).toContain('HTML_TEXT_OFFSETS');
    expect(typeof result.text).toBe('string');
    for (const { mentions } of result.entities) for (const m of mentions) expect(result.text!.slice(m.begin, m.end)).toBe(m.text);
    for (const s of result.summary) expect(result.text).toContain(s);
    expect(toRecord(result)).not.toHaveProperty('text');
  });

  it('reads JSON-LD metadata when the meta tags are missing', () => {
    // Prepare
    const html = `<!doctype html><html><head><title>Harbour | Herald</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Herald"},
        {"@type":"NewsArticle","headline":"Harbour reopens after strike","datePublished":"2024-03-06",
         "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
         "publisher":{"@type":"Organization","name":"Baltic Herald"},"inLanguage":"en"}]}</script></head>
      <body><article><p>${STORY.join('</p><p>')}</p></article></body></html>`;
    // Act
    const page = extractHtml(html);
    // Assess
    expect(page).toMatchObject({ byline: 'Jane Doe and John Roe', publishedAt: '2024-03-06', siteName: 'Baltic Herald', language: 'en' });
    expect(page.text).toContain(STORY[4]);
  });

  it('reads an HTML fragment named .html, and an HTML document whatever it is called', () => {
    const fragment = `<div><h2>Harbour reopens</h2><p>${STORY[0]}</p><p>${STORY[1]}</p></div>`;
    expect(analyzeArticle({ bytes: utf8(fragment), key: 'story.html' })).toMatchObject({ status: 'ok', format: 'html' });
    expect(analyzeArticle({ bytes: utf8(PAGE), key: 'saved-page.txt', contentType: 'text/plain' })).toMatchObject({ format: 'html', siteName: 'Baltic Herald' });
  });

  it('keeps paragraphs, headings and list items apart', () => {
    const page = extractHtml(`<!doctype html><html><body><article><h2>What changes</h2><p>${STORY[0]}</p><ul><li>Wages rise by eight percent</li><li>Safety gear is replaced</li></ul><p>${STORY[1]}<br>${STORY[2]}</p></article></body></html>`);
    expect(page.text).toContain(`What changes\n\n${STORY[0]}`);
    expect(page.text).toMatch(/Wages rise by eight percent\nSafety gear is replaced/);
    expect(page.text).toContain(`${STORY[1]}\n${STORY[2]}`);
  });

  it('decodes a Windows-1252 page that declares its charset', () => {
    // Prepare: "Café «Neptun» – reopened" with é = 0xE9, « » = 0xAB 0xBB, – = 0x96
    const head = utf8('<!doctype html><html><head><meta charset="windows-1252"><title>Harbour</title></head><body><article><p>');
    const body = Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0xab, 0x4e, 0x65, 0x70, 0x74, 0x75, 0x6e, 0xbb, 0x20, 0x96, 0x20]);
    const tail = utf8(` reopened. ${STORY.join(' ')}</p></article></body></html>`);
    // Act
    const result = analyzeArticle({ bytes: new Uint8Array([...head, ...body, ...tail]), contentType: 'text/html' }) as Analysis;
    // Assess
    expect(result).toMatchObject({ status: 'ok', encoding: 'windows-1252' });
    expect(result.text).toContain('Café «Neptun» – reopened.');
  });

  it('says so when no article block is found and analyzes the body text', () => {
    const html = '<!doctype html><html><body><nav>Home | World</nav><div>Harbour reopens after strike.</div></body></html>';
    const result = analyzeArticle({ bytes: utf8(html), contentType: 'text/html' }) as Analysis;
    expect(result.status).toBe('ok');
    expect(result.text).toContain('Harbour reopens after strike.');
    expect(result.text).not.toContain('World');
  });

  it('finds the story even inside a block whose class looks like page chrome', () => {
    const html = `<!doctype html><html><body><div id="layout-extra" class="sidebar-wrap"><h1>Harbour reopens</h1><p>${STORY.join('</p><p>')}</p></div></body></html>`;
    const page = extractHtml(html);
    for (const sentence of STORY) expect(page.text).toContain(sentence);
  });

  it('fails a page with no readable text as EMPTY', () => {
    const html = '<!doctype html><html><head><script>var a = 1;</script></head><body><img src="x.png"></body></html>';
    expect(analyzeArticle({ bytes: utf8(html), contentType: 'text/html' })).toMatchObject({ status: 'failed', error: { code: 'EMPTY' } });
  });

  it('extracts the story of a 200 KB page without its comments (its time: npm run bench:html)', () => {
    // Prepare
    const html = newsPage(7, 200_000);
    // Act
    const page = extractHtml(html);
    // Assess
    expect(html.length).toBeGreaterThanOrEqual(200_000);
    expect(page.text.length).toBeGreaterThan(10_000);
    expect(page.text).not.toContain('Reply');
  });
});

describe('page titles', () => {
  it.each([
    ['Harbour reopens | Herald', '<meta property="og:site_name" content="Herald">', '', 'Harbour reopens'],
    ['Herald - Harbour reopens', '<meta property="og:site_name" content="Herald">', '', 'Harbour reopens'],
    ['Harbour reopens | Herald', '', '<h1>Harbour reopens</h1>', 'Harbour reopens'],
    ['Strike over: harbour reopens', '', '', 'Strike over: harbour reopens'],
    ['Harbour reopens - Baltic Herald', '', '<h1 class="site-logo">Baltic Herald</h1><h2>Harbour reopens</h2>', 'Harbour reopens'],
  ])('%s reads as the headline', (title, meta, h1, expected) => {
    const page = extractHtml(`<!doctype html><html><head><title>${title}</title>${meta}</head><body><article>${h1}<p>${STORY.join('</p><p>')}</p></article></body></html>`);
    expect(page.title).toBe(expected);
  });
});
