/**
 * Time of the whole analysis on uploads of odd shapes (long runs of blanks, tabs, no-break spaces,
 * line breaks, one endless word, punctuation, repeated names, tag soup), at growing sizes: cost
 * must grow about linearly, since a pattern that backtracks quadratically turns a 1 MB upload into
 * minutes of Lambda time, a timeout, retries and the dead-letter queue.
 *
 *   npm run bench:adversarial [-- --max 200000]
 *
 * Prints, per shape, the wall milliseconds at each size and flags a doubling of the size that
 * more than tripled the time (after the first size, which pays for compiling).
 */
import { parseArgs } from 'node:util';
import { analyzeArticle } from '../shared/nlp/analyze.ts';

const SHAPES: Record<string, (n: number) => string> = {
  'blank run': (n) => `${' '.repeat(n)}\nThe council met in Minsk.`,
  'line breaks': (n) => `${'\n'.repeat(n)}The council met in Minsk.`,
  'carriage returns': (n) => `${'\r'.repeat(n)}The council met in Minsk.`,
  'tabs, no line break': (n) => `${'\t \t'.repeat(n / 3)}x`,
  'no-break spaces': (n) => `${'\u00a0'.repeat(n)}Minsk.`,
  'one endless word': (n) => 'a'.repeat(n),
  'one endless capital word': (n) => 'A'.repeat(n),
  dots: (n) => '.'.repeat(n),
  'dot space': (n) => '. '.repeat(n / 2),
  quotes: (n) => '"'.repeat(n),
  apostrophes: (n) => "'".repeat(n),
  dashes: (n) => '- '.repeat(n / 2),
  'a city in capitals': (n) => 'PARIS '.repeat(n / 6),
  'a name': (n) => 'Jean Smith '.repeat(n / 11),
  numbers: (n) => '1234567890 '.repeat(n / 11),
  'short lines': (n) => `${'word '.repeat(20)}\n`.repeat(n / 101),
  'caption seams turned down': (n) => 'of The cat '.repeat(n / 11),
  bylines: (n) => `By ${'John Smith and '.repeat(50)}\n`.repeat(n / 800),
  'tag soup': (n) => `<div>${'<p>a</p>'.repeat(n / 8)}</div>`,
  'CJK, no punctuation': (n) => '北京'.repeat(n / 2),
  'CJK, short sentences': (n) => '北京。'.repeat(n / 3),
};

const { values } = parseArgs({ options: { max: { type: 'string', default: '200000' } } });
const max = Number(values.max);
const sizes: number[] = [];
for (let n = 25_000; n <= max; n *= 2) sizes.push(n);

const encoder = new TextEncoder();
analyzeArticle({ bytes: encoder.encode('Warm-up: Angela Merkel met Emmanuel Macron in Paris on Monday.') });
let flagged = 0;
for (const [name, make] of Object.entries(SHAPES)) {
  const cells: string[] = [];
  let previous = 0;
  let superlinear = false;
  for (const [i, n] of sizes.entries()) {
    const bytes = encoder.encode(make(n));
    const started = performance.now();
    analyzeArticle({ bytes, contentType: name === 'tag soup' ? 'text/html' : undefined });
    const ms = performance.now() - started;
    if (i > 1 && ms > 3 * previous && ms > 100) superlinear = true;
    previous = ms;
    cells.push(`${(n / 1000).toFixed(0)}k ${ms.toFixed(0).padStart(5)} ms`);
  }
  if (superlinear) flagged++;
  console.log(`${name.padEnd(26)} ${cells.join('  ')}${superlinear ? '  <- grows faster than the size' : ''}`);
}
console.log(`${flagged} of ${Object.keys(SHAPES).length} shapes grow faster than their size`);
