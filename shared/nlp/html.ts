/**
 * HTML pages to article text: Mozilla's Readability (the reader view of Firefox) finds the story
 * among navigation, comments, related-article blocks and ads, over linkedom, a light DOM that
 * never runs scripts. Title, byline, publication time, site name and language come from the
 * page's meta tags and JSON-LD, with Readability's own findings as fallback.
 *
 * The text keeps the page's block structure: one paragraph per block, separated by blank lines,
 * headings and list items on lines of their own, so the sentence splitter sees what a reader sees.
 */
import { isHtmlDocument } from './format.ts';
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import { htmlLibraries, type HtmlLibraries } from './html-libs.ts';
import { removeFurniture, type ElementLike } from './html-furniture.ts';
import { measureMarkup, streamPage } from './html-stream.ts';
import { elementText, type NodeLike } from './html-text.ts';
import { bylineName, languageCode, pageMetadata } from './metadata.ts';
import { parseDate } from './pubdate.ts';

export interface HtmlArticle {
  /** The article text; analysis offsets index this string. */
  text: string;
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  siteName: string | null;
  /** Language the page declares (`lang`, meta tags, JSON-LD), as a primary subtag. */
  language: string | null;
  /** False when Readability found no article and the text is the page body less its navigation. */
  mainContent: boolean;
}

/**
 * Pages with more elements than this, or nested deeper, are read as a stream instead of a DOM: a
 * DOM costs memory per element, and Readability's scoring grows with the elements times their depth.
 */
const MAX_DOM_ELEMENTS = 30_000;
const MAX_DOM_DEPTH = 200;

/** @deprecated kept for callers of the interim API; use detectFormat. */
export function looksLikeHtml(text: string, contentType?: string, key?: string): boolean {
  if (contentType?.includes('html') || /\.x?html?$/i.test(key ?? '')) return true;
  return isHtmlDocument(text);
}

/** The interim API: text and title only. */
export function htmlToText(html: string): { text: string; title: string | null } {
  const { text, title } = extractHtml(html);
  return { text, title };
}

export function extractHtml(html: string): HtmlArticle {
  const { parseHTML, Readability } = htmlLibraries();
  const source = isHtmlDocument(html) ? prune(html) : `<!doctype html><html><head></head><body>${prune(html)}</body></html>`;
  const size = measureMarkup(source);
  const large = size.elements > MAX_DOM_ELEMENTS || size.depth > MAX_DOM_DEPTH;
  const streamed = large ? streamPage(source) : null;
  // a large page's metadata comes from a small document of its metadata elements only
  const { document } = parseHTML(streamed?.metadataHtml ?? source);
  const meta = pageMetadata(document as never);
  const declaredTitle = clean(document.getElementsByTagName('title')[0]?.textContent);
  const { headings, siteHeadings } = pageHeadings(document as unknown as Document);
  let article: Article = null;
  if (!large) {
    const stripped = stripUnlikely(withoutFurniture(document as unknown as Document));
    article = readable(Readability, document as unknown as Document);
    if (stripped && (article?.length ?? 0) < RETRY_BELOW) {
      // The story may sit in a block the pre-pass dropped: Readability on the whole page after all.
      const again = readable(Readability, withoutFurniture(parseHTML(source).document as unknown as Document));
      if ((again?.length ?? 0) > (article?.length ?? 0)) article = again;
    }
  }
  const text = streamed?.text ?? articleText(article?.content ?? bodyWithoutChrome(withoutFurniture(parseHTML(source).document as unknown as Document)));
  return {
    text,
    title: headlineOver(pageTitle(meta.title ?? clean(article?.title) ?? declaredTitle, [meta.siteName ?? clean(article?.siteName), ...siteHeadings], headings), headings),
    byline: authorOver(meta.byline ?? bylineName(article?.byline), meta.siteName ?? clean(article?.siteName)),
    publishedAt: meta.publishedAt ?? parseDate(article?.publishedTime ?? null),
    siteName: meta.siteName ?? clean(article?.siteName),
    language: meta.language ?? languageCode(article?.lang),
    mainContent: !!article,
  };
}

type Article = ReturnType<ReadabilityClass<Element>['parse']>;

/**
 * Readability's result on a document, null when it finds nothing or gives up on a malformed page.
 * Its content is the article element itself (a serializer that returns it), read as nodes.
 */
function readable(Readability: HtmlLibraries['Readability'], document: Document): Article {
  try {
    return new Readability<Element>(document, { charThreshold: 250, serializer: (el) => el as Element }).parse();
  } catch {
    return null;
  }
}

/** The article's text, from its nodes, furniture left out once more (Readability keeps some). */
function articleText(root: Element | null | undefined): string {
  if (!root) return '';
  removeFurniture(root as unknown as ElementLike);
  return elementText(root as unknown as NodeLike);
}

/** The document less the furniture its markup names (captions, Wikipedia's chrome, link blocks). */
function withoutFurniture(document: Document): Document {
  if (document.body) removeFurniture(document.body as unknown as ElementLike);
  return document;
}

/** A result shorter than this after the pre-pass is checked against Readability on the whole page. */
const RETRY_BELOW = 500;
// Readability's own first-pass rule (REGEXPS.unlikelyCandidates, okMaybeItsACandidate, UNLIKELY_ROLES).
const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE = /and|article|body|column|content|main|shadow/i;
const BYLINE_HINT = /byline|author|dateline|writtenby|p-author/i;
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);

/**
 * Removes the blocks Readability's first pass removes anyway (comment threads, sidebars, menus,
 * footers, related-article and social blocks, by class, id or role), before Readability runs: its
 * scoring and its copy of the page then work on the story's part of the page only. Elements that
 * may hold the byline, and anything inside tables or code, stay, as in Readability.
 */
function stripUnlikely(document: Document): number {
  const body = document.body;
  if (!body) return 0;
  let removed = 0;
  for (const el of Array.from(body.getElementsByTagName('*'))) {
    const tag = el.localName;
    if (tag === 'a' || tag === 'body' || !el.isConnected) continue;
    const match = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    const unlikely = (UNLIKELY.test(match) && !MAYBE.test(match) && !BYLINE_HINT.test(match)) || UNLIKELY_ROLES.has(el.getAttribute('role') ?? '');
    if (!unlikely || el.closest('table, code')) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/**
 * Drops what can never be article text before the page is parsed: scripts (JSON-LD excepted:
 * metadata), styles, SVG, templates, iframes, selects, navigation blocks, dialogs and comments,
 * and attributes nobody reads. A quarter of a news page's bytes are often inline scripts;
 * parsing them into a DOM is wasted work.
 */
function prune(html: string): string {
  return dropUnreadBlocks(html)
    // White space between block tags: pretty-printed pages get a text node between every two tags.
    .replace(BLOCK_GAP, '$1')
    // Attributes nothing downstream reads: fewer attribute nodes to build.
    .replace(/\s(?:data-[\w-]+|srcset|sizes|on\w+|tabindex|loading|decoding|aria-(?!hidden)[\w-]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '');
}

const UNREAD_OPENING = /<!--|<(script|style|svg|template|iframe|noscript|select|canvas|object|math|nav|dialog)\b/gi;

/**
 * The page less its comments, scripts (JSON-LD kept) and the elements in UNREAD_OPENING, each up to
 * its end. One pass: an end is searched for once, and a kind whose end is nowhere further on is not
 * searched for again (lazy regular expressions would scan to the end of the page for every
 * unclosed `<!--` or `<nav>`).
 */
function dropUnreadBlocks(html: string): string {
  const kept: string[] = [];
  const unclosed = new Set<string>();
  let from = 0;
  UNREAD_OPENING.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = UNREAD_OPENING.exec(html)); ) {
    const name = m[1]?.toLowerCase() ?? '--';
    if (unclosed.has(name)) continue;
    const end = blockEnd(html, m.index, name);
    if (end < 0) {
      unclosed.add(name);
      continue;
    }
    if (name === 'script' && /application\/ld\+json/i.test(html.slice(m.index, html.indexOf('>', m.index)))) {
      UNREAD_OPENING.lastIndex = end;
      continue;
    }
    kept.push(html.slice(from, m.index));
    from = end;
    UNREAD_OPENING.lastIndex = end;
  }
  kept.push(html.slice(from));
  return kept.join('');
}

const END_TAGS = new Map<string, RegExp>();

/** Where the comment or element opening at `at` ends (after its end tag), or -1 when it never does. */
function blockEnd(html: string, at: number, name: string): number {
  if (name === '--') {
    const close = html.indexOf('-->', at + 4);
    return close < 0 ? -1 : close + 3;
  }
  let closing = END_TAGS.get(name);
  if (!closing) END_TAGS.set(name, (closing = new RegExp(`</${name}\\s*>`, 'gi')));
  closing.lastIndex = at;
  const m = closing.exec(html);
  return m ? m.index + m[0].length : -1;
}

const BLOCK_NAMES = 'div|p|li|ul|ol|dl|dt|dd|section|article|header|footer|aside|main|figure|h[1-6]|table|thead|tbody|tfoot|tr|td|th|head|body|html|meta|link|title|blockquote|form|nav|hr|br';
// `[^<>]*`: a tag left open stops the match at the next `<` (`[^>]*` ran on to the page's end for each)
const BLOCK_GAP = new RegExp(`(<\\/?(?:${BLOCK_NAMES})\\b[^<>]*>)\\s+(?=<\\/?(?:${BLOCK_NAMES})\\b)`, 'gi');

const CHROME = 'nav, header, footer, aside, form, dialog, menu, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [aria-hidden="true"], [hidden]';

function bodyWithoutChrome(document: Document): Element | null {
  const body = document.body ?? document.documentElement;
  if (!body) return null;
  for (const el of Array.from(body.querySelectorAll(CHROME))) el.remove();
  return body;
}

/** The first h1 and h2 headings: those in a logo, brand or menu block name the site, the others may be the headline. */
function pageHeadings(document: Document): { headings: string[]; siteHeadings: string[] } {
  const headings: string[] = [];
  const siteHeadings: string[] = [];
  for (const tag of ['h1', 'h2']) {
    for (const h of Array.from(document.getElementsByTagName(tag)).slice(0, 6)) {
      const text = clean(h.textContent);
      if (!text) continue;
      const marks = `${h.getAttribute('class') ?? ''} ${h.getAttribute('id') ?? ''} ${h.parentElement?.getAttribute('class') ?? ''}`;
      if (/logo|brand|site-?(?:name|title)|masthead|menu|navbar/i.test(marks)) siteHeadings.push(text);
      else headings.push(text);
    }
  }
  return { headings, siteHeadings };
}

/**
 * The headline without the site name browsers' titles carry. "Headline | Site" is the common
 * order: the tail goes when it is a site name (metadata, a logo heading) or the head is one of the
 * page's headings, or when the separator is a bar and the tail is short; "Site - Headline" is
 * read only when the head is a known site name.
 */
function pageTitle(title: string | null, siteNames: Array<string | null>, headings: string[]): string | null {
  if (!title) return headings[0] ?? null;
  const key = (a: string | null) => (a ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const sites = new Set(siteNames.map(key).filter(Boolean));
  const isHeading = (a: string) => headings.some((h) => key(h) === key(a));
  for (const re of [/^(.+)\s+([|–—-])\s+(.+?)$/u, /^(.+?)\s+([|–—-])\s+(.+)$/u]) {
    const m = re.exec(title);
    if (!m) continue;
    const [, head, separator, tail] = m;
    if (sites.has(key(tail)) || isHeading(head)) return head;
    if (sites.has(key(head))) return tail;
    if (separator === '|' && tail.split(/\s+/).length <= 4 && head.split(/\s+/).length >= 3) return head;
  }
  return title;
}

/** Words of a site's own title rather than a story's (`Yahoo News - Latest News & Headlines`). */
const GENERIC_TITLE = /^(?:(?:the\s+)?(?:latest|breaking|top|news|headlines?|home(?:page)?|official|site|website|online|today|world|stories|and|&|[-|:–—]|\s)+)$/i;

/**
 * The page's visible headline when the title the page declares is a site's generic one and the
 * page has an h1 that is not the site's name.
 */
function headlineOver(title: string | null, headings: string[]): string | null {
  const headline = headings[0];
  if (!headline || headline.split(/\s+/).length < 3) return title;
  return !title || GENERIC_TITLE.test(title) ? headline : title;
}

/** The author the metadata names, unless it names the publication (`Sky` on a Sky News page). */
function authorOver(author: string | null, siteName: string | null): string | null {
  if (!author) return null;
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const site = siteName ? key(siteName) : '';
  const name = key(author);
  return site && (site === name || site.startsWith(`${name} `)) ? null : author;
}

function clean(value: string | null | undefined): string | null {
  const s = value?.replace(/\s+/g, ' ').trim();
  return s || null;
}
