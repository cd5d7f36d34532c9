/**
 * Interim HTML handling (issue 5 brings a real main-content extractor): drops scripts, styles and
 * tags, keeps block boundaries as line breaks and decodes the common character references.
 */
export function looksLikeHtml(text: string, contentType?: string, key?: string): boolean {
  if (contentType?.includes('html') || /\.x?html?$/i.test(key ?? '')) return true;
  return /^\s*(?:<!doctype html|<html[\s>])/i.test(text);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', hellip: '…' };

export function htmlToText(html: string): { text: string; title: string | null } {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const text = html
    .replace(/<(script|style|noscript|template|head|nav|footer|aside)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(?:br|\/p|\/div|\/h[1-6]|\/li|\/tr|\/section|\/article|\/header)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => decodeReference(ref) ?? whole)
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/ *\n[\n ]*/g, (breaks) => (breaks.split('\n').length > 2 ? '\n\n' : '\n'))
    .trim();
  return { text, title: title ? decodeTitle(title) : null };
}

function decodeTitle(raw: string): string | null {
  const title = htmlToText(`<p>${raw}</p>`).text.trim();
  return title || null;
}

function decodeReference(ref: string): string | undefined {
  if (ref[0] !== '#') return NAMED[ref.toLowerCase()];
  const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : undefined;
}
