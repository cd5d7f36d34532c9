/**
 * HTML read as a stream of tags and text (htmlparser2, the parser linkedom builds its DOM with),
 * with no DOM: memory follows the text, not the number of elements, and nesting depth costs
 * nothing. Used to measure a page before a DOM is built for it, and to read the pages too large or
 * too deeply nested for one (a DOM of half a million elements takes gigabytes; Readability's
 * scoring grows with the elements times their depth).
 */
import { Parser, type Handler } from 'htmlparser2';
import { SKIPPED_ELEMENTS, TextLayout } from './html-text.ts';

export interface MarkupSize {
  elements: number;
  /** The deepest nesting of elements, with the end tags HTML implies (`<p>` before a block) applied. */
  depth: number;
}

/** How many elements the page has and how deep they nest. */
export function measureMarkup(html: string): MarkupSize {
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  parse(html, {
    onopentag() {
      elements++;
      depth++;
      if (depth > deepest) deepest = depth;
    },
    onclosetag() {
      depth--;
    },
  });
  return { elements, depth: deepest };
}

export interface StreamedPage {
  /** The body's text less chrome, one paragraph per block, laid out as html-text.ts lays out a DOM's. */
  text: string;
  /**
   * A small HTML document of what metadata is read from (`<html lang>`, title, meta tags, JSON-LD,
   * the first headings, `<time>` and author elements), to parse into a DOM of a few elements.
   */
  metadataHtml: string;
}

/** Elements the streaming reader leaves out besides the skipped ones: the page's chrome (it has no Readability). */
const CHROME_ELEMENTS = new Set(['nav', 'header', 'footer', 'aside', 'form', 'dialog', 'menu']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary']);
/** Headings and other metadata elements kept for the metadata document, at most this many of each. */
const MAX_KEPT = 6;

/** The text and the metadata of a page, in one pass. */
export function streamPage(html: string): StreamedPage {
  const text = new TextLayout();
  const metadata = new MetadataCollector();
  // per open element: whether it starts a skipped subtree
  const skipping: boolean[] = [];
  let skipped = 0;
  parse(html, {
    onopentag(name, attributes) {
      metadata.open(name, attributes);
      const skip = SKIPPED_ELEMENTS.has(name) || CHROME_ELEMENTS.has(name) || isChrome(attributes);
      skipping.push(skip);
      if (skip) skipped++;
      if (skipped === 0) text.boundary(name);
    },
    ontext(data) {
      metadata.text(data);
      if (skipped === 0) text.append(data);
    },
    onclosetag(name) {
      metadata.close(name);
      if (skipping.pop()) skipped--;
      if (skipped === 0) text.boundary(name);
    },
  });
  return { text: text.toString(), metadataHtml: metadata.toHtml() };
}

function parse(html: string, handler: Partial<Handler>): void {
  const parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  // htmlparser2 keeps its open elements with the innermost first, moved by unshift and shift: each
  // costs the depth, and fifty thousand nested `<div>` cost billions of moves. The same stack kept
  // innermost last does each step in constant time (indexOf in the elements it then closes).
  const internals = parser as unknown as { stack: unknown; foreignContext: unknown };
  internals.stack = topFirstStack<string>();
  internals.foreignContext = topFirstStack<boolean>([false]);
  parser.write(html);
  parser.end();
}

/**
 * An array-like stack whose index 0 is the top, as htmlparser2's Parser (10.x) reads and writes
 * its `stack` and `foreignContext`: `unshift`, `shift`, `indexOf`, `[i]`, `length`.
 */
function topFirstStack<T>(initial: T[] = []): unknown {
  const items = [...initial];
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  const stack = {
    unshift(item: T): number {
      counts.set(item, (counts.get(item) ?? 0) + 1);
      return items.push(item);
    },
    shift(): T | undefined {
      const item = items.pop();
      if (item !== undefined) counts.set(item, counts.get(item)! - 1);
      return item;
    },
    indexOf(item: T): number {
      // an element with no open match costs nothing; a match costs what closing up to it costs
      if (!counts.get(item)) return -1;
      return items.length - 1 - items.lastIndexOf(item);
    },
  };
  return new Proxy(stack, {
    get(target, property) {
      if (property === 'length') return items.length;
      if (typeof property === 'string' && /^\d+$/.test(property)) return items[items.length - 1 - Number(property)];
      return target[property as keyof typeof target];
    },
    set(_target, property, value) {
      if (property !== 'length') return false;
      items.length = Math.min(items.length, value as number);
      counts.clear();
      for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
      return true;
    },
  });
}

function isChrome(attributes: Record<string, string>): boolean {
  return CHROME_ROLES.has(attributes.role ?? '') || attributes['aria-hidden'] === 'true' || 'hidden' in attributes;
}

/** The few elements metadata extraction reads, kept while the page streams by. */
class MetadataCollector {
  private lang: string | null = null;
  private readonly head: string[] = [];
  private readonly body: string[] = [];
  private readonly counts = new Map<string, number>();
  /** The kept element whose text is being collected, and that text. */
  private capturing: { name: string; open: string; text: string[] } | null = null;
  /** The class of each open element, for a heading's parent. */
  private readonly classes: string[] = [];

  open(name: string, attributes: Record<string, string>): void {
    const parentClass = this.classes.at(-1) ?? '';
    this.classes.push(attributes.class ?? '');
    if (name === 'html') this.lang ??= attributes.lang ?? null;
    if (this.capturing) return;
    if (name === 'meta') {
      if (this.take('meta', 200)) this.head.push(element('meta', attributes));
      return;
    }
    const kept =
      name === 'title' ||
      (name === 'script' && /ld\+json/i.test(attributes.type ?? '')) ||
      name === 'h1' ||
      name === 'h2' ||
      name === 'time' ||
      attributes.rel === 'author' ||
      attributes.itemprop === 'author';
    if (kept && this.take(name, MAX_KEPT)) {
      // pageHeadings reads a heading's parent's class (a logo block): keep it on a wrapper
      const open = element(name, attributes);
      this.capturing = { name, open: /^h[12]$/.test(name) ? `<div class="${escapeAttribute(parentClass)}">${open}` : open, text: [] };
    }
  }

  text(data: string): void {
    this.capturing?.text.push(data);
  }

  close(name: string): void {
    this.classes.pop();
    const capture = this.capturing;
    if (!capture || capture.name !== name) return;
    this.capturing = null;
    const inner = capture.name === 'script' ? capture.text.join('').replace(/<\/script/gi, '<\\/script') : escapeText(capture.text.join(''));
    const html = `${capture.open}${inner}</${name}>${/^h[12]$/.test(name) ? '</div>' : ''}`;
    (name === 'title' || name === 'script' ? this.head : this.body).push(html);
  }

  toHtml(): string {
    const lang = this.lang === null ? '' : ` lang="${escapeAttribute(this.lang)}"`;
    return `<!doctype html><html${lang}><head>${this.head.join('')}</head><body>${this.body.join('')}</body></html>`;
  }

  private take(name: string, max: number): boolean {
    const count = this.counts.get(name) ?? 0;
    this.counts.set(name, count + 1);
    return count < max;
  }
}

function element(name: string, attributes: Record<string, string>): string {
  const attrs = Object.entries(attributes)
    .filter(([attr]) => /^[a-z][a-z0-9:_.-]*$/.test(attr))
    .map(([attr, value]) => ` ${attr}="${escapeAttribute(value)}"`)
    .join('');
  return `<${name}${attrs}>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
