/**
 * A small run of the fuzz bench (npm run bench:adversarial): every hostile family of issue 16 at
 * small sizes must end in a record, ok or failed with a clear code, that fits DynamoDB, both
 * analyzed in process and through the local stack. No timing is asserted: the bench measures that.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePath, getRaw, parseBody } from '../../bench/fuzz/api.ts';
import { FAMILIES, KiB, variantInputs, type Family, type FuzzInput, type Variant } from '../../bench/fuzz/families.ts';
import { analyzeInProcess } from '../../bench/fuzz/quick.ts';
import { judgeRecord, noRecord, type Verdict } from '../../bench/fuzz/records.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

type Path = 'analyzer' | 'stack';

/** The analyzer alone is cheap: two sizes. The stack gets the larger, which makes the larger records. */
const SIZES: Record<Path, number[]> = { analyzer: [KiB, 16 * KiB], stack: [16 * KiB] };

/**
 * Cases that wait on the issue 16 fixes in progress, by `family / variant / path`: `fails` runs
 * them and expects the failure (flip it when the fix lands); `skip` is for those that would run
 * for minutes.
 */
const BLOCKED: Record<string, { how: 'fails' | 'skip'; why: string }> = {};

/** Why each input of the list did not end in a record, by size; empty when all did. */
function problems(inputs: FuzzInput[], verdicts: Verdict[]): string[] {
  return verdicts.flatMap((v, i) => (v.endedInRecord ? [] : [`${inputs[i].size} bytes: ${v.label}`]));
}

function blockedCase(family: Family, variant: Variant, path: Path) {
  return BLOCKED[`${family.name} / ${variant.name} / ${path}`];
}

function inputsOf(family: Family, path: Path): FuzzInput[] {
  return family.variants.filter((v) => blockedCase(family, v, path)?.how !== 'skip').flatMap((v) => [...variantInputs(family, v, SIZES[path])]);
}

/** Reads the key's record through the API, as sent, once the pipeline has handled its upload. */
async function recordThroughStack(stack: TestStack, key: string): Promise<Verdict> {
  // The upload's event reaches the bridge on its own, maybe after the upload's answer: read until the bridge is idle and the record there.
  for (let attempt = 0; attempt < 100; attempt++) {
    await stack.bridge.whenIdle();
    const answer = await getRaw(stack.apiUrl, articlePath(key));
    if (answer.status === 200) return judgeRecord(parseBody(answer), key);
    if (answer.status !== 404) return noRecord(`the API answers ${answer.status}: ${answer.body.slice(0, 100)}`);
    await sleep(20);
  }
  return noRecord(`no record; dead letters: ${stack.bridge.deadLetters.map((d) => d.reason).join('; ') || 'none'}`);
}

/** Uploads the inputs `parallel` at a time, then reads every record: what each upload ended in, by key. */
async function recordsThroughStack(stack: TestStack, inputs: FuzzInput[], parallel: number): Promise<Map<string, Verdict>> {
  const verdicts = new Map<string, Verdict>();
  for (let i = 0; i < inputs.length; i += parallel) {
    await Promise.all(
      inputs.slice(i, i + parallel).map((input) =>
        stack.upload(input.key, input.body, input.contentType).catch((error: Error) => verdicts.set(input.key, noRecord(`upload failed: ${error.message}`))),
      ),
    );
  }
  for (const input of inputs) if (!verdicts.has(input.key)) verdicts.set(input.key, await recordThroughStack(stack, input.key));
  return verdicts;
}

/** One test per variant and path; `verdictsOf` gives what its inputs ended in. */
function caseFor(family: Family, variant: Variant, path: Path, verdictsOf: (inputs: FuzzInput[]) => Verdict[]) {
  const blocked = blockedCase(family, variant, path);
  const title = `${variant.name}: every input ends in a record that fits DynamoDB (${path})`;
  if (blocked?.how === 'skip') return it.skip(`${title} [blocked: ${blocked.why}]`, () => {});
  const test = blocked?.how === 'fails' ? it.fails : it;
  return test(blocked ? `${title} [blocked: ${blocked.why}]` : title, () => {
    // Prepare
    const inputs = [...variantInputs(family, variant, SIZES[path])];
    // Act
    const verdicts = verdictsOf(inputs);
    // Assert
    expect(problems(inputs, verdicts)).toEqual([]);
  });
}

describe('fuzz families analyzed in process', () => {
  for (const family of FAMILIES.filter((f) => !f.stackOnly)) {
    for (const variant of family.variants) caseFor(family, variant, 'analyzer', (inputs) => inputs.map(analyzeInProcess));
  }
});

/**
 * Through one local stack (one per process: its handlers keep the endpoints of the first). The
 * families are uploaded a few at a time, then read; the keys last, one at a time, so that a key
 * that breaks the emulators breaks no family case.
 */
describe('fuzz families through the local stack', () => {
  let stack: TestStack;
  let verdicts: Map<string, Verdict>;

  beforeAll(async () => {
    stack = await startTestStack();
    const inputs = (keys: boolean) => FAMILIES.filter((f) => Boolean(f.stackOnly) === keys).flatMap((f) => inputsOf(f, 'stack'));
    verdicts = new Map([...(await recordsThroughStack(stack, inputs(false), 8)), ...(await recordsThroughStack(stack, inputs(true), 1))]);
  });

  afterAll(async () => {
    await stack?.close();
  });

  for (const family of FAMILIES) {
    for (const variant of family.variants) {
      caseFor(family, variant, 'stack', (inputs) => inputs.map((i) => verdicts.get(i.key) ?? noRecord('not uploaded')));
    }
  }
});
