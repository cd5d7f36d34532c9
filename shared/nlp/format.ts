import { looksLikeMarkdown } from './markdown.ts';

export type ArticleFormat = 'text' | 'markdown' | 'html';

/**
 * What an upload is, from (in order) its content type, its file name and its content.
 *
 * - A content type that names HTML or Markdown decides. `text/plain` or a `.txt` name is text,
 *   unless the content is plainly a whole HTML document (a saved page renamed to `.txt`).
 * - Otherwise `.html`/`.htm`/`.xhtml` and `.md`/`.markdown` names decide.
 * - Otherwise the content: an HTML document, or text dense in HTML block tags, is HTML; text with
 *   two or more distinct Markdown signs (front matter, `#` headings, `[links](url)`, `**bold**`,
 *   fences, tables) is Markdown; anything else is text.
 */
export function detectFormat(text: string, contentType?: string, key?: string): ArticleFormat {
  const type = (contentType ?? '').toLowerCase().split(';')[0].trim();
  if (/^(?:text\/html|application\/xhtml\+xml)$/.test(type)) return 'html';
  if (/^text\/(?:x-)?markdown$/.test(type)) return 'markdown';
  const name = (key ?? '').toLowerCase();
  const plain = type === 'text/plain' || /\.txt$/.test(name);
  if (isHtmlDocument(text)) return 'html';
  if (plain) return 'text';
  if (/\.(?:x?html?|xht)$/.test(name)) return 'html';
  if (/\.(?:md|markdown|mdown|mkd|mkdn)$/.test(name)) return 'markdown';
  if (isTagSoup(text)) return 'html';
  if (looksLikeMarkdown(text)) return 'markdown';
  return 'text';
}

/** Starts like an HTML document: a doctype, `<html>`, or `<head>`/`<body>` after an XML prolog or comments. */
export function isHtmlDocument(text: string): boolean {
  const head = text.slice(0, 2048).replace(/^\ufeff/, '').replace(/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*/, '');
  return /^<!doctype\s+html/i.test(head) || /^<(?:html|head|body)[\s>]/i.test(head);
}

/** A fragment of HTML without a document around it: several block tags, and tags make up a real share of the text. */
function isTagSoup(text: string): boolean {
  const sample = text.slice(0, 20_000);
  const blocks = sample.match(/<(?:p|div|article|section|h[1-6]|ul|ol|li|table|br|span|a)\b[^>]*>/gi)?.length ?? 0;
  if (blocks < 3) return false;
  const closing = sample.match(/<\/(?:p|div|article|section|h[1-6]|li|span|a)>/gi)?.length ?? 0;
  return closing >= 2 && /^\s*</.test(sample);
}
