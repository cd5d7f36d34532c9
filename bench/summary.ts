/**
 * Summary bench: ROUGE-1/2/Lsum F1 of Lede, LEAD-3 and the npm `lexrank` peer, side by side.
 *
 *   npm run bench:summary -- ../shared/eval/summ/cnndm_dev.jsonl [--title] [--limit N] [--in-process]
 *   npm run bench:summary -- --fit ../shared/eval/summ/cnndm_dev.jsonl ../shared/eval/summ/cnncorpus_dev.jsonl [--folds 5] [--l2 1] [--tau 0.05] [--set-l2 1]
 *
 * Default mode runs the real analyzer, `npx lede analyze --jsonl`, over the articles (the raw
 * `article` field; `--title` puts the item's title on a first line of its own) and reports
 * articles per second of the whole analysis (entities, summary, key phrases; process start-up
 * is measured on an empty input and left out). `--in-process` scores the same summary path
 * (findTitle, splitSentences, summarize) without the CLI, e.g. while another module is broken. LEAD-3 is the first three sentences of the
 * human segmentation where the file has one (`article_sentences`, CNN Corpus), else of the
 * `sentence-tokenizer` package that lexrank itself uses. For CNN Corpus it also prints the
 * overlap with the human `gold_extractive` sentences and the splitter's boundary F1.
 *
 * `--fit` fits the sentence-scoring weights of `shared/nlp/summary-model.ts` per text layout
 * (logistic regression: is the sentence in the greedy ROUGE oracle summary?), reports k-fold cross-validated
 * ROUGE per file (each fold scored with weights fitted on the other folds), and prints the
 * weights fitted on all the files, which are what `summary-model.ts` ships. For the block layout it
 * also fits the set model (`setWeights`: ListNet over the candidate sets of `candidateSets`, the
 * target a softmax of each set's ROUGE-1 F1 / tau; `--tau 0.05`, `--set-l2 1` by default), with
 * its k-fold cross-validated ROUGE and the weights fitted on all block documents.
 */
import { createRequire } from 'node:module';
import { ArticleDocument } from '../shared/nlp/document.ts';
import { splitSentences } from '../shared/nlp/sentences.ts';
import { extractKeyphrases } from '../shared/nlp/keyphrases.ts';
import { candidateFeatures, FEATURE_NAMES, type Candidates } from '../shared/nlp/summary-features.ts';
import { candidateSets, SET_FEATURE_NAMES, setFeatures } from '../shared/nlp/summary-sets.ts';
import { DEFAULT_SUMMARY_OPTIONS, layoutOf, selectSentences, summarize } from '../shared/nlp/summarize.ts';
import { INITIAL_WEIGHTS, SUMMARY_MODEL } from '../shared/nlp/summary-model.ts';
import { findTitle } from '../shared/nlp/title.ts';
import { timeCli } from './cli.ts';
import { meanScores, rouge, type RougeScores } from './rouge.ts';
import { boundaryF1, readJsonl } from './sentences.ts';
import { perSecond, warmThroughput } from './throughput.ts';

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

/** Each article's summary as `npx lede analyze --jsonl` wrote it, and the CLI's time less its start-up. */
async function cliSummaries(lines: string[]): Promise<{ summaries: Map<string, string[]>; seconds: number; startup: number }> {
  const run = await timeCli(lines);
  const summaries = new Map<string, string[]>();
  for (const record of run.records as Array<{ id: string; summary?: string[] }>) summaries.set(record.id, record.summary ?? []);
  return { summaries, seconds: run.seconds, startup: run.startup };
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

async function bench(file: string, others: string[], withTitle: boolean, limit: number, cli: boolean): Promise<void> {
  const items = readJsonl<Item>(file).slice(0, limit);
  const lines = items.map((item) => JSON.stringify({ id: item.id, text: inputText(item, withTitle) }));
  // --in-process: the summary path of analyzeText (findTitle, splitSentences, summarize) without the CLI.
  const inProcess = (item: Item) => {
    const text = inputText(item, withTitle);
    return summarize(new ArticleDocument(text, splitSentences(text)), { ...DEFAULT_SUMMARY_OPTIONS, title: findTitle(text) }).map((s) => s.text);
  };
  const run = cli ? await cliSummaries(lines) : null;
  const lede = run ? (item: Item) => run.summaries.get(item.id) ?? [] : inProcess;
  const systems: Array<[string, (item: Item) => string[]]> = [
    [cli ? 'Lede (npx lede analyze)' : 'Lede (in process)', lede],
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
  if (run) {
    console.log(
      `throughput, whole analysis, one-shot CLI run: ${(items.length / run.seconds).toFixed(0)} articles/s (${run.seconds.toFixed(2)} s analysis + ${run.startup.toFixed(2)} s start-up)`,
    );
    // Per core in a warm process: the best of three fresh processes, as `npm run bench:throughput`
    // prints it (on a shared machine a single run measures the neighbours as much as Lede).
    if (!withTitle && limit === Infinity) {
      const runs = Array.from({ length: 3 }, () => warmThroughput(file, others));
      const seenMs = Math.min(...runs.map((r) => r.seenMs));
      const unseenMs = Math.min(...runs.map((r) => r.unseenMs));
      console.log(
        `throughput, whole analysis, warm process: ${perSecond(seenMs)} articles/s per core on articles seen before, ${perSecond(unseenMs)} on unseen ones (best of 3 processes; npm run bench:throughput)`,
      );
    }
  }
  // The share of this module: splitter + summary + key phrases, in process, after a warm-up pass.
  const texts = items.map((item) => inputText(item, withTitle));
  const pass = () => {
    for (const text of texts) {
      const sentences = splitSentences(text);
      const title = findTitle(text);
      summarize(new ArticleDocument(text, sentences), { ...DEFAULT_SUMMARY_OPTIONS, title });
      extractKeyphrases(new ArticleDocument(text, sentences), { max: 10, title });
    }
  };
  pass();
  // Best of three passes, in CPU time (the machine may be shared).
  let ms = Infinity;
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    pass();
    const used = process.cpuUsage(before);
    ms = Math.min(ms, (used.user + used.system) / 1000 / texts.length);
  }
  console.log(`throughput, splitter + summary + key phrases only: ${(1000 / ms).toFixed(0)} articles/s per core (${ms.toFixed(3)} ms CPU/article, in process, best of 3)`);
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
  /** 1 for the sentences of the greedy ROUGE oracle summary (3 sentences among the first 20), else 0. */
  y: number[];
  /** Block layout only: the candidate sets of the set search, their features and their ROUGE. */
  sets?: { ix: number[][]; x: number[][]; r: RougeScores[] };
}

function prepare(file: string, withTitle: boolean): Doc[] {
  return readJsonl<Item>(file).map((item) => {
    const text = inputText(item, withTitle);
    const c = candidateFeatures(new ArticleDocument(text, splitSentences(text)), findTitle(text));
    const refs = references(item);
    const chosen: number[] = [];
    let current = 0;
    for (let step = 0; step < 3; step++) {
      let bestIndex = -1;
      let best = current;
      for (let k = 0; k < Math.min(20, c.sentences.length); k++) {
        if (chosen.includes(k)) continue;
        const picked = [...chosen, k].sort((a, b) => a - b);
        const r = rouge(picked.map((j) => c.sentences[j].text), refs);
        if (r.r1 + r.r2 > best) (best = r.r1 + r.r2, bestIndex = k);
      }
      if (bestIndex < 0) break;
      chosen.push(bestIndex);
      current = best;
    }
    let sets: Doc['sets'];
    if (layoutOf(text) === 'block') {
      const ix = candidateSets(c, DEFAULT_SUMMARY_OPTIONS.maxSentences, DEFAULT_SUMMARY_OPTIONS.maxWords);
      sets = { ix, x: ix.map((s) => setFeatures(c, s)), r: ix.map((s) => rouge(s.map((j) => c.sentences[j].text), refs)) };
    }
    return { file, item, text, c, y: c.sentences.map((_, k) => (chosen.includes(k) ? 1 : 0)), sets };
  });
}

/** L2-regularized logistic regression by Newton's method (the first 40 candidates of each document). */
function logistic(docs: Doc[], l2: number, iterations = 15): number[] {
  const xs: number[][] = [];
  const ys: number[] = [];
  for (const doc of docs) for (let k = 0; k < Math.min(40, doc.c.features.length); k++) (xs.push(doc.c.features[k]), ys.push(doc.y[k]));
  const d = FEATURE_NAMES.length;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const h = Array.from({ length: d }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j] * x[j];
      const p = 1 / (1 + Math.exp(-z));
      const s = p * (1 - p);
      for (let a = 0; a < d; a++) {
        h[a][d] += (p - ys[i]) * x[a];
        for (let b = 0; b < d; b++) h[a][b] += s * x[a] * x[b];
      }
    }
    for (let a = 0; a < d; a++) (h[a][a] += l2, h[a][d] += l2 * w[a]);
    for (let col = 0; col < d; col++) {
      let pivot = col;
      for (let r = col + 1; r < d; r++) if (Math.abs(h[r][col]) > Math.abs(h[pivot][col])) pivot = r;
      [h[col], h[pivot]] = [h[pivot], h[col]];
      const p = h[col][col] || 1e-12;
      for (let j = col; j <= d; j++) h[col][j] /= p;
      for (let r = 0; r < d; r++) {
        if (r === col) continue;
        const f = h[r][col];
        if (f) for (let j = col; j <= d; j++) h[r][j] -= f * h[col][j];
      }
    }
    w = w.map((v, j) => v - h[j][d]);
  }
  return w.map((v) => Number(v.toFixed(4)));
}

/**
 * Set model (block layout): ListNet. For each document the model's softmax over its candidate
 * sets is fitted to the softmax of the sets' ROUGE-1 F1 / tau (cross-entropy, L2 penalty),
 * full-batch Adam from zero weights, a fixed number of steps: deterministic.
 */
function listnet(docs: Doc[], tau: number, l2: number, iterations = 200): number[] {
  const d = SET_FEATURE_NAMES.length;
  const w = new Array<number>(d).fill(0);
  const m = new Array<number>(d).fill(0);
  const v = new Array<number>(d).fill(0);
  const usable = docs.filter((doc) => doc.sets && doc.sets.ix.length > 0);
  const targets = usable.map((doc) => softmax(doc.sets!.r.map((r) => r.r1 / tau)));
  for (let it = 1; it <= iterations; it++) {
    const g = new Array<number>(d).fill(0);
    usable.forEach((doc, n) => {
      const { x } = doc.sets!;
      const p = softmax(x.map((row) => row.reduce((a, xi, j) => a + xi * w[j], 0)));
      for (let k = 0; k < x.length; k++) {
        const diff = p[k] - targets[n][k];
        if (diff) for (let j = 0; j < d; j++) g[j] += diff * x[k][j];
      }
    });
    for (let j = 0; j < d; j++) {
      const grad = (g[j] + l2 * w[j]) / usable.length;
      m[j] = 0.9 * m[j] + 0.1 * grad;
      v[j] = 0.999 * v[j] + 0.001 * grad * grad;
      w[j] -= (0.05 * (m[j] / (1 - 0.9 ** it))) / (Math.sqrt(v[j] / (1 - 0.999 ** it)) + 1e-8);
    }
  }
  return w.map((x) => Number(x.toFixed(4)));
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((x) => Math.exp(x - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

/** ROUGE of the set each document's model picks (the same argmax as `selectSet`; the greedy priors when no set fits). */
function scoreSetDocs(docs: Doc[], setWeights: readonly number[]): RougeScores {
  return meanScores(
    docs.map((d) => {
      let best = -1;
      let bestScore = -Infinity;
      (d.sets?.x ?? []).forEach((x, k) => {
        const score = x.reduce((a, xi, j) => a + xi * (setWeights[j] ?? 0), 0);
        if (score > bestScore) (bestScore = score, (best = k));
      });
      if (best >= 0) return d.sets!.r[best];
      return rouge(selectSentences(d.c, INITIAL_WEIGHTS, 0.6, 3, 120).map((i) => d.c.sentences[i].text), references(d.item));
    }),
  );
}

function fitSets(docs: Doc[], files: string[], folds: number, tau: number, l2: number): void {
  console.log(`  block set model (ListNet over the sets of ≤ 3 of the first candidates, tau ${tau}, L2 ${l2}), ${folds}-fold cross-validated:`);
  const perFile = new Map<string, Array<{ s: RougeScores; n: number }>>();
  for (let f = 0; f < folds; f++) {
    const w = listnet(docs.filter((_, i) => i % folds !== f), tau, l2);
    const test = docs.filter((_, i) => i % folds === f);
    for (const file of files) {
      const part = test.filter((d) => d.file === file);
      if (part.length) perFile.set(file, [...(perFile.get(file) ?? []), { s: scoreSetDocs(part, w), n: part.length }]);
    }
  }
  for (const [file, parts] of perFile) {
    const n = parts.reduce((a, p) => a + p.n, 0);
    const avg = (key: keyof RougeScores) => parts.reduce((a, p) => a + p.s[key] * p.n, 0) / n;
    console.log(row(`  CV set model ${file.split('/').pop()} [block, ${n} docs]`, { r1: avg('r1'), r2: avg('r2'), rl: avg('rl') }));
  }
  const w = listnet(docs, tau, l2);
  const shipped = SUMMARY_MODEL.block.setWeights;
  const same = !!shipped && shipped.length === w.length && shipped.every((v, i) => Math.abs(v - w[i]) < 1e-9);
  console.log(`  block set model fitted on all ${docs.length} documents (${same ? '= shipped' : 'NOT the shipped summary-model.ts'}):`);
  console.log(`    setWeights: [${w.join(', ')}],`);
}

function scoreDocs(docs: Doc[], weights: readonly number[], redundancy: number): RougeScores {
  return meanScores(
    docs.map((d) => rouge(selectSentences(d.c, weights, redundancy, 3, 120).map((i) => d.c.sentences[i].text), references(d.item))),
  );
}

function fit(files: string[], withTitle: boolean, folds: number, l2: number, tau: number, setL2: number): void {
  const all = files.flatMap((file) => prepare(file, withTitle));
  console.log(`${folds}-fold cross-validated ROUGE (logistic regression on greedy-oracle labels, L2 ${l2}, one model per layout${withTitle ? ', title line prepended' : ''}):`);
  for (const layout of ['paragraphs', 'block'] as const) {
    const docs = all.filter((d) => layoutOf(d.text) === layout);
    if (!docs.length) continue;
    const redundancy = SUMMARY_MODEL[layout].redundancy;
    const perFile = new Map<string, Array<{ s: RougeScores; n: number }>>();
    for (let f = 0; f < folds; f++) {
      const w = logistic(docs.filter((_, i) => i % folds !== f), l2);
      const test = docs.filter((_, i) => i % folds === f);
      for (const file of files) {
        const part = test.filter((d) => d.file === file);
        if (part.length) perFile.set(file, [...(perFile.get(file) ?? []), { s: scoreDocs(part, w, redundancy), n: part.length }]);
      }
    }
    for (const [file, parts] of perFile) {
      const n = parts.reduce((a, p) => a + p.n, 0);
      const avg = (key: keyof RougeScores) => parts.reduce((a, p) => a + p.s[key] * p.n, 0) / n;
      const fileDocs = docs.filter((d) => d.file === file);
      const name = `${file.split('/').pop()} [${layout}, ${n} docs]`;
      console.log(row(`  CV fitted ${name}`, { r1: avg('r1'), r2: avg('r2'), rl: avg('rl') }));
      console.log(row(`  priors    ${name}`, scoreDocs(fileDocs, INITIAL_WEIGHTS, redundancy)));
      console.log(row(`  LEAD-3    ${name}`, meanScores(fileDocs.map((d) => rouge(lead3(d.item), references(d.item))))));
    }
    const w = logistic(docs, l2);
    const shipped = SUMMARY_MODEL[layout];
    const same = shipped.weights.length === w.length && shipped.weights.every((v, i) => Math.abs(v - w[i]) < 1e-9);
    const note = shipped.fitted ? (same ? '= shipped' : 'NOT the shipped summary-model.ts') : 'not shipped: this layout ships the priors';
    console.log(`  ${layout}: fitted on all ${docs.length} documents (${note}):`);
    console.log(`    weights: [${w.join(', ')}],`);
    if (layout === 'block') fitSets(docs, files, folds, tau, setL2);
  }
}

// ---------------------------------------------------------------- main

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const valued = new Set(['--limit', '--folds', '--l2', '--tau', '--set-l2']);
const files = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
if (files.length === 0) files.push('../shared/eval/summ/cnndm_dev.jsonl');
if (flag('--fit')) {
  fit(files, flag('--title'), value('--folds', 5), value('--l2', 1), value('--tau', 0.05), value('--set-l2', 1));
} else {
  for (const file of files) await bench(file, files, flag('--title'), value('--limit', Infinity), !flag('--in-process'));
}
