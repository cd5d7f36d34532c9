/**
 * Page furniture recognized from the DOM, in any language: by what pages call it (class names,
 * ids, roles), by how it is made (a block that is mostly links), and by where it stands (what
 * follows a Wikipedia article's References heading). The line rules of furniture.ts read English
 * text; these read the markup, so a Portuguese tag list goes as an English one does.
 */

/** The subset of a DOM element read here (linkedom provides it). */
export interface ElementLike {
  localName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  getElementsByTagName(name: string): ArrayLike<ElementLike>;
  previousElementSibling: ElementLike | null;
  nextElementSibling: ElementLike | null;
  parentElement: ElementLike | null;
  children: ArrayLike<ElementLike>;
  remove(): void;
}

const nameWords = (words: string[]) => new RegExp(`(?:^|[\\s_-])(?:${words.join('|')})(?:$|[\\s_-])`, 'i');

/**
 * Class names and ids of furniture, matched as words of the attribute (`-` and `_` separate them).
 * Always furniture: captions and credits, and Wikipedia's editing links, citations, contents,
 * infoboxes and navigation boxes.
 */
const FURNITURE_NAME = nameWords([
  'caption', 'captions', 'caption-text', 'wp-caption-text', 'figcaption', 'credit', 'credits', 'photo-credit', 'image-credit',
  'mw-editsection', 'reference', 'references', 'reflist', 'toc', 'infobox', 'navbox', 'hatnote', 'noprint', 'mw-jump-link',
  'sistersitebox', 'ambox', 'thumbcaption', 'gallerytext', 'mw-cite-backlink',
]);
/**
 * Furniture when short (these words also name wrappers: `post has-comments`, `social-story`):
 * sharing and newsletter prompts, related and recommended stories, tag lists, comment notices.
 */
const SHORT_FURNITURE_NAME = nameWords([
  'share', 'sharing', 'social', 'newsletter', 'subscribe', 'subscription', 'signup', 'promo', 'advert', 'advertisement', 'ad-slot',
  'sponsored', 'related', 'recommended', 'recommendations', 'read-more', 'more-stories', 'most-read', 'most-popular', 'trending',
  'outbrain', 'taboola', 'tags', 'tag-list', 'tagcloud', 'breadcrumb', 'breadcrumbs', 'comments', 'comment-policy',
]);
/** The most text a block named like furniture may hold and still be taken for it. */
const SHORT = 600;

/** Section headings after which a Wikipedia-style article has only references and links. */
const END_SECTIONS = /^(?:references|notes|footnotes|citations|sources|bibliography|further reading|external links|see also|referencias|références|notes et références|liens externes|voir aussi|einzelnachweise|weblinks|literatur|siehe auch|referências|ligações externas|ver também|note|bibliografia|collegamenti esterni|voci correlate)$/i;

/** Blocks that may be a list of links rather than text. */
const LINK_BLOCKS = new Set(['ul', 'ol', 'div', 'section', 'aside', 'nav', 'table', 'p', 'dl']);

/** Whether the element is furniture by its name, its role or its being hidden. */
export function isNamedFurniture(el: ElementLike): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  if (style && /display\s*:\s*none/i.test(style)) return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (names.length < 2) return false;
  if (FURNITURE_NAME.test(names)) return true;
  return SHORT_FURNITURE_NAME.test(names) && compact(el.textContent).length <= SHORT;
}

/**
 * Whether a block is mostly links (a related-stories list, a tag list, a table of contents): at
 * least two links carrying over 70 % of its text, in under 1,000 characters.
 */
export function isLinkBlock(el: ElementLike): boolean {
  if (!LINK_BLOCKS.has(el.localName)) return false;
  const links = el.getElementsByTagName('a');
  if (links.length < 2) return false;
  const text = compact(el.textContent);
  if (!text || text.length > 1_000) return false;
  let linked = 0;
  for (let i = 0; i < links.length; i++) linked += compact(links[i].textContent).length;
  return linked / text.length > 0.7;
}

/**
 * Removes the furniture of an article element: named furniture, link blocks with the short heading
 * that introduces them (`SEE MORE`, `Leia também`), and everything from a References-like section
 * heading on. Returns how many elements went.
 */
export function removeFurniture(root: ElementLike): number {
  let removed = 0;
  for (const el of descendants(root)) {
    if (!isAttached(el, root)) continue;
    if (isEndHeading(el)) {
      removed += removeFromHere(el);
      continue;
    }
    if (!isNamedFurniture(el) && !isLinkBlock(el)) continue;
    const heading = el.previousElementSibling;
    if (heading && isShortHeading(heading) && isLinkBlock(el)) {
      heading.remove();
      removed++;
    }
    el.remove();
    removed++;
  }
  return removed;
}

function isEndHeading(el: ElementLike): boolean {
  if (!/^h[2-4]$/.test(el.localName)) return false;
  return END_SECTIONS.test(compact(el.textContent).replace(/\[\s*edit\s*\]$/i, '').trim());
}

/** The heading and its following siblings (a Wikipedia section runs on as siblings of its heading). */
function removeFromHere(heading: ElementLike): number {
  let removed = 0;
  // a heading wrapped in a div (newer Wikipedia skins): its siblings are the wrapper's
  const start = heading.parentElement && /mw-heading/.test(heading.parentElement.getAttribute('class') ?? '') ? heading.parentElement : heading;
  for (let el: ElementLike | null = start; el; ) {
    const next: ElementLike | null = el.nextElementSibling;
    el.remove();
    removed++;
    el = next;
  }
  return removed;
}

/** A heading of a few words: an h2-h6, or a short line in bold or in capitals. */
function isShortHeading(el: ElementLike): boolean {
  const text = compact(el.textContent);
  if (!text || text.split(' ').length > 6) return false;
  if (/^h[2-6]$/.test(el.localName)) return true;
  return (el.localName === 'p' || el.localName === 'div' || el.localName === 'strong') && (text === text.toUpperCase() || el.getElementsByTagName('strong').length > 0);
}

/** The elements under `root`, in document order (linkedom's getElementsByTagName('*') finds none). */
function descendants(root: ElementLike): ElementLike[] {
  const out: ElementLike[] = [];
  const stack: ElementLike[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]);
  while (stack.length) {
    const el = stack.pop()!;
    out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
  return out;
}

function isAttached(el: ElementLike, root: ElementLike): boolean {
  for (let p: ElementLike | null = el; p; p = p.parentElement) if (p === root) return true;
  return false;
}

function compact(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
