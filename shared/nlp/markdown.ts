/**
 * Markdown to article text, keeping offsets: markup is replaced by spaces of the same length
 * (newlines kept), so an offset into the result is an offset into the uploaded text, and a mention
 * that does not straddle markup satisfies `input.slice(begin, end) === mention.text`.
 *
 * Blanked: YAML front matter (its title, author and date are read first), fenced and indented code
 * blocks, HTML tags and comments, images, link targets and reference definitions, heading marks,
 * list and quote markers, emphasis and code delimiters, table pipes and rules, backslash escapes.
 * Kept: the words people read, link texts included.
 */

export interface MarkdownText {
  /** Same length as the input. */
  text: string;
  frontMatter: { title: string | null; author: string | null; date: string | null; lang: string | null };
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

export function blankMarkdown(input: string): MarkdownText {
  let text = input;
  const frontMatter = { title: null as string | null, author: null as string | null, date: null as string | null, lang: null as string | null };
  const fm = /^(?:\ufeff)?---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (fm) {
    for (const line of fm[1].split('\n')) {
      const kv = /^(title|author|authors|byline|date|published|lang|language)\s*:\s*(.+)$/i.exec(line.trim());
      if (!kv) continue;
      const value = kv[2].trim().replace(/^["'\[]|["'\]]$/g, '').trim();
      const key = kv[1].toLowerCase();
      if (key === 'title') frontMatter.title ??= value;
      else if (key === 'date' || key === 'published') frontMatter.date ??= value;
      else if (key === 'lang' || key === 'language') frontMatter.lang ??= value;
      else frontMatter.author ??= value;
    }
    text = blank(fm[0]) + text.slice(fm[0].length);
  }
  // Blocks: fenced code, HTML comments.
  text = text.replace(/^([ \t]{0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n[ \t]{0,3}\2[`~]*[ \t]*(?=\n|$)|$)/gm, blank);
  text = text.replace(/<!--[\s\S]*?-->/g, blank);
  // Line by line.
  text = text
    .split('\n')
    .map((line, i, lines) => {
      // Files saved on Windows end lines with CR LF: judge the line without its CR, keep the CR.
      const cr = line.endsWith('\r') ? '\r' : '';
      return blankLine(cr ? line.slice(0, -1) : line, lines[i - 1] ?? '', lines[i + 1] ?? '') + cr;
    })
    .join('\n');
  // Inline.
  text = text
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]/g, blank) // images
    .replace(/\[([^\]\n]+)\]\(([^)\n]*)\)/g, (_m, label: string, target: string) => ` ${label}  ${blank(target)} `) // [text](url)
    .replace(/\[([^\]\n]+)\]\[([^\]\n]*)\]/g, (_m, label: string, ref: string) => ` ${label}  ${blank(ref)} `) // [text][ref]
    .replace(/<(?:https?:|mailto:)[^>\s]+>/g, blank) // autolinks
    .replace(/<\/?[a-zA-Z][^>\n]*>/g, blank) // inline HTML
    .replace(/\\([\\`*_{}\[\]()#+\-.!|>~])/g, ' $1') // escapes
    .replace(/(`+)([^`\n]+?)\1/g, (_m, ticks: string, code: string) => blank(ticks) + code + blank(ticks))
    .replace(/(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1/g, '  $2  ')
    .replace(/(?<![\p{L}\p{N}*])\*(?=[^\s*])([^\n*]+?)(?<=[^\s*])\*(?![\p{L}\p{N}*])/gu, ' $1 ')
    .replace(/(?<![\p{L}\p{N}_])_(?=[^\s_])([^\n_]+?)(?<=[^\s_])_(?![\p{L}\p{N}_])/gu, ' $1 ')
    .replace(/~~(?=\S)([^\n]+?)(?<=\S)~~/g, '  $1  ');
  return { text, frontMatter };
}

function blankLine(line: string, previous: string, next: string): string {
  // Horizontal rules and setext underlines.
  if (/^[ \t]{0,3}(?:[-*_][ \t]*){3,}$/.test(line) || /^[ \t]{0,3}=+[ \t]*$/.test(line)) return blank(line);
  if (/^[ \t]{0,3}-+[ \t]*$/.test(line) && previous.trim()) return blank(line);
  // Link reference definitions.
  if (/^[ \t]{0,3}\[[^\]]+\]:\s*\S+/.test(line)) return blank(line);
  // Table delimiter rows; pipes of table rows.
  if (/^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/.test(line)) return blank(line);
  if (/^\s*\|.*\|\s*$/.test(line) || (/\|/.test(line) && /^\s*\|?\s*:?-{3,}/.test(next))) line = line.replace(/\|/g, ' ');
  // Indented code (four spaces after a blank line) is not article text.
  if (/^(?: {4}|\t)/.test(line) && !previous.trim() && !/^\s*(?:[-*+]|\d+[.)])\s/.test(line)) return blank(line);
  // Closing hashes of an ATX heading, then block markers: quotes, heading marks, list items, task boxes.
  if (/^(?:[ \t]*>)*[ \t]{0,3}#{1,6}[ \t]/.test(line)) line = line.replace(/[ \t]+#+[ \t]*$/, blank);
  return line.replace(/^((?:[ \t]*>)*[ \t]*)(#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?/, blank);
}

/** Signs of Markdown in a text that came without a name or type that says so. */
export function looksLikeMarkdown(text: string): boolean {
  const sample = text.slice(0, 20_000);
  let signs = 0;
  if (/^---[ \t]*\n[\s\S]{0,2000}?\n---[ \t]*\n/.test(sample)) signs += 2;
  if (/^#{1,6}[ \t]+\S/m.test(sample)) signs++;
  // `[^\S\n\r\u2028\u2029]` is white space within a line: `^\s*` would run on through every blank
  // line after each line start, quadratic on a text of blank lines (and the same matches)
  if (/^[^\S\n\r\u2028\u2029]*(?:`{3}|~{3})/m.test(sample)) signs++;
  // link text without `[`: each `[` then scans only to the next one, not to the end of the line
  if (/\[[^[\]\n]+\]\((?:https?:|\/|#|mailto:)[^)\s]*\)/.test(sample)) signs++;
  if (/(?:^|\s)\*\*\S[^\n]*?\S\*\*(?=\s|[.,;:!?]|$)/m.test(sample)) signs++;
  if (/^!\[[^\]]*\]\(/m.test(sample)) signs++;
  if (/^[^\S\n\r\u2028\u2029]*\|.*\|\s*\n\s*\|?\s*:?-{3,}/m.test(sample)) signs++;
  if (/^\[[^\]]+\]:\s*https?:/m.test(sample)) signs++;
  return signs >= 2;
}
