/**
 * Summary bench: ROUGE-1/2/Lsum F1 of Lede, LEAD-3 and the npm `lexrank` peer, side by side.
 *
 *   npm run bench:summary -- ../shared/eval/summ/cnndm_dev.jsonl [--title] [--limit N]
 *   npm run bench:summary -- --fit ../shared/eval/summ/cnndm_dev.jsonl ../shared/eval/summ/cnncorpus_dev.jsonl
 *
 * Default mode runs the real analyzer, `npx lede analyze --jsonl`, over the articles (the raw
 * `article` field; `--title` puts the item's title on a first line of its own) and reports
 * articles per second of the whole analysis (entities, summary, key phrases; process start-up
 * is measured on an empty input and left out). LEAD-3 is the first three sentences of the
 * human segmentation where the file has one (`article_sentences`, CNN Corpus), else of the
 * `sentence-tokenizer` package that lexrank itself uses. For CNN Corpus it also prints the
 * overlap with the human `gold_extractive` sentences and the splitter's boundary F1.
 *
 * `--fit` fits the sentence-scoring weights of `shared/nlp/summary-model.ts` (coordinate ascent
 * on mean ROUGE-1 + ROUGE-2 F1 of the chosen summaries, from the model's hand-set initial weights), reports k-fold cross-validated
 * ROUGE per file (each fold scored with weights fitted on the other folds), and prints the
 * weights fitted on all the files, which are what `summary-model.ts` ships.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { splitSentences } from '../shared/nlp/sentences.ts';
import { candidateFeatures, layoutOf, selectSentences, type Candidates } from '../shared/nlp/summarize.ts';
import { INITIAL_WEIGHTS, SUMMARY_MODEL } from '../shared/nlp/summary-model.ts';
import { findTitle } from '../shared/nlp/title.ts';
import { meanScores, rouge, rougeTokens, type RougeScores } from './rouge.ts';
import { boundaryF1, readJsonl } from './sentences.ts';

const require = createRequire(import.meta.url);

interface Item {
  id: string;
  article: string;
  reference: string;
  title?: string;
  article_sentences?: Array<{ id: number; text: string }>;
  gold_extractive?: Array<{ id: number; text: string }>;
}

function references(item: Item): string[] {
  return item.reference.split('\n').filter((s) => s.trim());
}

function inputText(item: Item, withTitle: boolean): string {
  return withTitle && item.title ? `${item.title}\n\n${item.article}` : item.article;
}

// ---------------------------------------------------------------- the analyzer through the CLI

interface CliRun {
  summaries: Map<string, string[]>;
  seconds: number;
}

function runCli(lines: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('npx', ['lede', 'analyze', '--jsonl'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`lede analyze exited with ${code}`));
      const summaries = new Map<string, string[]>();
      for (const line of out.split('\n')) {
        if (!line.trim()) continue;
        const record = JSON.parse(line) as { id: string; summary?: string[]; analysis?: { summary?: string[] } };
        summaries.set(record.id, record.summary ?? record.analysis?.summary ?? []);
      }
      resolve({ summaries, seconds });
    });
    child.stdin.end(lines.length ? `${lines.join('\n')}\n` : '');
  });
}

// ---------------------------------------------------------------- baselines

let tokenizer: { setEntry(text: string): void; getSentences(): string[] } | null = null;

function neutralSentences(text: string): string[] {
  if (!tokenizer) {
    const Tokenizer = require('sentence-tokenizer') as new (name: string) => typeof tokenizer;
    tokenizer = new Tokenizer('bench');
  }
  tokenizer!.setEntry(text);
  return tokenizer!.getSentences();
}

function lead3(item: Item): string[] {
  if (item.article_sentences) return item.article_sentences.slice(0, 3).map((s) => s.text);
  return neutralSentences(item.article).slice(0, 3);
}

function lexrank(item: Item): string[] {
  const peer = require('lexrank') as {
    summarize(text: string, lines: number, cb: (err: unknown, top: Array<{ text: string }>) => void): void;
  };
  let result: string[] = [];
  peer.summarize(item.article, 3, (err, top) => {
    if (!err) result = top.map((t) => t.text);
  });
  return result;
}

// ---------------------------------------------------------------- report

function row(name: string, s: RougeScores, extra = ''): string {
  return `${name.padEnd(30)} ${s.r1.toFixed(2).padStart(6)} ${s.r2.toFixed(2).padStart(6)} ${s.rl.toFixed(2).padStart(6)}${extra}`;
}

function words(summary: string[]): number {
  return summary.join(' ').split(/\s+/).filter(Boolean).length;
}

function goldOverlap(items: Item[], summaries: (item: Item) => string[]): { precision: number; recall: number; f1: number } {
  let tp = 0;
  let picked = 0;
  let gold = 0;
  for (const item of items) {
    if (!item.gold_extractive) continue;
    const goldTexts = item.gold_extractive.map((g) => g.text.trim());
    const chosen = summaries(item).map((s) => s.trim());
    picked += chosen.length;
    gold += goldTexts.length;
    for (const c of chosen) if (goldTexts.some((g) => g === c || (g.length > 20 && (c.includes(g) || g.includes(c))))) tp++;
  }
  const precision = tp / (picked || 1);
  const recall = tp / (gold || 1);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall || 1) };
}

async function bench(file: string, withTitle: boolean, limit: number): Promise<void> {
  const items = readJsonl<Item>(file).slice(0, limit);
  const lines = items.map((item) => JSON.stringify({ id: item.id, text: inputText(item, withTitle) }));
  const empty = await runCli([]);
  const run = await runCli(lines);
  const analysisSeconds = Math.max(1e-6, run.seconds - empty.seconds);
  const lede = (item: Item) => run.summaries.get(item.id) ?? [];
  const systems: Array<[string, (item: Item) => string[]]> = [
    ['Lede (npx lede analyze)', lede],
    [item0HasGold(items) ? 'LEAD-3 (human sentences)' : 'LEAD-3 (sentence-tokenizer)', lead3],
    ['LEAD-3 (Lede splitter)', (item) => splitSentences(inputText(item, withTitle)).filter((s) => s.kind === 'sentence').slice(0, 3).map((s) => s.text)],
    ['lexrank 1.0.5 (npm), 3 sent.', lexrank],
  ];
  if (item0HasGold(items)) systems.push(['human gold_extractive', (item) => (item.gold_extractive ?? []).map((g) => g.text)]);
  console.log(`${file}: ${items.length} articles${withTitle ? ' (title line prepended)' : ''}`);
  console.log(`${'system'.padEnd(30)} ${'R-1'.padStart(6)} ${'R-2'.padStart(6)} ${'R-L'.padStart(6)}   words`);
  const results = new Map<string, RougeScores>();
  for (const [name, fn] of systems) {
    const outputs = items.map(fn);
    const scores = meanScores(items.map((item, i) => rouge(outputs[i], references(item))));
    results.set(name, scores);
    const meanWords = outputs.reduce((a, o) => a + words(o), 0) / (outputs.length || 1);
    console.log(row(name, scores, `   ${meanWords.toFixed(1)}`));
  }
  const ours = results.get(systems[0][0])!;
  const base = results.get(systems[1][0])!;
  console.log(
    `Lede − LEAD-3: R-1 ${(ours.r1 - base.r1).toFixed(2)}  R-2 ${(ours.r2 - base.r2).toFixed(2)}  R-L ${(ours.rl - base.rl).toFixed(2)}`,
  );
  if (item0HasGold(items)) {
    for (const [name, fn] of systems.slice(0, 4)) {
      const o = goldOverlap(items, fn);
      console.log(`gold_extractive overlap, ${name.padEnd(30)} P ${o.precision.toFixed(3)} R ${o.recall.toFixed(3)} F1 ${o.f1.toFixed(3)}`);
    }
    const b = boundaryF1(items);
    console.log(`splitter boundary F1 ${b.f1.toFixed(4)} (P ${b.precision.toFixed(4)}, R ${b.recall.toFixed(4)})`);
  }
  console.log(
    `throughput: ${(items.length / analysisSeconds).toFixed(0)} articles/s (single process, ${analysisSeconds.toFixed(2)} s analysis + ${empty.seconds.toFixed(2)} s start-up)`,
  );
}

function item0HasGold(items: Item[]): boolean {
  return Boolean(items[0]?.article_sentences);
}

// ---------------------------------------------------------------- fitting

interface Doc {
  file: string;
  item: Item;
  text: string;
  c: Candidates;
  /** Per candidate: ROUGE tokens and bigrams. */
  uni: string[][];
  bi: string[][];
  refUni: Map<string, number>;
  refBi: Map<string, number>;
  refUniTotal: number;
  refBiTotal: number;
}

function counts(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of list) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

function bigrams(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

function prepare(file: string, withTitle: boolean): Doc[] {
  return readJsonl<Item>(file).map((item) => {
    const text = inputText(item, withTitle);
    const c = candidateFeatures(text, splitSentences(text), findTitle(text));
    const refSentences = references(item).map(rougeTokens);
    const uni = c.sentences.map((s) => rougeTokens(s.text));
    const refUniList = refSentences.flat();
    const refBiList = refSentences.flatMap(bigrams);
    return {
      file, item, text, c, uni, bi: uni.map(bigrams),
      refUni: counts(refUniList), refBi: counts(refBiList),
      refUniTotal: refUniList.length, refBiTotal: refBiList.length,
    };
  });
}

function overlapF(picked: number[], grams: string[][], ref: Map<string, number>, refTotal: number): number {
  const m = new Map<string, number>();
  let total = 0;
  for (const i of picked) for (const g of grams[i]) (m.set(g, (m.get(g) ?? 0) + 1), total++);
  let hits = 0;
  for (const [g, n] of m) hits += Math.min(n, ref.get(g) ?? 0);
  if (!hits) return 0;
  const p = hits / total;
  const r = hits / refTotal;
  return (2 * p * r) / (p + r);
}

/** Fast objective: mean ROUGE-1 + ROUGE-2 F1 (bigrams within sentences), the mean of the per-file means. */
function objective(docs: Doc[], w: readonly number[], redundancy: number): number {
  // Each source file weighs the same, however many documents it has.
  const perFile = new Map<string, number>();
  for (const d of docs) perFile.set(d.file, (perFile.get(d.file) ?? 0) + 1);
  let sum = 0;
  for (const d of docs) {
    const picked = selectSentences(d.c, w, redundancy, 3, 120);
    sum += (overlapF(picked, d.uni, d.refUni, d.refUniTotal) + overlapF(picked, d.bi, d.refBi, d.refBiTotal)) / perFile.get(d.file)!;
  }
  return sum / perFile.size;
}

/** Coordinate ascent on the ROUGE objective, from `start`. */
function ascend(docs: Doc[], start: readonly number[], redundancy: number, passes: number): number[] {
  const w = [...start];
  let best = objective(docs, w, redundancy);
  const steps = [1, 0.5, 0.25, 0.1];
  for (let pass = 0; pass < passes; pass++) {
    let improved = false;
    for (let j = 1; j < w.length; j++) {
      for (const step of steps) {
        for (const sign of [1, -1]) {
          const trial = [...w];
          trial[j] = Number((w[j] + sign * step).toFixed(4));
          const score = objective(docs, trial, redundancy);
          if (score > best + 1e-6) {
            best = score;
            w[j] = trial[j];
            improved = true;
          }
        }
      }
    }
    if (!improved) break;
  }
  return w;
}

function scoreDocs(docs: Doc[], weights: readonly number[], redundancy: number): RougeScores {
  return meanScores(
    docs.map((d) => rouge(selectSentences(d.c, weights, redundancy, 3, 120).map((i) => d.c.sentences[i].text), references(d.item))),
  );
}

function fit(files: string[], withTitle: boolean, folds: number, passes: number): void {
  const all = files.flatMap((file) => prepare(file, withTitle));
  const fitted: Record<string, number[]> = {};
  console.log(`${folds}-fold cross-validated ROUGE (coordinate ascent on R-1+R-2 from the initial weights, ${passes} passes, one model per layout${withTitle ? ', title line prepended' : ''}):`);
  for (const layout of ['paragraphs', 'block'] as const) {
    const docs = all.filter((d) => layoutOf(d.text) === layout);
    if (!docs.length) continue;
    const redundancy = SUMMARY_MODEL[layout].redundancy;
    const perFile = new Map<string, Array<{ s: RougeScores; n: number }>>();
    for (let f = 0; f < folds; f++) {
      const train = docs.filter((_, i) => i % folds !== f);
      const test = docs.filter((_, i) => i % folds === f);
      const w = ascend(train, INITIAL_WEIGHTS, redundancy, passes);
      for (const file of files) {
        const part = test.filter((d) => d.file === file);
        if (part.length) perFile.set(file, [...(perFile.get(file) ?? []), { s: scoreDocs(part, w, redundancy), n: part.length }]);
      }
    }
    for (const [file, parts] of perFile) {
      const n = parts.reduce((a, p) => a + p.n, 0);
      const avg = (key: keyof RougeScores) => parts.reduce((a, p) => a + p.s[key] * p.n, 0) / n;
      const fileDocs = docs.filter((d) => d.file === file);
      const lead = meanScores(fileDocs.map((d) => rouge(lead3(d.item), references(d.item))));
      const name = `${file.split('/').pop()} [${layout}, ${n} docs]`;
      console.log(row(`  CV Lede ${name}`, { r1: avg('r1'), r2: avg('r2'), rl: avg('rl') }));
      console.log(row(`  initial ${name}`, scoreDocs(fileDocs, INITIAL_WEIGHTS, redundancy)));
      console.log(row(`  LEAD-3  ${name}`, lead));
    }
    const w = ascend(docs, INITIAL_WEIGHTS, redundancy, passes);
    fitted[layout] = w;
    const shipped = SUMMARY_MODEL[layout].weights;
    const same = shipped.length === w.length && shipped.every((v, i) => Math.abs(v - w[i]) < 1e-9);
    const shippedNote = SUMMARY_MODEL[layout].fitted
      ? same ? ' (= shipped)' : ' (NOT the shipped summary-model.ts)'
      : ' (not shipped: this layout ships the initial weights)';
    console.log(`  ${layout}: weights fitted on all ${docs.length} documents${shippedNote}:`);
    console.log(`    weights: [${w.join(', ')}],`);
    for (const file of files) {
      const part = docs.filter((d) => d.file === file);
      if (part.length) console.log(row(`    in-sample ${file.split('/').pop()}`, scoreDocs(part, w, redundancy)));
    }
  }
}

// ---------------------------------------------------------------- main

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const valued = new Set(['--limit', '--folds', '--passes']);
const files = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
if (files.length === 0) files.push('../shared/eval/summ/cnndm_dev.jsonl');
if (flag('--fit')) {
  fit(files, flag('--title'), value('--folds', 5), value('--passes', 3));
} else {
  for (const file of files) await bench(file, flag('--title'), value('--limit', Infinity));
}
