/**
 * HTML extraction speed on generated news pages of about 200 KB (scripts, styles, JSON-LD, a
 * navigation mega-menu, the story with figures and ad slots, a most-read sidebar, a comment
 * thread, a footer of links), each page different.
 *
 *   npm run bench:html [-- --pages 40 --kb 200]
 *
 * Prints pages per CPU-second for extraction alone (decode + Readability over linkedom + text;
 * best and median of three rounds, as the machine may be shared) and for the whole analysis
 * (extraction + sentences, summary, key phrases, entities), on one thread.
 */
import { analyzeArticle } from '../shared/nlp/analyze.ts';
import { extractHtml } from '../shared/nlp/html.ts';

const WORDS = (
  'government minister talks city council port harbour ship trade union workers strike court judge ruling ' +
  'election vote party leader budget tax economy growth inflation bank market shares price energy gas ' +
  'power plant river bridge road rail station police officers report investigation school teachers ' +
  'hospital doctors patients health agency officials plan project company chief executive deal contract'
).split(' ');
const NAMES = ['Anna Nowak', 'Piotr Zielinski', 'Maria Lopez', 'John Carter', 'Aiko Tanaka', 'Omar Haddad'];
const PLACES = ['Gdansk', 'Lyon', 'Porto', 'Leeds', 'Osaka', 'Haifa', 'Tallinn', 'Bilbao'];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function newsPage(seed: number, targetBytes = 200_000): string {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const sentence = () => {
    const n = 12 + Math.floor(r() * 14);
    const words = Array.from({ length: n }, () => pick(WORDS));
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    if (r() < 0.5) words.splice(3, 0, 'in', pick(PLACES));
    if (r() < 0.3) words.push('said', pick(NAMES));
    return `${words.join(' ')}.`;
  };
  const para = (k: number) => Array.from({ length: k }, sentence).join(' ');
  const script = (kb: number) => `<script>${'window.__state={"a":[1,2,3],"b":"x"};function f(n){return n<2?n:f(n-1)+f(n-2)}'.repeat(Math.ceil((kb * 1024) / 80))}</script>`;
  const links = (n: number, cls: string) => `<ul class="${cls}">${Array.from({ length: n }, (_, i) => `<li><a href="/s/${i}">${pick(WORDS)} ${pick(WORDS)}</a></li>`).join('')}</ul>`;
  const place = pick(PLACES);
  const title = `${pick(WORDS)} ${pick(WORDS)} in ${place}`.replace(/^./, (c) => c.toUpperCase());
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Example News</title>
<meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2024-03-05T10:30:00Z">
<meta name="author" content="${pick(NAMES)}"><style>${'.a{color:red}.b{margin:0 auto}'.repeat(300)}</style>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${title}","datePublished":"2024-03-05T10:30:00Z","author":{"@type":"Person","name":"${pick(NAMES)}"}}</script>
${script(15)}${script(15)}</head>`;
  const nav = `<header class="site-header"><nav class="menu">${links(120, 'mega-menu')}</nav></header>`;
  const body: string[] = [`<h1>${title}</h1><p class="byline">By ${pick(NAMES)}</p><time datetime="2024-03-05T10:30:00Z">5 March 2024</time>`];
  const comments = (n: number) =>
    `<section id="comments" class="comments">${Array.from({ length: n }, () => `<div class="comment"><span class="author">${pick(NAMES)}</span><p>${para(2)}</p><a href="#">Reply</a></div>`).join('')}</section>`;
  const sidebar = `<aside class="sidebar most-read"><h3>Most read</h3>${links(20, 'list')}</aside>`;
  const footer = `<footer>${links(100, 'footer-links')}<p>© 2024 Example News</p></footer>`;
  let page = '';
  for (let i = 0; ; i++) {
    body.push(`<p>${para(3 + Math.floor(r() * 3))}</p>`);
    if (i % 6 === 5) body.push(`<figure><img src="/i/${i}.jpg" alt=""><figcaption>${sentence()} Photo: ${pick(NAMES)}/Reuters</figcaption></figure>`);
    if (i % 8 === 7) body.push(`<div class="ad-slot advertisement">Advertisement</div><div class="related-articles"><h4>Related</h4>${links(4, 'related')}</div>`);
    page = `${head}<body>${nav}<main><article>${body.join('\n')}</article>${sidebar}${comments(30)}</main>${footer}</body></html>`;
    if (page.length >= targetBytes * 0.55 || i > 400) break;
  }
  // Pad to size with the parts of a page that are not the story, as real pages are.
  while (page.length < targetBytes) page = page.replace('</main>', `${comments(10)}</main>`);
  // Pretty-printed, as most pages are: a line break and indentation before block tags.
  return page.replace(/<(?=\/?(?:div|p|li|ul|section|aside|footer|header|nav|figure|h\d|article|main)\b)/g, '\n    <');
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const pages = opt('pages', 40);
  const kb = opt('kb', 200);
  const encoder = new TextEncoder();
  const docs = Array.from({ length: pages }, (_, i) => encoder.encode(newsPage(i + 1, kb * 1000)));
  const meanKb = docs.reduce((a, d) => a + d.length, 0) / docs.length / 1024;
  const decoder = new TextDecoder();
  // Warm up: load the libraries and let the JIT settle.
  for (const d of docs.slice(0, 3)) extractHtml(decoder.decode(d));
  // CPU time of this process (one thread): the machine may be shared, wall time is shown beside it.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  // Three rounds over the pages: the machine may be shared, so the best and the median round are shown.
  const rounds: Array<{ wall: number; cpu: number }> = [];
  let chars = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const c = cpu();
    chars = 0;
    for (const d of docs) chars += extractHtml(decoder.decode(d)).text.length;
    rounds.push({ wall: (performance.now() - t) / 1000, cpu: cpu() - c });
  }
  rounds.sort((a, b) => a.cpu - b.cpu);
  const [extract, median] = [rounds[0], rounds[1]];
  const t = performance.now();
  const c = cpu();
  if (!args.includes('--extract-only')) for (const d of docs) analyzeArticle({ bytes: d, contentType: 'text/html' });
  const full = { wall: (performance.now() - t) / 1000, cpu: cpu() - c };
  const rate = (s: { wall: number; cpu: number }) =>
    `${(pages / s.cpu).toFixed(1)} pages per CPU-second (${((s.cpu / pages) * 1000).toFixed(1)} ms CPU/page; wall ${((s.wall / pages) * 1000).toFixed(1)} ms/page)`;
  console.log(`${pages} pages, mean ${meanKb.toFixed(0)} KB, mean extracted text ${(chars / pages / 1024).toFixed(1)} KB`);
  console.log(`extraction:    ${rate(extract)} (best of 3 rounds)`);
  console.log(`               ${rate(median)} (median round)`);
  if (!args.includes('--extract-only')) console.log(`full analysis: ${rate(full)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
