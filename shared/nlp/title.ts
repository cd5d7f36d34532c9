/**
 * The headline of a plain-text article: its first line, when that line is short, has no
 * sentence-final period and is followed by more text.
 */
export function findTitle(text: string): string | null {
  const match = /^\s*([^\n]+)\n/.exec(text);
  if (!match) return null;
  const line = match[1].trim();
  const words = line.split(/\s+/).length;
  if (words < 2 || words > 25 || /[.;,:]$/.test(line) && !/\.\.\.$/.test(line)) return null;
  if (!text.slice(match[0].length).trim()) return null;
  return line;
}
