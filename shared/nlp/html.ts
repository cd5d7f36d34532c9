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
import { htmlLibraries } from './html-libs.ts';
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

/** Pages with more elements than this skip Readability (its scoring is superlinear) and use the body text. */
const MAX_ELEMENTS = 30_000;

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
  const { document } = parseHTML(source);
  const meta = pageMetadata(document as never);
  const declaredTitle = clean(document.getElementsByTagName('title')[0]?.textContent);
  const headings = Array.from(document.getElementsByTagName('h1')).slice(0, 5).map((h) => clean(h.textContent)).filter((h): h is string => !!h);
  let article: ReturnType<InstanceType<typeof Readability<string>>['parse']> = null;
  const elements = document.getElementsByTagName('*').length;
  if (elements <= MAX_ELEMENTS) {
    try {
      article = new Readability(document as unknown as Document, { charThreshold: 250 }).parse();
    } catch {
      article = null; // Readability gives up on malformed pages; the body text below stands in.
    }
  }
  const content = article?.content ?? bodyWithoutChrome(document as unknown as Document)?.innerHTML ?? '';
  const text = fragmentText(content);
  return {
    text,
    title: pageTitle(meta.title ?? clean(article?.title) ?? declaredTitle, meta.siteName ?? clean(article?.siteName), headings),
    byline: meta.byline ?? bylineName(article?.byline),
    publishedAt: meta.publishedAt ?? parseDate(article?.publishedTime ?? null),
    siteName: meta.siteName ?? clean(article?.siteName),
    language: meta.language ?? languageCode(article?.lang),
    mainContent: !!article,
  };
}

/**
 * Drops what can never be article text before the page is parsed: scripts (JSON-LD excepted:
 * metadata), styles, SVG, templates, iframes, selects, navigation blocks, dialogs and comments,
 * and attributes nobody reads. A quarter of a news page's bytes are often inline scripts;
 * parsing them into a DOM is wasted work.
 */
function prune(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi, (whole, attrs: string) => (/application\/ld\+json/i.test(attrs) ? whole : ''))
    .replace(/<(style|svg|template|iframe|noscript|select|canvas|object|math|nav|dialog)\b[\s\S]*?<\/\1\s*>/gi, '')
    // White space between block tags: pretty-printed pages get a text node between every two tags.
    .replace(BLOCK_GAP, '$1')
    // Attributes nothing downstream reads: fewer attribute nodes to build.
    .replace(/\s(?:data-[\w-]+|srcset|sizes|on\w+|tabindex|loading|decoding|aria-(?!hidden)[\w-]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '');
}

const BLOCK_NAMES = 'div|p|li|ul|ol|dl|dt|dd|section|article|header|footer|aside|main|figure|h[1-6]|table|thead|tbody|tfoot|tr|td|th|head|body|html|meta|link|title|blockquote|form|nav|hr|br';
const BLOCK_GAP = new RegExp(`(<\\/?(?:${BLOCK_NAMES})\\b[^>]*>)\\s+(?=<\\/?(?:${BLOCK_NAMES})\\b)`, 'gi');

const CHROME = 'nav, header, footer, aside, form, dialog, menu, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [aria-hidden="true"], [hidden]';

function bodyWithoutChrome(document: Document): Element | null {
  const body = document.body ?? document.documentElement;
  if (!body) return null;
  for (const el of Array.from(body.querySelectorAll(CHROME))) el.remove();
  return body;
}

const SKIPPED = /<(figcaption|button|textarea|audio|video|picture|object|select|option|template|script|style|noscript|svg|canvas)\b[\s\S]*?<\/\1\s*>/gi;
const LINE_TAGS = /<\/?(?:li|dt|dd|tr|caption)\b[^>]*>/gi;
const BLOCK_TAGS = /<\/?(?:p|div|h[1-6]|blockquote|ul|ol|dl|table|tbody|thead|tfoot|section|article|header|footer|figure|pre|hr|main|aside|nav|address|details|summary|center|fieldset|hgroup|menu|body|html)\b[^>]*>/gi;
const NAMED_REFS: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“',
  hellip: '…', laquo: '«', raquo: '»', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', yen: '¥',
  cent: '¢', deg: '°', eacute: 'é', egrave: 'è', aacute: 'á', agrave: 'à', oacute: 'ó', uacute: 'ú', iacute: 'í', ntilde: 'ñ',
  ccedil: 'ç', uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß', times: '×', shy: '', zwj: '', zwnj: '', thinsp: ' ', ensp: ' ', emsp: ' ',
};

/**
 * The text of an HTML fragment (Readability's clean article markup), one paragraph per block
 * element, a line per list item or table row; captions, media and controls left out.
 */
export function fragmentText(html: string): string {
  return html
    .replace(/\s+/g, ' ')
    .replace(SKIPPED, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(LINE_TAGS, '\u0001')
    .replace(BLOCK_TAGS, '\u0002')
    .replace(/<(?:td|th)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    // A run of tags with a block among them is a paragraph break; of line tags only, a line break.
    .replace(/[\u0001\u0002\s]*\u0002[\u0001\u0002\s]*/g, '\n\n')
    .replace(/[\u0001\s]*\u0001[\u0001\s]*/g, (run) => (run.includes('\n\n') ? '\n\n' : '\n'))
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => decodeReference(ref) ?? whole)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeReference(ref: string): string | undefined {
  if (ref[0] !== '#') return NAMED_REFS[ref] ?? NAMED_REFS[ref.toLowerCase()];
  const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : undefined;
}

/**
 * The headline without the site name browsers' titles carry. "Headline | Site" is the common
 * order: the tail goes when it is the site name or the head is one of the page's h1 headings, or
 * when the separator is a bar and the tail is short; "Site - Headline" is read only when the head
 * is the known site name.
 */
function pageTitle(title: string | null, siteName: string | null, headings: string[]): string | null {
  if (!title) return headings[0] ?? null;
  const key = (a: string | null) => (a ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const site = key(siteName);
  const isHeading = (a: string) => headings.some((h) => key(h) === key(a));
  for (const re of [/^(.+)\s+([|–—-])\s+(.+?)$/u, /^(.+?)\s+([|–—-])\s+(.+)$/u]) {
    const m = re.exec(title);
    if (!m) continue;
    const [, head, separator, tail] = m;
    if ((site && key(tail) === site) || isHeading(head)) return head;
    if (site && key(head) === site) return tail;
    if (separator === '|' && tail.split(/\s+/).length <= 4 && head.split(/\s+/).length >= 3) return head;
  }
  return title;
}

function clean(value: string | null | undefined): string | null {
  const s = value?.replace(/\s+/g, ' ').trim();
  return s || null;
}
