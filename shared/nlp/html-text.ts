/**
 * Text of HTML, read from its nodes (never from serialized markup: an attribute that holds the
 * article escaped once more, as some pages do, is not text), laid out as a reader sees it: a blank
 * line between blocks, a line break between list items and table rows. Captions, media and controls
 * are left out. Used on a DOM element (html.ts) and fed by the streaming reader (html-stream.ts).
 */

/** Elements whose text is never article text, wherever they are. */
export const SKIPPED_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'object', 'iframe', 'select', 'option', 'textarea',
  'button', 'audio', 'video', 'picture', 'figcaption', 'head',
]);
export const LINE_ELEMENTS = new Set(['li', 'dt', 'dd', 'tr', 'caption', 'br']);
export const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'dl', 'table', 'tbody', 'thead', 'tfoot', 'section',
  'article', 'figure', 'pre', 'hr', 'main', 'address', 'details', 'summary', 'center', 'fieldset', 'hgroup', 'body', 'html',
  'header', 'footer', 'aside', 'nav', 'form', 'menu',
]);

/** Text with the page's block structure: blank lines between blocks, line breaks between list items and rows. */
export class TextLayout {
  private readonly parts: string[] = [];
  /** The break owed before the next text: 0 none, 1 a line, 2 a paragraph. */
  private owed = 0;

  /** At the start or the end of an element. */
  boundary(element: string): void {
    if (BLOCK_ELEMENTS.has(element)) this.owed = 2;
    else if (LINE_ELEMENTS.has(element)) this.owed = Math.max(this.owed, 1);
    else if (element === 'td' || element === 'th') this.parts.push(' ');
  }

  append(data: string): void {
    const text = data.replace(/[ \t\n\r\f\u00a0]+/g, ' ');
    if (text === ' ' || !text) {
      if (text) this.parts.push(' ');
      return;
    }
    if (this.owed && this.parts.length) this.parts.push(this.owed === 2 ? '\n\n' : '\n');
    this.owed = 0;
    this.parts.push(text);
  }

  toString(): string {
    return this.parts
      .join('')
      .replace(/[ \t]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

/** The subset of a DOM node the walk reads (linkedom provides it). */
export interface NodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<NodeLike>;
}

const ELEMENT = 1;
const TEXT = 3;

/**
 * The text of an element, laid out; `skip` may leave out more elements (furniture found by class
 * names or link density). Iterative: a page may nest elements thousands deep.
 */
export function elementText(root: NodeLike, skip: (element: NodeLike) => boolean = () => false): string {
  const layout = new TextLayout();
  // nodes to visit, and markers (strings) for the ends of elements, in reverse order
  const stack: Array<NodeLike | string> = [root];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      layout.boundary(item);
      continue;
    }
    if (item.nodeType === TEXT) {
      layout.append(item.textContent ?? '');
      continue;
    }
    if (item.nodeType !== ELEMENT) continue;
    const name = item.nodeName.toLowerCase();
    if (SKIPPED_ELEMENTS.has(name) || skip(item)) continue;
    layout.boundary(name);
    stack.push(name);
    const children = item.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return layout.toString();
}
