/**
 * Throughput of the whole analysis (decoding, furniture, title, language, sentences, summary,
 * entities, key phrases): what one core does in a warm process, and what a one-shot CLI run does.
 *
 *   npm run bench:throughput -- ../shared/eval/summ/cnndm_dev.jsonl ../shared/eval/summ/cnncorpus_dev.jsonl
 *
 * Per file it prints:
 * - unseen articles: CPU time per article on every second article, in a process warmed up
 *   (JIT, caches) on the others: what a warm Lambda or `lede start` does with new stories;
 * - seen articles: all of them again, best of 3 passes (every word already in the caches);
 * - one-shot CLI: `npx lede analyze --jsonl` over the file in one process, wall time less the
 *   start-up of an empty run (so it pays for compiling the code while it runs).
 * CPU time counts every thread of the process (the collector's too), so it is per core honestly.
 */
import { readFileSync } from 'node:fs';
import { analyzeArticle } from '../shared/nlp/analyze.ts';
import { timeCli } from './cli.ts';

interface Item {
  id: string;
  article: string;
}

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

const perSecond = (ms: number) => `${(1000 / ms).toFixed(0).padStart(4)} articles/s per core (${ms.toFixed(2)} ms CPU/article)`;

async function bench(file: string): Promise<void> {
  const items = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Item);
  const encoder = new TextEncoder();
  const articles = items.map((item) => encoder.encode(item.article));
  const warmUp = articles.filter((_, i) => i % 2 === 0);
  const unseen = articles.filter((_, i) => i % 2 === 1);
  pass(warmUp);
  const unseenMs = pass(unseen);
  let seenMs = Infinity;
  for (let round = 0; round < 3; round++) seenMs = Math.min(seenMs, pass(articles));
  const cli = await timeCli(items.map((item) => JSON.stringify({ id: item.id, text: item.article })));
  console.log(`${file}: ${items.length} articles, ${(articles.reduce((a, b) => a + b.length, 0) / articles.length / 1024).toFixed(1)} KB on average`);
  console.log(`  whole analysis, warm process, unseen articles: ${perSecond(unseenMs)}`);
  console.log(`  whole analysis, warm process, seen articles:   ${perSecond(seenMs)}`);
  console.log(
    `  whole analysis, one-shot CLI run:              ${(items.length / cli.seconds).toFixed(0).padStart(4)} articles/s (${cli.seconds.toFixed(2)} s wall for ${items.length}, start-up of ${cli.startup.toFixed(2)} s left out)`,
  );
}

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (files.length === 0) files.push('../shared/eval/summ/cnndm_dev.jsonl', '../shared/eval/summ/cnncorpus_dev.jsonl');
for (const file of files) await bench(file);
