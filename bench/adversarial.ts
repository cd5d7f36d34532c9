/**
 * Fuzz bench (issue 16): hostile uploads of each family in bench/fuzz/families.ts (punctuation
 * runs, deep and wide HTML, huge Markdown tables, many mentions, control and bidi characters, long
 * keys, one endless word, the first bench's odd shapes) at 1 KiB to 5 MiB, through
 *
 * - cli:   `node cli/lede.mjs analyze FILE`, one child process per input; time is the child's wall
 *          time, memory its peak RSS (VmHWM read from /proc every 10 ms while it runs);
 * - stack: `lede start` in a child process; each input uploaded with the AWS SDK and timed until its
 *          record reads back through `GET /articles/{key}`; memory is the stack's highest VmRSS
 *          during the input (a fresh stack around each input of 1 MiB or more); `/openapi.json`
 *          is polled meanwhile for its slowest answer;
 * - quick: the analysis alone in this process at doubling sizes (16 KiB to 256 KiB by default),
 *          flagging shapes whose time grows faster than their size. It cannot stop a runaway input.
 *
 * Past the cap an input is killed (the stack restarted) and counted as a timeout. Prints a line
 * per input, then a table per path with the goals of the issue marked ✓ or ✗.
 *
 *   npm run bench:adversarial -- [--mode cli|stack|both|quick] [--max BYTES] [--family NAME[,NAME]]... [--timeout MS]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCliInput, warmUpCli } from './fuzz/cli-mode.ts';
import { FAMILIES, familyNamed, LARGEST_INPUT, MiB, sizeLabel, sizesUpTo, type Family } from './fuzz/families.ts';
import type { Measurement } from './fuzz/measurement.ts';
import { QUICK_MAX, quickSizes, runQuick } from './fuzz/quick.ts';
import { inputLine, summaryTable } from './fuzz/report.ts';
import { runFamilies } from './fuzz/run.ts';
import { runStackInput, startFuzzStack, stopFuzzStack, type FuzzStack } from './fuzz/stack-mode.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const MODES = ['cli', 'stack', 'both', 'quick'] as const;
const FRESH_STACK_FROM = MiB;
type Mode = (typeof MODES)[number];

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'both' },
    max: { type: 'string' },
    family: { type: 'string', multiple: true },
    timeout: { type: 'string', default: '60000' },
  },
});
const mode = values.mode as Mode;
if (!MODES.includes(mode)) throw new Error(`--mode must be one of ${MODES.join(', ')}, not '${values.mode}'.`);
const max = positive('--max', values.max ?? String(mode === 'quick' ? QUICK_MAX : LARGEST_INPUT));
const capMs = positive('--timeout', values.timeout);
const families = chosenFamilies(values.family);

if (mode === 'quick') {
  const flagged = runQuick(
    families.filter((f) => !f.stackOnly),
    quickSizes(max),
  );
  console.log(`${flagged} shape(s) grow faster than their size or end without a record`);
} else {
  const sizes = sizesUpTo(max);
  console.log(`sizes ${sizes.map(sizeLabel).join(', ')}; cap ${capMs / 1000} s per input`);
  const tables: string[] = [];
  if (mode === 'cli' || mode === 'both') {
    const rows = await runCliPath(families.filter((f) => !f.stackOnly), sizes);
    tables.push(summaryTable('CLI: node cli/lede.mjs analyze FILE (peak memory: the child process)', names(families), rows));
  }
  if (mode === 'stack' || mode === 'both') {
    const rows = await runStackPath(families, sizes);
    tables.push(summaryTable('Local stack: upload to record readable through the API (peak memory: the stack process)', names(families), rows));
  }
  console.log(`\n${tables.join('\n\n')}`);
}

async function runCliPath(chosen: Family[], sizes: number[]): Promise<Measurement[]> {
  const dir = await mkdtemp(join(tmpdir(), 'lede-fuzz-cli-'));
  try {
    await warmUpCli(dir);
    return await runFamilies(chosen, sizes, (input) => runCliInput(input, dir, capMs), (m) => console.log(inputLine('cli', m)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * One stack, replaced by a fresh one after an input that got no answer, and around every input of
 * FRESH_STACK_FROM bytes or more: V8 keeps the heap a large input grew, so the next input's peak
 * would be that one's.
 */
async function runStackPath(chosen: Family[], sizes: number[]): Promise<Measurement[]> {
  let stack: FuzzStack = await startFuzzStack();
  let previousSize = 0;
  const restart = async () => {
    await stopFuzzStack(stack);
    stack = await startFuzzStack();
  };
  try {
    return await runFamilies(
      chosen,
      sizes,
      async (input) => {
        if (input.size >= FRESH_STACK_FROM && previousSize < FRESH_STACK_FROM) await restart();
        previousSize = input.size;
        const { measurement, healthy } = await runStackInput(stack, input, capMs);
        if (!healthy || input.size >= FRESH_STACK_FROM) await restart();
        return healthy ? measurement : { ...measurement, restarted: true };
      },
      (m) => console.log(inputLine('stack', m)),
    );
  } finally {
    await stopFuzzStack(stack);
  }
}

function chosenFamilies(named: string[] | undefined): Family[] {
  if (!named?.length) return FAMILIES;
  return named.flatMap((n) => n.split(',')).map((n) => familyNamed(n.trim()));
}

function names(chosen: Family[]): string[] {
  return chosen.map((f) => f.name);
}

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not '${raw}'.`);
  return value;
}
