/**
 * CIA World Factbook (factbook/factbook.json, public domain): country names -> CTRY, capitals ->
 * CITY, administrative divisions -> RGN, nationalities -> DM, political parties and their acronyms
 * -> PTY, chiefs of state and heads of government -> PER (surnames -> LN).
 */
import type { Row } from './classes.ts';
import type { RepoReader } from './sources.ts';
import { clean, titleCaseCapitals } from './text.ts';

interface Country {
  names: string[];
  demonyms: string[];
  capitals: string[];
  regions: string[];
  parties: string[];
  leaders: string[];
}

type Json = Record<string, unknown>;
const field = (d: unknown, ...path: string[]): string => {
  let v: unknown = d;
  for (const k of path) v = v && typeof v === 'object' ? (v as Json)[k] : undefined;
  return typeof v === 'string' ? v : '';
};

/** Words that may stand lower-case inside a proper name (`Bosnia and Herzegovina`, `Port of Spain`). */
const CONNECTORS = new Set('of the and de du des la le da di del dos das y al el en upon on am an der van von bin bint ibn i e et'.split(' '));
const LANGUAGES = new Set('Castilian Catalan Basque Valencian Aranese Galician Dutch Arabic Greek Hindi Maori Malay Swahili Afrikaans Sami Creole Tamazight'.split(' '));
/** A bracket that names a language or nationality (`Cataluña (Castilian)`, `Mitrovica (Serbian)`) gives no name. */
const isLanguage = (s: string) => LANGUAGES.has(s) || /^\p{Lu}\p{Ll}+(ian|ish|ese|ic|ch)$/u.test(s);

/** A proper name as the Factbook writes one: capitalized words and lower-case connectors only. */
export function looksLikeName(s: string): boolean {
  if (!s || s.length < 2 || s.length > 60 || /\d/.test(s)) return false;
  const words = s.split(' ');
  if (!/^[\p{Lu}\d]/u.test(words[0]) || /[[\]()]/.test(s)) return false;
  return words.every((w) => /^[\p{Lu}\d'"(]/u.test(w) || CONNECTORS.has(w) || /^(al|el|ad|as|an|ash|at|az)-/.test(w));
}

/** `X (Y) [Z]` -> the name without its brackets, and the bracketed parts. */
function splitBrackets(s: string): { base: string; inner: string[] } {
  const inner: string[] = [];
  const base = s.replace(/\s*[([]([^()[\]]*)[)\]]/g, (_, c: string) => (inner.push(c.trim()), ' ')).replace(/\s+/g, ' ').trim();
  return { base, inner };
}

const dropThe = (s: string) => s.replace(/^The /, '');

function countryNames(cn: unknown): string[] {
  const out: string[] = [];
  for (const key of ['conventional short form', 'conventional long form', 'abbreviation', 'former']) {
    const text = clean(field(cn, key, 'text')).split(/;\s*note\b/)[0];
    for (const piece of text.split(key === 'conventional long form' ? /;/ : /;|,| or |\//)) {
      const { base, inner } = splitBrackets(piece.trim());
      for (const name of [base, ...inner.filter((c) => !isLanguage(c) && (key === 'abbreviation' || c.includes(' ')))]) {
        const n = dropThe(name.replace(/^or /, '').trim());
        if (n.toLowerCase() !== 'none' && looksLikeName(n) && n.split(' ').length <= 8) out.push(n);
      }
    }
  }
  return out;
}

/** `Briton(s)` -> Briton, Britons; `Frenchman(men)` -> Frenchman, Frenchmen. */
function demonyms(text: string): string[] {
  const out: string[] = [];
  for (const part of clean(text).split(/;\s*note\b/)[0].split(/,| or |;|\//)) {
    const p = part.trim().replace(/\s*\((?:singular|plural|collective plural|colloquial|US [a-z]+|singular and plural)\)$/, '');
    const plural = /^(.+?)\s?\((s|men|women)\)$/.exec(p);
    if (plural) {
      const [, stem, suffix] = plural;
      out.push(stem, suffix === 's' ? `${stem}s` : stem.replace(/(wo)?man$/, suffix));
    } else out.push(p);
  }
  return out.filter((d) => looksLikeName(d) && d !== 'NA');
}

/** Capitals: `Pretoria (administrative capital); Cape Town (legislative capital)`, `Tripoli (Tarabulus)`. */
function capitals(text: string): string[] {
  const out: string[] = [];
  for (const part of clean(text).split(/;\s*note\b/)[0].split(/;|,(?! D\.C\.)/)) {
    const { base, inner } = splitBrackets(part.trim());
    out.push(base);
    for (const c of inner) out.push(...c.split(/,|\//).map((x) => x.trim()));
  }
  return out.filter(looksLikeName);
}

/** Administrative divisions: the names after the counts (`50 states ...; Alabama, Alaska, ...`). */
function regions(text: string): string[] {
  const out: string[] = [];
  for (const part of clean(text.replace(/<br\s*\/?>/g, ';')).split(/[;,/]/)) {
    const named = part.slice(part.lastIndexOf(':') + 1).replace(/\*/g, '').trim();
    const { base, inner } = splitBrackets(named);
    for (const n of [base, ...inner.filter((c) => !isLanguage(c))]) if (looksLikeName(n)) out.push(n);
  }
  return out;
}

/** Parties: `National Rally or RN (formerly National Front or FN)`, `Party of Wales (Plaid Cymru)`. */
function parties(text: string, places: Set<string>): string[] {
  const out: string[] = [];
  for (const item of text.split(/<br\s*\/?>|\n/)) {
    const { base, inner } = splitBrackets(clean(item).split(/;\s*note\b/)[0]);
    const names = base.split(/ or |; /);
    for (const c of inner) {
      if (c.startsWith('formerly ')) names.push(...c.slice(9).split(' or '));
      else if (/^\p{Lu}/u.test(c) && !places.has(c)) names.push(...c.split(/, | or /));
    }
    for (const n of names.map((x) => x.trim())) {
      const ok = n.length >= 2 && n.length <= 80 && /^[\p{Lu}\d]/u.test(n) && n.split(' ').length <= 10 && !/[(),;]/.test(n);
      if (ok) out.push(n);
    }
  }
  return out;
}

const TITLES = new Set(
  ('President Vice Prime Minister King Queen Chancellor Emir Amir Sultan Premier Chairman Chairwoman Chairperson Supreme Leader ' +
    'General Governor-General Governor Lieutenant Crown Prince Princess Chief Executive First Second Deputy Grand Duke Grand-Duke Pope ' +
    'Captain Captains Regent Regents Head State Emperor Co-prince Co-Prince Sheikh Shaykh Administrator Mayor Commissioner Federal Council Interim ' +
    'Transitional Acting Colonel Col. Lt. Gen. Maj. Brig. Field Marshal Dr. Lord Sir Dame Speaker Secretary Sovereign Military Army ' +
    'Senior High Representative Presidential National Member Mr. Mrs. Ms. His Her Majesty Highness Commander Brigadier Major Gen ' +
    'Premier-designate Chief-of-State Defense Defence Minister-President Cardinal Archbishop Bishop Monsignor Minister-in-charge ' +
    'Prefect Bailiff Capt. Air Vice-Marshal Lieutenant-Governor Superior Ministers Government Presidency Republic Confederation ' +
    'Assembly Territorial Affairs Political Cabinet Parliament Taoiseach Tanaiste President-elect').split(' '),
);
const PARTICLES = /^(bin|bint|ibn|al|el|de|da|di|dos|das|du|del|der|van|von|la|le|y|Al|El|Abu|Ould|Ag|ould|ag)$|^(al|el|ad|as|an|ash|at|az)-/;
const isCaps = (w: string) => /^[\p{Lu}'-]*\p{Lu}[\p{Lu}'-]*\p{Lu}[\p{Lu}'-]*,?$/u.test(w) && !/^[IVX]+,?$/.test(w);
const isNameWord = (w: string) => /^\p{Lu}/u.test(w) || PARTICLES.test(w);

/** Particles that Factbook writes in capitals inside a surname (`Bart DE WEVER`, `Alexander VAN DER BELLEN`). */
const CAPS_PARTICLES = /^(DE|DA|DI|DO|DOS|DAS|DU|DEL|DELA|LA|LE|VAN|VON|DER|DEN|TER|BIN|AL|EL|Y)$/;

/** A surname written in capitals, in the name's case: a particle starting it is capitalized, one inside it is not. */
function surnameCase(rest: string[]): string {
  const lastCaps = rest.reduce((at, w, k) => (isCaps(w) && !CAPS_PARTICLES.test(w) ? k : at), -1);
  return rest
    .map((w, k) => {
      if (CAPS_PARTICLES.test(w)) return k === 0 ? w[0] + w.slice(1).toLowerCase() : w.toLowerCase();
      if (k < lastCaps && /^\p{Lu}{2}$/u.test(w) && isCaps(rest[k + 1] ?? '')) return w; // `JD VANCE`
      return titleCaseCapitals(w);
    })
    .join(' ');
}

/**
 * Leaders: `Prime Minister Keir STARMER (since ...)` -> Keir Starmer; the surname in capitals marks
 * the name. After `of` (`President of the Swiss Confederation Guy PARMELIN`) the capitalized words
 * before the name may name the office's country or body: then only the words after the last such
 * word (`placeWords`) are given names.
 */
export function leaderNames(text: string, placeWords: Set<string> = new Set()): { full: string[]; surnames: string[] } {
  const full: string[] = [];
  const surnames: string[] = [];
  const words = clean(text).replace(/\([^)]*\)/g, ' ; ').split(/\s+/);
  const inName = (w: string | undefined) => w !== undefined && isNameWord(w) && !TITLES.has(w) && !/[;:,]$/.test(w);
  for (let i = 0; i < words.length; i++) {
    if (!isCaps(words[i]) || CAPS_PARTICLES.test(words[i])) continue;
    let from = i;
    while (from > 0 && inName(words[from - 1])) from--;
    if (from > 0 && /^(of|the|and)$/.test(words[from - 1])) {
      let k = i - 1;
      while (k >= from && !placeWords.has(words[k])) k--;
      from = k >= from ? k + 1 : Math.max(from, i - 1);
    }
    // Particles in capitals before the surname belong to it.
    while (from < i && CAPS_PARTICLES.test(words[i - 1])) i--;
    const given = words.slice(from, i);
    // Forward: to the last word in capitals of the name run; a name written surname first
    // (`XI Jinping`, `KIM Jong Un`, `TAMIM bin Hamad Al THANI`) takes the whole run.
    let end = i + 1;
    let lastCaps = i;
    while (inName(words[end]) && !/,$/.test(words[end - 1])) {
      if (isCaps(words[end]) || /^[IVX]+$/.test(words[end])) lastCaps = end;
      end++;
    }
    const to = given.length === 0 ? end : lastCaps + 1;
    const rest = words.slice(i, to).map((w) => w.replace(/[,;]$/, ''));
    while (rest.length > 1 && PARTICLES.test(rest[rest.length - 1])) rest.pop();
    i = to - 1;
    if (given.length === 0 && rest.length === 1 && !(from > 0 && TITLES.has(words[from - 1]))) continue;
    const surname = surnameCase(rest);
    const names = [[...given, surname].join(' ')];
    // `Muhammad bin SALMAN bin Abd al-Aziz Al SAUD` is also `Muhammad bin Salman`.
    if (given.length && /^(bin|bint|ibn)$/i.test(rest[1] ?? '')) names.push([...given, titleCaseCapitals(rest[0])].join(' '));
    const plainGiven = given.filter((g) => !/^\p{Lu}\.$/u.test(g) && !PARTICLES.test(g));
    if (plainGiven.length >= 2 && plainGiven.length === given.length) names.push(`${plainGiven[0]} ${surname}`, `${plainGiven[plainGiven.length - 1]} ${surname}`);
    if (given.length > plainGiven.length && plainGiven.length === 1 && !given.some((g) => PARTICLES.test(g))) names.push(`${plainGiven[0]} ${surname}`);
    full.push(...names);
    const last = rest.filter((w) => isCaps(w) && !CAPS_PARTICLES.test(w)).pop();
    if (last) surnames.push(titleCaseCapitals(last));
  }
  return { full: full.filter((n) => n.length >= 3), surnames };
}

/** Factbook slips: `The Dominican` is the Dominican Republic's short form cut short. */
const NOT_NAMES = new Set(['Dominican']);

function readCountry(d: unknown, places: Set<string>): Country | null {
  const names = countryNames(((d as Json).Government as Json | undefined)?.['Country name']).filter((n) => !NOT_NAMES.has(n));
  if (!names.length) return null;
  const nat = ['noun', 'adjective'].flatMap((k) => demonyms(field(d, 'People and Society', 'Nationality', k, 'text')));
  const exec = ['chief of state', 'head of government'].map((k) => field(d, 'Government', 'Executive branch', k, 'text'));
  return {
    names,
    demonyms: nat,
    capitals: capitals(field(d, 'Government', 'Capital', 'name', 'text')),
    regions: regions(field(d, 'Government', 'Administrative divisions', 'text')),
    parties: parties(field(d, 'Government', 'Political parties', 'text'), places),
    leaders: exec,
  };
}

/** All rows of the Factbook's country files. */
export function factbookRows(repo: RepoReader): Row[] {
  const docs = repo
    .list()
    .filter((p) => /^[a-z-]+\/[a-z]{2}\.json$/.test(p) && !p.startsWith('meta/'))
    .map((p) => JSON.parse(repo.read(p)) as unknown);
  // Places first: a party's bracket that names a place (`(Northern Ireland)`) is no alias.
  const places = new Set<string>();
  const firstPass = docs.map((d) => readCountry(d, new Set())).filter((c): c is Country => c !== null);
  const placeWords = new Set<string>();
  const capitals = new Set(firstPass.flatMap((c) => c.capitals));
  for (const c of firstPass) for (const n of [...c.names, ...c.capitals, ...c.regions]) places.add(n);
  for (const c of firstPass) for (const n of c.names) n.split(' ').forEach((w) => placeWords.add(w));
  const rows: Row[] = [];
  for (const d of docs) {
    const c = readCountry(d, places);
    if (!c) continue;
    const countryish = new Set([...c.names, ...c.names.map((n) => n.replace(/s$/, ''))]);
    const add = (names: string[], cls: Row['cls'], source: string) => names.forEach((name) => rows.push({ name, cls, source }));
    // Former names that are cities (`Congo/Brazzaville`) and two-letter codes (`PR`, `VI`) are left out.
    add(c.names.filter((n) => !capitals.has(n) && !/^\p{Lu}{2}$/u.test(n)), 'CTRY', 'factbook:country');
    add(c.demonyms.filter((x) => !countryish.has(x) && !places.has(x)), 'DM', 'factbook:nationality');
    add(c.capitals, 'CITY', 'factbook:capital');
    add(c.regions, 'RGN', 'factbook:region');
    add(c.parties, 'PTY', 'factbook:party');
    for (const text of c.leaders) {
      const { full, surnames } = leaderNames(text, placeWords);
      add(full, 'PER', 'factbook:leader');
      add(surnames, 'LN', 'factbook:leader');
    }
  }
  return rows;
}
