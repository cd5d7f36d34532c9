/**
 * The headline of a plain-text article: its first non-blank line, when that line is short, has no
 * sentence-final period and is followed by more text. A section label above it (`WORLD`,
 * `Politics`) is passed over; a site name after a bar (`Harbour reopens | Baltic Herald`), as
 * browsers' page titles carry, is dropped. Page furniture above the headline (navigation trails,
 * counters) is expected to be blanked out before this runs.
 */
export function findTitle(text: string, kickerAllowed = true): string | null {
  // the first line with content, and where the text after it begins (found without a pattern like
  // `^\s*([^\n]+)\n`, which backtracks quadratically through a long run of blanks with no line break)
  const begin = text.search(/\S/);
  const end = begin < 0 ? -1 : text.indexOf('\n', begin);
  if (end < 0) return null;
  let line = text.slice(begin, end).trim();
  const rest = end + 1;
  if (kickerAllowed && isKicker(line)) {
    const next = findTitle(text.slice(rest), false);
    if (next) return next;
  }
  // Scripts written without spaces (Chinese, Japanese, Thai) count characters, not words.
  const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(line);
  const words = unspaced ? Math.max(2, Math.round(line.length / 2.5)) : line.split(/\s+/).length;
  if (unspaced && line.length < 4) return null;
  if (words < 2 || words > 25 || (/[.;,:。；，：]$/.test(line) && !/\.\.\.$/.test(line))) return null;
  if (!text.slice(rest).trim()) return null;
  const site = /^(.{12,}?)\s+[|｜]\s+([^|｜]{2,40})$/u.exec(line);
  if (site && site[1].split(/\s+/).length >= 3 && site[2].split(/\s+/).length <= 5) line = site[1];
  return line;
}

/** One word (`Politics`), or one or two words in capitals (`WORLD NEWS`). */
function isKicker(line: string): boolean {
  if (/^\p{L}[\p{L}&-]*$/u.test(line)) return true;
  return /^[\p{Lu}\d&'’ -]{2,30}$/u.test(line) && line.split(/\s+/).length <= 2;
}
