/**
 * Scores the entity tagger on a CoNLL-2003 file the judge's way (see ../shared/eval/README.md):
 * every document goes as plain text (tokens joined by spaces, sentences by newlines) through
 * `npx lede analyze --jsonl`; predicted mention offsets are mapped to the tokens they overlap;
 * exact span and type, micro F1 over PER, ORG, LOC. Scores `compromise` (used as is) the same way,
 * and measures the throughput of entity extraction in-process on one core.
 *
 *   npm run bench:ner -- ../shared/eval/ner/conll2003_dev.conll
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { extractEntities } from '../shared/nlp/entities/index.ts';
import type { Entity } from '../shared/nlp/types.ts';
import { charSpanToTokens, docText, goldSpans, prf, readConll, score, type Counts, type TypedSpan } from './conll.ts';

const here = dirname(fileURLToPath(import.meta.url));
const file = process.argv[2];
if (!file) {
  console.error('usage: npm run bench:ner -- FILE.conll');
  process.exit(2);
}
const TYPES = ['PER', 'ORG', 'LOC'];
const LEDE_TYPE: Record<string, string> = { PERSON: 'PER', ORGANIZATION: 'ORG', LOCATION: 'LOC' };

const docs = readConll(file);
const inputs = docs.map(docText);

function runCli(): Promise<Map<number, Entity[]>> {
  return new Promise((resolve, reject) => {
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
      resolve(results);
    });
    for (const [id, input] of inputs.entries()) child.stdin.write(`${JSON.stringify({ id, text: input.text })}\n`);
    child.stdin.end();
  });
}

function toSpans(mentions: { type: string; begin: number; end: number }[], input: (typeof inputs)[number]): TypedSpan[] {
  const spans: TypedSpan[] = [];
  for (const m of mentions) {
    const tokens = charSpanToTokens(m.begin, m.end, input.tokenBegins, input.tokenEnds);
    if (tokens) spans.push({ type: m.type, start: tokens[0], end: tokens[1] });
  }
  return spans;
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

const startedCli = Date.now();
const lede = await runCli();
const cliSeconds = (Date.now() - startedCli) / 1000;
// Throughput of entity extraction alone, in-process (one core). The first pass meets every word for
// the first time (cold per-word caches); later passes are what a warm Lambda sees. CPU time is
// reported too, since a shared machine's wall clock says little.
function throughput(): string[] {
  const t0 = performance.now();
  extractEntities('Warm-up: Angela Merkel met Emmanuel Macron in Paris on Monday.');
  const loadMs = performance.now() - t0;
  const bytes = inputs.reduce((a, i) => a + Buffer.byteLength(i.text), 0);
  const kbps = (n: number, ms: number) => ((bytes * n) / 1024 / (ms / 1000)).toFixed(0);
  let cpu = process.cpuUsage();
  let t1 = performance.now();
  for (const input of inputs) extractEntities(input.text);
  const coldWall = performance.now() - t1;
  const coldCpu = process.cpuUsage(cpu).user / 1000;
  let rounds = 0;
  cpu = process.cpuUsage();
  t1 = performance.now();
  while (performance.now() - t1 < 5000 || rounds < 2) {
    for (const input of inputs) extractEntities(input.text);
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

// Before anything else in this process touches the tagger, so that the first pass is cold.
const speed = throughput();
const ledeCounts: Record<string, Counts> = {};
const directCounts: Record<string, Counts> = {};
const compromiseCounts: Record<string, Counts> = {};
docs.forEach((doc, id) => {
  const input = inputs[id];
  const gold = goldSpans(doc);
  const entities = lede.get(id) ?? [];
  const mentions = entities.flatMap((e) => (LEDE_TYPE[e.type] ? e.mentions.map((m) => ({ type: LEDE_TYPE[e.type], begin: m.begin, end: m.end })) : []));
  score(gold, toSpans(mentions, input), TYPES, ledeCounts);
  const direct = extractEntities(input.text).flatMap((e) => (LEDE_TYPE[e.type] ? e.mentions.map((m) => ({ type: LEDE_TYPE[e.type], begin: m.begin, end: m.end })) : []));
  score(gold, toSpans(direct, input), TYPES, directCounts);
  const view = nlp(input.text);
  const cm: { type: string; begin: number; end: number }[] = [];
  for (const [type, found] of [['PER', view.people()], ['ORG', view.organizations()], ['LOC', view.places()]] as const) {
    for (const item of found.json({ offset: true }) as { offset: { start: number; length: number } }[]) {
      cm.push({ type, begin: item.offset.start, end: item.offset.start + item.offset.length });
    }
  }
  score(gold, toSpans(cm, input), TYPES, compromiseCounts);
});

console.log(`${file}: ${docs.length} documents, ${inputs.reduce((a, i) => a + i.text.length, 0)} characters`);
report(`Lede (npx lede analyze --jsonl, ${cliSeconds.toFixed(1)} s)`, ledeCounts);
report('extractEntities alone, in-process (same scoring; no analyze.ts post-processing)', directCounts);
report('compromise (people / organizations / places, as is)', compromiseCounts);
for (const line of speed) console.log(line);
