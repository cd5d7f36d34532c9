/**
 * Scores the entity tagger the judge's way (see ../shared/eval/README.md), through the command the
 * judges drive, `npx lede analyze --jsonl`: exact span and type, micro F1 over PER, ORG, LOC, and
 * per type. Two kinds of data set:
 *
 * - CoNLL-2003 files (`.conll`): every document goes as plain text (tokens joined by spaces,
 *   sentences by newlines); predicted mention offsets are mapped to the tokens they overlap.
 *   `compromise` (used as is) is scored the same way, as a reference point.
 * - News annotated by hand (`.jsonl` of `{"id", "text", "entities": [{"begin", "end", "type"}]}`,
 *   ../shared/eval/ner/news_dev.jsonl): `text` goes as it is; spans are compared as offsets.
 *
 * Then the throughput of entity extraction in-process on one core.
 *
 *   npm run bench:ner                       # CoNLL dev and news dev from ../shared/eval/ner
 *   npm run bench:ner -- FILE.conll FILE.jsonl ...
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { extractEntities } from '../shared/nlp/entities/index.ts';
import type { Entity } from '../shared/nlp/types.ts';
import { charSpanToTokens, docText, goldSpans, prf, readConll, score, type Counts, type TypedSpan } from './conll.ts';

const here = dirname(fileURLToPath(import.meta.url));
const EVAL = resolve(here, '../../shared/eval/ner');
const DEFAULT_FILES = [join(EVAL, 'conll2003_dev.conll'), join(EVAL, 'news_dev.jsonl')];
const TYPES = ['PER', 'ORG', 'LOC'];
const LEDE_TYPE: Record<string, string> = { PERSON: 'PER', ORGANIZATION: 'ORG', LOCATION: 'LOC' };

interface Mention {
  type: string;
  begin: number;
  end: number;
}

/** One document of a data set: the text the CLI gets, its gold spans, and how to turn predicted offsets into spans. */
interface ScoredDoc {
  text: string;
  gold: TypedSpan[];
  spans(mentions: Mention[]): TypedSpan[];
}

const files = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_FILES;
const missing = files.filter((f) => !existsSync(f));
if (missing.length) {
  console.error(`bench:ner: no data at ${missing.join(', ')}. The evaluation data lives outside the repository; see README.md ("Quality and speed") for where to get it.`);
  process.exit(2);
}

function conllDocs(file: string): ScoredDoc[] {
  return readConll(file).map((doc) => {
    const input = docText(doc);
    return {
      text: input.text,
      gold: goldSpans(doc),
      spans: (mentions) =>
        mentions.flatMap((m) => {
          const tokens = charSpanToTokens(m.begin, m.end, input.tokenBegins, input.tokenEnds);
          return tokens ? [{ type: m.type, start: tokens[0], end: tokens[1] }] : [];
        }),
    };
  });
}

function newsDocs(file: string): ScoredDoc[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const doc = JSON.parse(line) as { text: string; entities: Mention[] };
      return {
        text: doc.text,
        gold: doc.entities.map((e) => ({ type: e.type, start: e.begin, end: e.end })),
        spans: (mentions) => mentions.map((m) => ({ type: m.type, start: m.begin, end: m.end })),
      };
    });
}

/** Every document through one `npx lede analyze --jsonl`; its entities by document number. */
function runCli(texts: string[]): Promise<Map<number, Entity[]>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npx', ['lede', 'analyze', '--jsonl'], { cwd: join(here, '..'), stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`lede analyze exited with ${code}`));
      const results = new Map<number, Entity[]>();
      for (const line of out.split('\n')) {
        if (!line.trim()) continue;
        const record = JSON.parse(line) as { id: number; status: string; entities: Entity[]; warnings?: { code: string }[] };
        if (record.status !== 'ok') console.error(`doc ${record.id}: ${record.status}`);
        if (record.warnings?.some((w) => w.code === 'ENTITIES_SKIPPED')) console.error(`doc ${record.id}: entities skipped (language detection)`);
        results.set(record.id, record.entities ?? []);
      }
      resolvePromise(results);
    });
    for (const [id, text] of texts.entries()) child.stdin.write(`${JSON.stringify({ id, text })}\n`);
    child.stdin.end();
  });
}

const mentionsOf = (entities: Entity[]): Mention[] =>
  entities.flatMap((e) => (LEDE_TYPE[e.type] ? e.mentions.map((m) => ({ type: LEDE_TYPE[e.type], begin: m.begin, end: m.end })) : []));

function compromiseMentions(text: string): Mention[] {
  const view = nlp(text);
  const found: Mention[] = [];
  for (const [type, list] of [['PER', view.people()], ['ORG', view.organizations()], ['LOC', view.places()]] as const) {
    for (const item of list.json({ offset: true }) as { offset: { start: number; length: number } }[]) {
      found.push({ type, begin: item.offset.start, end: item.offset.start + item.offset.length });
    }
  }
  return found;
}

function report(name: string, counts: Record<string, Counts>): void {
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  const rows = TYPES.map((t) => {
    const c = counts[t] ?? { tp: 0, fp: 0, fn: 0 };
    all.tp += c.tp;
    all.fp += c.fp;
    all.fn += c.fn;
    const { p, r, f } = prf(c);
    return `  ${t.padEnd(5)} P ${p.toFixed(2).padStart(6)}  R ${r.toFixed(2).padStart(6)}  F1 ${f.toFixed(2).padStart(6)}`;
  });
  const { p, r, f } = prf(all);
  console.log(`${name}\n${rows.join('\n')}\n  micro P ${p.toFixed(2).padStart(6)}  R ${r.toFixed(2).padStart(6)}  F1 ${f.toFixed(2).padStart(6)}`);
}

// Throughput first, before anything else in this process touches the tagger, so that the first pass is cold.
const sets = files.map((file) => ({ file, docs: file.endsWith('.conll') ? conllDocs(file) : newsDocs(file) }));
const speed = throughput(sets.flatMap((s) => s.docs.map((d) => d.text)));

for (const { file, docs } of sets) {
  const started = Date.now();
  const lede = await runCli(docs.map((d) => d.text));
  const seconds = (Date.now() - started) / 1000;
  const ledeCounts: Record<string, Counts> = {};
  const compromiseCounts: Record<string, Counts> = {};
  docs.forEach((doc, id) => {
    score(doc.gold, doc.spans(mentionsOf(lede.get(id) ?? [])), TYPES, ledeCounts);
    score(doc.gold, doc.spans(compromiseMentions(doc.text)), TYPES, compromiseCounts);
  });
  console.log(`${file}: ${docs.length} documents, ${docs.reduce((a, d) => a + d.text.length, 0)} characters`);
  report(`Lede (npx lede analyze --jsonl, ${seconds.toFixed(1)} s)`, ledeCounts);
  report('compromise (people / organizations / places, as is)', compromiseCounts);
}
for (const line of speed) console.log(line);

/**
 * Throughput of entity extraction alone, in-process (one core). The first pass meets every word for
 * the first time (cold per-word caches); later passes are what a warm Lambda sees. CPU time is
 * reported too, since a shared machine's wall clock says little.
 */
function throughput(texts: string[]): string[] {
  const t0 = performance.now();
  extractEntities('Warm-up: Angela Merkel met Emmanuel Macron in Paris on Monday.');
  const loadMs = performance.now() - t0;
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  const kbps = (n: number, ms: number) => ((bytes * n) / 1024 / (ms / 1000)).toFixed(0);
  let cpu = process.cpuUsage();
  let t1 = performance.now();
  for (const text of texts) extractEntities(text);
  const coldWall = performance.now() - t1;
  const coldCpu = process.cpuUsage(cpu).user / 1000;
  let rounds = 0;
  cpu = process.cpuUsage();
  t1 = performance.now();
  while (performance.now() - t1 < 5000 || rounds < 2) {
    for (const text of texts) extractEntities(text);
    rounds++;
  }
  const warmWall = performance.now() - t1;
  const warmCpu = process.cpuUsage(cpu).user / 1000;
  return [
    `throughput (entity extraction, one core, ${(bytes / 1024).toFixed(0)} KB): first pass ${kbps(1, coldWall)} KB/s wall, ${kbps(1, coldCpu)} KB/s CPU; ` +
      `warm (${rounds} passes) ${kbps(rounds, warmWall)} KB/s wall, ${kbps(rounds, warmCpu)} KB/s CPU`,
    `model load + first call: ${loadMs.toFixed(0)} ms`,
  ];
}
