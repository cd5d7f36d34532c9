/** Small text helpers shared by the extractors: HTML clean-up, script test, CSV, casing. */

const COMBINING: Record<string, string> = {
  acute: '\u0301', grave: '\u0300', circ: '\u0302', tilde: '\u0303', uml: '\u0308', ring: '\u030a',
  cedil: '\u0327', caron: '\u030c', macr: '\u0304', ogon: '\u0328', dot: '\u0307', breve: '\u0306', dblac: '\u030b',
};
const NAMED: Record<string, string> = {
  nbsp: ' ', amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', ndash: '-', mdash: '-', rsquo: "'", lsquo: "'",
  ldquo: '"', rdquo: '"', szlig: 'ß', aelig: 'æ', AElig: 'Æ', oslash: 'ø', Oslash: 'Ø', eth: 'ð', thorn: 'þ',
  oelig: 'œ', OElig: 'Œ', deg: '°',
};

/** Decodes the HTML entities the sources use (`&eacute;` -> `é`, `&#39;` -> `'`). */
export function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&([A-Za-z]+);/g, (m, e: string) => {
      if (e in NAMED) return NAMED[e];
      const accent = /^([A-Za-z])(acute|grave|circ|tilde|uml|ring|cedil|caron|macr|ogon|dot|breve|dblac)$/.exec(e);
      return accent ? accent[1] + COMBINING[accent[2]] : m;
    })
    .normalize('NFC');
}

/** Tags removed, entities decoded, white space collapsed, typographic quotes made plain. */
export function clean(s: string | undefined): string {
  return decodeEntities((s ?? '').replace(/<[^>]+>/g, ' '))
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every letter is of Latin script and there is at least one letter. */
export function isLatin(s: string): boolean {
  return /\p{L}/u.test(s) && !/(?!\p{Script=Latin})\p{L}/u.test(s);
}

/** The Factbook writes surnames in capitals: `Keir STARMER` -> `Keir Starmer`, `al-SISI` -> `al-Sisi`. */
export function titleCaseCapitals(name: string): string {
  const part = (p: string) => (p.length > 1 && p === p.toUpperCase() && /\p{Lu}/u.test(p) && !/^[IVX]+$/.test(p) ? p[0] + p.slice(1).toLowerCase() : p);
  return name
    .split(' ')
    .map((w) => w.split('-').map((h) => h.split("'").map(part).join("'")).join('-'))
    .join(' ');
}

/** RFC 4180 CSV rows (quoted fields, doubled quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

/** CSV rows as records keyed by the header row. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
