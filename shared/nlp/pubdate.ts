/** Publication dates as pages and scraped texts write them, read into ISO 8601. */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY_NAME = '(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?';

/** Words a date line may hold besides the date itself: weekday, time, zone, "updated". */
const DATE_FILLER = new RegExp(
  `\\b(?:${DAY_NAME}|${MONTH}|a\\.?m\\.?|p\\.?m\\.?|noon|midnight|gmt|utc|bst|cet|cest|est|edt|et|pt|pst|pdt|ct|cst|cdt|ist|jst|aest|aedt|z|at|on|of|the|updated|published|posted|modified|last|first|originally|st|nd|rd|th|h)\\b`,
  'giu',
);

/** A line that holds a date and nothing but date words, times and zones. */
export function isDateLine(line: string): boolean {
  if (!/\d/.test(line) || line.length > 80) return false;
  if (parseDate(line) === null) return false;
  return !/\p{L}{2,}/u.test(line.replace(DATE_FILLER, ' '));
}

const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\b/;
const MONTH_FIRST = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'iu');
const DAY_FIRST = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'iu');

/**
 * The first unambiguous date in `s`: ISO 8601 (`2024-03-05`, `2024-03-05T10:30:00Z`), `March 5, 2024`
 * or `5 March 2024`. Returns `YYYY-MM-DD`, or a full ISO timestamp when the input had a time and a
 * zone. Slash dates (`03/05/2024`) are ambiguous between countries and are not read.
 */
export function parseDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const iso = ISO.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, zone] = iso;
    if (!validDay(+y, +mo, +d)) return null;
    if (h !== undefined && zone) {
      const stamp = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
      if (!Number.isNaN(stamp.getTime())) return stamp.toISOString().replace(/\.000Z$/, 'Z');
    }
    return `${y}-${mo}-${d}`;
  }
  let m = MONTH_FIRST.exec(s);
  if (m) return ymd(+m[3], MONTHS[m[1].toLowerCase()], +m[2]);
  m = DAY_FIRST.exec(s);
  if (m) return ymd(+m[3], MONTHS[m[2].toLowerCase()], +m[1]);
  return null;
}

function ymd(y: number, mo: number | undefined, d: number): string | null {
  if (!mo || !validDay(y, mo, d)) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function validDay(y: number, mo: number, d: number): boolean {
  return y >= 1800 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}
