/**
 * Article metadata where it stands: in plain text (the byline, date and dateline lines at the head
 * of the story) and in an HTML page's head (meta tags, JSON-LD, the `lang` attribute).
 */
import type { FurnitureLine } from './furniture.ts';
import { parseDate } from './pubdate.ts';
import type { Span } from './types.ts';

export interface ArticleMetadata {
  byline: string | null;
  /** ISO 8601: `YYYY-MM-DD`, or a full timestamp when the source gave a time and a zone. */
  publishedAt: string | null;
}

export interface Dateline {
  /** The place as written: `PARIS`, `SAN FRANCISCO`, `Kyiv`. */
  place: string;
  /** The news agency in brackets, when given: `Reuters`, `AP`. */
  source: string | null;
  /** Where the place is written in the text. */
  span: Span;
  /** Where the agency in brackets is written, brackets included. */
  sourceSpan: Span | null;
}

/** How many lines from the top of a text a byline or date line may stand. */
const HEAD_LINES = 12;

/** Byline and publication date from the furniture lines found at the head of a plain text. */
export function textMetadata(text: string, furniture: FurnitureLine[]): ArticleMetadata {
  let byline: string | null = null;
  let publishedAt: string | null = null;
  const headEnd = headLimit(text);
  for (const line of furniture) {
    if (line.begin > headEnd) break;
    if (line.kind === 'byline' && !byline) byline = bylineName(line.text);
    if ((line.kind === 'timestamp' || line.kind === 'byline') && !publishedAt) {
      if (!/^(?:(?:last )?updated|modified)\b/i.test(line.text)) publishedAt = parseDate(line.text);
    }
  }
  return { byline, publishedAt };
}

/** Offset of the end of the first HEAD_LINES non-blank lines. */
function headLimit(text: string): number {
  let seen = 0;
  let end = text.length;
  for (const m of nonBlankLines(text, 0)) {
    end = m.index + m[0].length;
    if (++seen >= HEAD_LINES) break;
  }
  return end;
}

/**
 * The lines from `from` on that hold more than white space. (A pattern like `[^\n]*\S[^\n]*`
 * would say it in one go, but it retries at every position of a long blank run: quadratic, and an
 * upload of blanked page furniture has runs of hundreds of kilobytes.)
 */
function* nonBlankLines(text: string, from: number): Generator<RegExpExecArray> {
  const line = /[^\n]+/g;
  line.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = line.exec(text))) if (/\S/.test(m[0])) yield m;
}

/** "By JANE DOE and John Roe, Staff Writers | March 5" -> "Jane Doe and John Roe". */
/** News agencies a byline may carry after the author's name (`ERIC TUCKER Associated Press`). */
const AGENCY = /[\s,;|·•]+(?:the )?(?:associated press|reuters|afp|agence france-presse|ap|bloomberg|press association|pa media|dpa|ansa|efe|xinhua|kyodo)$/i;

export function bylineName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  // an author's name and the agency after it, in elements of their own, read as one string
  let s = raw.replace(/(\p{Lu}{2,})(\p{Lu}\p{Ll})/gu, '$1 $2').replace(/\s+/g, ' ').trim();
  s = s.replace(/^\(?(?:written by|words by|story by|reported by|reporting by|posted by|text by|by)\s+/i, '');
  s = s.replace(/;.*$/, ''); // "; Editing by ..."
  s = s.replace(/\s*(?:[|•·]|\s[–—-]\s).*$/, ''); // "| March 5", " - Staff"
  s = s.replace(/,\s*(?:(?:senior|chief|staff|special|foreign|political|contributing|deputy|associate|[a-z]+)\s+)*(?:writers?|reporters?|correspondents?|editors?|columnists?|contributors?|journalists?|photographers?|producers?)\b.*$/i, '');
  s = s.replace(/\s+in\s+\p{Lu}[\p{L}\s]*$/u, ''); // "in Paris"
  s = s.replace(/[.,;)]+$/, '').trim();
  s = s.replace(AGENCY, '').trim();
  if (!s || s.length > 120 || /^https?:/i.test(s)) return null;
  // Names written in capitals read better in title case.
  if (!/\p{Ll}/u.test(s)) s = s.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase()).replace(/\bAnd\b/g, 'and');
  return s;
}

const DATELINE =
  /^(\p{Lu}[\p{L}.'’-]*(?:[ ]+(?:\p{Lu}[\p{L}.'’-]*|de|da|del|do|dos|el|la|le|les|sur|am|an|upon))*)((?:,\s*\p{Lu}[\p{L}.'’]*(?:\s\p{Lu}[\p{L}.'’]*){0,2})?)((?:,?\s*\p{L}{3,9}\.?\s+\d{1,2})?)\s*(?:\(([^()\n]{2,30})\))?\s*(?:(--|—|–)\s*|(-|:)\s+)(?=\S)/u;

/**
 * A dateline opening the first paragraph of the story: `PARIS –`, `PARIS (Reuters) -`,
 * `WASHINGTON, March 3 (Reuters) -`, `SAN FRANCISCO, Calif. —`, `Kyiv (AP) —`. Without an agency in
 * brackets the place must be written in capitals, as datelines are.
 */
export function findDateline(text: string, skipUntil = 0): Dateline | null {
  let lines = 0;
  for (const m of nonBlankLines(text, skipUntil)) {
    if (lines++ >= 4) break;
    const lead = m[0].length - m[0].trimStart().length;
    const line = m[0].trim();
    const d = DATELINE.exec(line);
    if (!d) continue;
    const [, place, , , source, dash, hyphen] = d;
    const separator = dash ?? hyphen;
    const letters = place.replace(/[^\p{L}]/gu, '');
    if (letters.length < 2 || place.split(/\s+/).length > 4) continue;
    const capitals = !/\p{Ll}/u.test(place.replace(/\b(?:de|da|del|do|dos|el|la|le|les|sur|am|an|upon)\b/g, ''));
    if (!source && (!capitals || letters.length < 3)) continue;
    if (separator === ':' && !capitals) continue;
    if (source && /\d/.test(source)) continue;
    // `SOCCER - LEICESTERSHIRE TAKE OVER AT TOP` is a headline in capitals, not a dateline: a
    // dateline runs on into ordinary prose.
    if (!/\p{Ll}/u.test(line.slice(d[0].length))) continue;
    const begin = m.index + lead;
    const name = place.replace(/[.,]+$/, '');
    let sourceSpan: Span | null = null;
    if (source) {
      const at = d[0].lastIndexOf(`(${source})`);
      sourceSpan = { text: `(${source})`, begin: begin + at, end: begin + at + source.length + 2 };
    }
    return { place: name, source: source?.trim() ?? null, span: { text: name, begin, end: begin + name.length }, sourceSpan };
  }
  return null;
}

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  siteName: string | null;
  language: string | null;
}

/** The subset of a DOM document that metadata extraction reads (linkedom provides it). */
interface DocumentLike {
  documentElement: ElementLike | null;
  head?: ElementLike | null;
  querySelector(selector: string): ElementLike | null;
}
interface ElementLike {
  getAttribute(name: string): string | null;
  textContent: string | null;
  getElementsByTagName(name: string): ArrayLike<ElementLike>;
}

const ARTICLE_TYPES = /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|SocialMediaPosting|WebPage)$/;

/** Title, byline, publication time, site name and language from a page's meta tags and JSON-LD. */
export function pageMetadata(document: DocumentLike): PageMetadata {
  const meta = new Map<string, string>();
  // getElementsByTagName: linkedom's querySelectorAll compiles a selector and is slow on big pages.
  const head = document.head ?? document.documentElement;
  for (const el of Array.from(head?.getElementsByTagName('meta') ?? [])) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !meta.has(key)) meta.set(key, content);
    }
  }
  const ld = jsonLdArticle(document);
  const first = (...keys: string[]) => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v) return v;
    }
    return null;
  };
  const author = ldNames(ld?.author) ?? nonUrl(first('author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl', 'twitter:creator'));
  // Selectors over the whole body are slow on a big page: only when the head said nothing.
  const relAuthor = author ? null : document.querySelector('[rel="author"], [itemprop="author"]')?.textContent?.trim() || null;
  let published =
    parseDate(str(ld?.datePublished)) ??
    parseDate(first('article:published_time', 'og:article:published_time', 'datepublished', 'parsely-pub-date', 'sailthru.date', 'pubdate', 'publishdate', 'publish-date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'citation_publication_date', 'article.published')) ??
    parseDate(str(ld?.dateCreated));
  if (!published) {
    const time = document.querySelector('time[itemprop="datePublished"], time[pubdate], time[datetime]');
    published = parseDate(time?.getAttribute('datetime') ?? time?.textContent ?? null);
  }
  const lang =
    document.documentElement?.getAttribute('lang') ??
    first('content-language', 'og:locale', 'dc.language', 'language') ??
    str(ld?.inLanguage);
  return {
    title: clean(str(ld?.headline) ?? first('og:title', 'twitter:title', 'dc.title', 'sailthru.title', 'parsely-title')),
    byline: bylineName(author ?? relAuthor),
    publishedAt: published,
    siteName: clean(first('og:site_name', 'application-name', 'al:ios:app_name') ?? ldNames((ld?.publisher as Record<string, unknown> | undefined) ?? null)),
    language: languageCode(lang),
  };
}

/** `en-GB`, `en_US`, `EN` -> `en`; null for anything that is not a language tag. */
export function languageCode(tag: string | null | undefined): string | null {
  const m = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]+)*\s*$/i.exec(tag ?? '');
  return m ? m[1].toLowerCase() : null;
}

function jsonLdArticle(document: DocumentLike): Record<string, unknown> | null {
  const found: Record<string, unknown>[] = [];
  for (const el of Array.from(document.documentElement?.getElementsByTagName('script') ?? [])) {
    if (!/ld\+json/i.test(el.getAttribute('type') ?? '')) continue;
    let value: unknown;
    try {
      value = JSON.parse(el.textContent ?? '');
    } catch {
      continue;
    }
    collect(value, found, 0);
  }
  // A news article outranks a generic WebPage.
  return found.find((o) => !/WebPage/.test(String(o['@type']))) ?? found[0] ?? null;
}

function collect(value: unknown, out: Record<string, unknown>[], depth: number): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1);
    return;
  }
  const o = value as Record<string, unknown>;
  const types = ([] as unknown[]).concat(o['@type'] ?? []);
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) out.push(o);
  if (o['@graph']) collect(o['@graph'], out, depth + 1);
  if (o.mainEntity) collect(o.mainEntity, out, depth + 1);
}

function ldNames(value: unknown): string | null {
  const names = ([] as unknown[])
    .concat(value ?? [])
    .map((v) => (typeof v === 'string' ? v : typeof v === 'object' && v ? str((v as Record<string, unknown>).name) : null))
    .filter((v): v is string => !!v && !/^https?:/i.test(v));
  if (!names.length) return null;
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return str(value[0]);
  return null;
}

function nonUrl(value: string | null): string | null {
  return value && !/^(?:https?:|www\.|@)/i.test(value) ? value : null;
}

function clean(value: string | null): string | null {
  const s = value?.replace(/\s+/g, ' ').trim();
  return s || null;
}
