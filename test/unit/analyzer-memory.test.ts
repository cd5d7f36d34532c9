import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../shared/nlp/analyze.ts';
import { sampleArticle } from '../helpers/local-stack.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** A long upload with a few long words of its own, as real uploads have (the caches keep them). */
function uploadNumbered(n: number): string {
  const own = ['Quintessentialism', 'hyperglobalization', 'Brackenridgeshire'].map((w) => `${w}${n.toString(36)}`).join(' ');
  return `${sampleArticle('Minsk').repeat(300)}\n\nOfficials in ${own} said the talks would resume.`;
}

function heapAfterCollecting(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('the analyzer in a long-lived process', () => {
  it('does not keep earlier uploads alive through the words it caches', () => {
    // Prepare: the caches and compiled code settle first
    for (let n = 0; n < 5; n++) analyzeText(uploadNumbered(n));
    const before = heapAfterCollecting();
    const uploadBytes = uploadNumbered(0).length;
    // Act
    for (let n = 5; n < 25; n++) analyzeText(uploadNumbered(n));
    // Assess: the 20 uploads, held, would add 20 times their size
    const grown = heapAfterCollecting() - before;
    expect(grown).toBeLessThan(6 * uploadBytes);
  });

  it('does not keep earlier uploads alive through the sentences it remembers', () => {
    // Prepare: uploads that are mostly blank (page furniture blanked), around one sentence each
    const upload = (n: number) => `${' '.repeat(200_000)}\nThe council met again on day ${n} of the talks in Minsk.\n`;
    for (let n = 0; n < 5; n++) analyzeText(upload(n));
    const before = heapAfterCollecting();
    // Act
    for (let n = 5; n < 25; n++) analyzeText(upload(n));
    // Assess: the 20 uploads, held, would add 20 times their size
    const grown = heapAfterCollecting() - before;
    expect(grown).toBeLessThan(6 * upload(0).length);
  });
});
