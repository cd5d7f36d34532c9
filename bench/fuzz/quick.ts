/**
 * The quick check, in this process: the analysis alone on each variant at doubling sizes, flagging
 * a variant whose time grows much faster than its size (a quadratic stage turns a 1 MB upload into
 * minutes). It cannot stop a runaway input: keep its sizes small.
 */
import { analyzeArticle } from '../../shared/nlp/analyze.ts';
import { toRecord } from '../../shared/model/record.ts';
import { KiB, sizeLabel, variantInputs, type Family, type FuzzInput } from './families.ts';
import { judgeRecord, noRecord, type Verdict } from './records.ts';

export const QUICK_MAX = 256 * KiB;
/** From 16 KiB (smaller inputs are all start-up) doubling up to `max`. */
export function quickSizes(max: number): number[] {
  const sizes: number[] = [];
  for (let size = 16 * KiB; size <= max; size *= 2) sizes.push(size);
  return sizes.length ? sizes : [max];
}

/** The analysis as the pipeline runs it: a throw is a crash, not a record. */
export function analyzeInProcess(input: FuzzInput): Verdict {
  try {
    const outcome = analyzeArticle({ bytes: Buffer.from(input.body), contentType: input.contentType, key: input.key });
    return judgeRecord({ key: input.key, ...toRecord(outcome) }, input.key);
  } catch (error) {
    return noRecord(`crash: ${(error as Error).name}: ${(error as Error).message}`.slice(0, 100));
  }
}

/** Prints one line per variant; returns how many variants grew too fast or left an input without a record. */
export function runQuick(families: Family[], sizes: number[]): number {
  analyzeArticle({ bytes: Buffer.from('Warm-up: Angela Merkel met Emmanuel Macron in Paris on Monday.') });
  let flagged = 0;
  for (const family of families) {
    for (const variant of family.variants) {
      const cells: string[] = [];
      const problems = new Set<string>();
      let previous: { ms: number; size: number } | undefined;
      let superlinear = false;
      for (const input of variantInputs(family, variant, sizes)) {
        const started = performance.now();
        const verdict = analyzeInProcess(input);
        const ms = performance.now() - started;
        if (!verdict.endedInRecord) problems.add(verdict.label);
        // Twice the size may cost up to three times the time (noise, caches) before it counts as faster than linear.
        if (previous && ms > 100 && ms / previous.ms > 1.5 * (input.size / previous.size)) superlinear = true;
        previous = { ms, size: input.size };
        cells.push(`${sizeLabel(input.size)} ${ms.toFixed(0).padStart(5)} ms`);
      }
      const notes = [...(superlinear ? ['<- grows faster than the size'] : []), ...[...problems].map((p) => `✗ ${p}`)];
      if (notes.length) flagged++;
      console.log(`${`${family.name} / ${variant.name}`.slice(0, 44).padEnd(44)} ${cells.join('  ')}  ${notes.join('; ')}`);
    }
  }
  return flagged;
}
