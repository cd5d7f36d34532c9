/**
 * Throughput of the whole analysis (decoding, furniture, title, language, sentences, summary,
 * entities, key phrases): what one core does in a warm process, and what a one-shot CLI run does.
 *
 *   npm run bench:throughput -- ../shared/eval/summ/cnndm_dev.jsonl ../shared/eval/summ/cnncorpus_dev.jsonl [--runs 3]
 *
 * Per file it prints:
 * - unseen articles: CPU time per article on every second article, in a process warmed up on all
 *   the others: the rest of this file and every article of the other files given (three passes, so
 *   the code is compiled): what a warm Lambda or `lede start` does with stories whose rarer words it
 *   has not met yet. A warm-up on this file's other half alone left the compiler busy: 10 to 15
 *   optimizing compiles (64-103 ms) and 5 to 9 deoptimizations during the timed pass, a second
 *   pass over the same articles 0.9-1.4 ms an article faster, where it is 0.6 ms after the longer
 *   warm-up (docs/summarizer.md, Throughput);
 * - seen articles: all of them again, best of 3 passes (every word already in the caches);
 * - a 1 MB article, the file's articles joined into one block: wall time of its analysis in a fresh
 *   process (start-up costs included), in a fresh process that has analyzed one sentence first (the
 *   model decoded and its tables built, as a Lambda after its first invocation), in a warm process
 *   that has not met its text (warmed up as for unseen articles on the articles the block does not
 *   hold: a running Lambda given a long upload), and once more, warm;
 * - the cost by size in that warm process: blocks of 0.25, 0.5, 1 and 2 MB, each analyzed once, then
 *   timed in turns, best of 5 rounds (milliseconds per MB stay flat when the cost grows linearly);
 * - the first article in a fresh process: what a cold Lambda or a one-shot run pays before its
 *   first result, modules already imported;
 * - one-shot CLI: `npx lede analyze --jsonl` over the file in one process, wall time less the
 *   start-up of an empty run (it pays for compiling the code and filling the caches as it goes).
 * CPU time counts every thread of the process (the collector's and the compiler's too), so it is
 * per core honestly. The in-process figures are measured in `--runs` fresh child processes and the
 * best is printed with the range: this machine's speed drifts by tens of percent from minute to minute.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeArticle } from '../shared/nlp/analyze.ts';
import { timeCli } from './cli.ts';

interface Item {
  id: string;
  article: string;
}

interface InProcess {
  unseenMs: number;
  seenMs: number;
}

interface LargeArticle {
  /** Wall milliseconds of the first analysis in a fresh process (model decoding and compiling included). */
  freshMs: number;
  /** Wall milliseconds of the same analysis once more. */
  warmMs: number;
}

function readItems(file: string): Item[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Item);
}

const articlesOf = (file: string) => readItems(file).map((item) => item.article);

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU milliseconds per article of analyzing `articles` once. */
function pass(articles: Uint8Array[]): number {
  const before = cpuMs();
  for (const bytes of articles) analyzeArticle({ bytes });
  return (cpuMs() - before) / articles.length;
}

/** In a fresh process: warm up on the even articles and the other files', time the odd ones, then all of them again. */
function measureInProcess(file: string, others: string[]): InProcess {
  const encoder = new TextEncoder();
  const encode = (f: string) => readItems(f).map((item) => encoder.encode(item.article));
  const articles = encode(file);
  const warmUp = [...articles.filter((_, i) => i % 2 === 0), ...others.flatMap(encode)];
  for (let round = 0; round < 3; round++) pass(warmUp);
  const unseenMs = pass(articles.filter((_, i) => i % 2 === 1));
  let seenMs = Infinity;
  for (let round = 0; round < 3; round++) seenMs = Math.min(seenMs, pass(articles));
  return { unseenMs, seenMs };
}

interface LargeUnseen {
  /** Wall milliseconds of the 1 MB article in a process warmed up on other articles (null: there are none). */
  unseenMs: number | null;
  /** Per block size (characters), wall milliseconds of its analysis in that process once it has read it (best of 5 rounds). */
  bySize: Array<[number, number]>;
}

/** `size` characters of the articles joined (repeated when they are fewer), and how many articles it holds. */
function block(articles: string[], size: number): { bytes: Uint8Array; used: number } {
  let text = '';
  let i = 0;
  for (; text.length < size; i++) text += `${articles[i % articles.length]} `;
  return { bytes: new TextEncoder().encode(text.slice(0, size)), used: Math.min(i, articles.length) };
}

/** A 1 MB article: the file's articles joined into one block. */
function largeArticle(file: string): Uint8Array {
  return block(articlesOf(file), 1_000_000).bytes;
}

function wallMs(bytes: Uint8Array): number {
  const started = performance.now();
  analyzeArticle({ bytes });
  return performance.now() - started;
}

/** In a fresh process: the 1 MB article analyzed twice. */
function measureLarge(file: string): LargeArticle {
  const bytes = largeArticle(file);
  const freshMs = wallMs(bytes);
  return { freshMs, warmMs: wallMs(bytes) };
}

/** In a fresh process: one sentence (so the model is decoded and its tables built), then the 1 MB article. */
function measureLargeModelReady(file: string): number {
  const bytes = largeArticle(file);
  analyzeArticle({ bytes: new TextEncoder().encode('Jane Doe met the mayor of Lyon on Monday.') });
  return wallMs(bytes);
}

/**
 * In a fresh process: warm up on the articles the 1 MB block does not hold (this file's rest and the
 * other files', three passes as measureInProcess), then the block, then blocks by size.
 */
function measureLargeUnseen(file: string, others: string[]): LargeUnseen {
  const articles = articlesOf(file);
  const { bytes, used } = block(articles, 1_000_000);
  const encoder = new TextEncoder();
  const warmUp = [...articles.slice(used), ...others.flatMap(articlesOf)].map((article) => encoder.encode(article));
  for (let round = 0; round < 3; round++) pass(warmUp);
  // with nothing else to warm up on, the block itself warms the code up for the sizes below
  const blockMs = wallMs(bytes);
  const unseenMs = warmUp.length ? blockMs : null;
  // the sizes in turns, five rounds, best of each: the heap's state then weighs on all of them alike
  const sizes = [250_000, 500_000, 1_000_000, 2_000_000];
  const blocks = sizes.map((size) => block(articles, size).bytes);
  blocks.forEach((sized) => wallMs(sized));
  const best = sizes.map(() => Infinity);
  for (let round = 0; round < 5; round++) blocks.forEach((sized, i) => (best[i] = Math.min(best[i], wallMs(sized))));
  return { unseenMs, bySize: sizes.map((size, i): [number, number] => [size, best[i]]) };
}

/** In a fresh process: wall milliseconds of the first article's analysis (model decoding and first compilation included). */
function measureFirst(file: string): number {
  const bytes = new TextEncoder().encode(readItems(file)[0].article);
  const started = performance.now();
  analyzeArticle({ bytes });
  return performance.now() - started;
}

function inChild<T>(mode: string, file: string, others: string[] = []): T {
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, [...process.execArgv, self, mode, file, ...others], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`the measuring process exited with ${run.status}`);
  return JSON.parse(run.stdout) as T;
}

/** The whole analysis of the file's articles, per core, in a fresh process warmed up on its other articles and the other files' (see the header). */
export function warmThroughput(file: string, others: string[] = []): InProcess {
  return inChild<InProcess>('--child', file, others.filter((other) => other !== file));
}

const rate = (ms: number) => 1000 / ms;
export const perSecond = (ms: number) => rate(ms).toFixed(0);

function line(label: string, ms: number[]): string {
  const best = Math.min(...ms);
  const range = ms.length > 1 ? `; runs ${Math.round(rate(Math.max(...ms)))}–${Math.round(rate(best))}` : '';
  return `  ${label.padEnd(46)} ${rate(best).toFixed(0).padStart(4)} articles/s per core (${best.toFixed(2)} ms CPU/article${range})`;
}

async function bench(file: string, others: string[], runs: number): Promise<void> {
  const items = readItems(file);
  const measured = Array.from({ length: runs }, () => warmThroughput(file, others));
  const cli = await timeCli(items.map((item) => JSON.stringify({ id: item.id, text: item.article })));
  const kb = items.reduce((a, item) => a + Buffer.byteLength(item.article), 0) / items.length / 1024;
  console.log(`${file}: ${items.length} articles, ${kb.toFixed(1)} KB on average`);
  console.log(line('whole analysis, warm process, unseen articles:', measured.map((m) => m.unseenMs)));
  console.log(line('whole analysis, warm process, seen articles:', measured.map((m) => m.seenMs)));
  const large = inChild<LargeArticle>('--large', file);
  const modelReadyMs = inChild<number>('--large-model-ready', file);
  const unseen = inChild<LargeUnseen>('--large-unseen', file, others.filter((other) => other !== file));
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  const inWarm = unseen.unseenMs === null ? '' : `${seconds(unseen.unseenMs)} s in a warm process new to its text, `;
  console.log(
    `  ${'a 1 MB article (these joined in one block):'.padEnd(46)} ${seconds(large.freshMs)} s in a fresh process, ${seconds(modelReadyMs)} s once the model is ready, ${inWarm}${seconds(large.warmMs)} s warm`,
  );
  const sizes = unseen.bySize.map(([size, ms]) => `${size / 1e6} MB ${seconds(ms)} s (${((ms * 1e6) / size).toFixed(0)} ms/MB)`).join(', ');
  console.log(`  ${'cost by size, warm process:'.padEnd(46)} ${sizes}`);
  const first = inChild<number>('--first', file);
  console.log(`  ${'first article in a fresh process:'.padEnd(46)} ${first.toFixed(0).padStart(4)} ms (model decoding, tables, compiling; modules already imported)`);
  console.log(
    `  ${'whole analysis, one-shot CLI run:'.padEnd(46)} ${(items.length / cli.seconds).toFixed(0).padStart(4)} articles/s (${cli.seconds.toFixed(2)} s wall for ${items.length}; start-up of ${cli.startup.toFixed(2)} s left out)`,
  );
}

/** The measuring children, by their first argument: each is given a file and the other files, and prints its result as JSON. */
const CHILDREN: Record<string, (file: string, others: string[]) => unknown> = {
  '--child': measureInProcess,
  '--first': measureFirst,
  '--large': measureLarge,
  '--large-model-ready': measureLargeModelReady,
  '--large-unseen': measureLargeUnseen,
};

/** Run as a script (a bench of its own, or the measuring child), not imported by another bench. */
async function main(args: string[]): Promise<void> {
  const child = CHILDREN[args[0]];
  if (child) {
    process.stdout.write(JSON.stringify(child(args[1], args.slice(2))));
    return;
  }
  const at = args.indexOf('--runs');
  const runs = at >= 0 ? Math.max(1, Number(args[at + 1]) || 1) : 3;
  const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
  if (files.length === 0) files.push('../shared/eval/summ/cnndm_dev.jsonl', '../shared/eval/summ/cnncorpus_dev.jsonl');
  for (const file of files) await bench(file, files, runs);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
