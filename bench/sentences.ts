/**
 * Sentence splitter boundary F1 against the human segmentation in CNN Corpus (`article_sentences`).
 *
 *   npm run bench:sentences -- ../shared/eval/summ/cnncorpus_dev.jsonl [--show N]
 *
 * A boundary is the end offset of a unit in the article; gold boundaries are the end offsets of
 * the gold sentences, found in order in the article text. Every unit counts, whatever its kind.
 */
import { readFileSync } from 'node:fs';
import { splitSentences } from '../shared/nlp/sentences.ts';

export interface BoundaryScore {
  precision: number;
  recall: number;
  f1: number;
  articles: number;
}

interface Item {
  id: string;
  article: string;
  article_sentences?: Array<{ id: number; text: string }>;
}

export function goldEnds(article: string, sentences: Array<{ text: string }>): number[] | null {
  const ends: number[] = [];
  let pos = 0;
  for (const s of sentences) {
    const at = article.indexOf(s.text, pos);
    if (at < 0) return null;
    pos = at + s.text.length;
    ends.push(pos);
  }
  return ends;
}

export function boundaryF1(items: Item[], show = 0): BoundaryScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let articles = 0;
  let shown = 0;
  for (const item of items) {
    if (!item.article_sentences) continue;
    const gold = goldEnds(item.article, item.article_sentences);
    if (!gold) continue;
    articles++;
    const goldSet = new Set(gold);
    const predicted = new Set(splitSentences(item.article).map((s) => s.end));
    for (const end of predicted) {
      if (goldSet.has(end)) tp++;
      else {
        fp++;
        if (shown < show) (shown++, console.log(`FP ${item.id}: …${item.article.slice(end - 60, end)}‖${item.article.slice(end, end + 40)}…`));
      }
    }
    for (const end of goldSet) {
      if (!predicted.has(end)) {
        fn++;
        if (shown < show) (shown++, console.log(`FN ${item.id}: …${item.article.slice(end - 60, end)}‖${item.article.slice(end, end + 40)}…`));
      }
    }
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall || 1), articles };
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const showAt = args.indexOf('--show');
  const file = args.find((a, i) => !a.startsWith('--') && i !== showAt + 1) ?? '../shared/eval/summ/cnncorpus_dev.jsonl';
  const show = showAt >= 0 ? Number(args[showAt + 1] ?? 20) : 0;
  const score = boundaryF1(readJsonl<Item>(file), show);
  console.log(
    `splitter boundary  P ${score.precision.toFixed(4)}  R ${score.recall.toFixed(4)}  F1 ${score.f1.toFixed(4)}  (${score.articles} articles, ${file})`,
  );
}
