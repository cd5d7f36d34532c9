/**
 * The CLI path: each input written to a file and analyzed by `node cli/lede.mjs analyze FILE`
 * in a child process of its own, as outside judges run it.
 */
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExtension, type FuzzInput } from './families.ts';
import { measured, type Measurement } from './measurement.ts';
import { sampleMemory } from './proc.ts';
import { judgeRecord, noRecord, type Verdict } from './records.ts';

const PROJECT = join(import.meta.dirname, '../..');
const LEDE = join(PROJECT, 'cli/lede.mjs');
/** How often the child's memory is read; VmHWM is a high-water mark, so only the last interval can be missed. */
const MEMORY_EVERY_MS = 10;

interface ChildRun {
  ms: number;
  peakBytes: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/** Analyzes one input through the CLI, killing the child (and its group) past `capMs`. */
export async function runCliInput(input: FuzzInput, dir: string, capMs: number): Promise<Measurement> {
  const file = join(dir, `input.${fileExtension(input.format)}`);
  await writeFile(file, input.body);
  try {
    const run = await analyzeInChild(file, capMs);
    return measured(input, { ms: run.timedOut ? capMs : run.ms, peakBytes: run.peakBytes, verdict: cliVerdict(run, input.key, capMs) });
  } finally {
    await rm(file, { force: true });
  }
}

/** One run on a small article, so that the first measured input does not pay for building the CLI bundle. */
export async function warmUpCli(dir: string): Promise<void> {
  const file = join(dir, 'warm-up.txt');
  await writeFile(file, 'Angela Merkel met Emmanuel Macron in Paris on Monday.');
  const run = await analyzeInChild(file, 120_000);
  await rm(file, { force: true });
  if (run.code !== 0) throw new Error(`lede analyze fails on a plain article: ${run.stderr}`);
}

function cliVerdict(run: ChildRun, key: string, capMs: number): Verdict {
  if (run.timedOut) return noRecord(`timeout (killed at ${capMs / 1000} s)`);
  if (run.signal) return noRecord(`crash: killed by ${run.signal}`);
  if (run.code !== 0) return noRecord(`crash: exit ${run.code}${firstError(run.stderr)}`);
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(run.stderr)) return noRecord(`crash: stack trace${firstError(run.stderr)}`);
  let record: unknown;
  try {
    record = JSON.parse(run.stdout);
  } catch {
    return noRecord('no record: the output is not JSON');
  }
  return judgeRecord(record, key);
}

/** The error line of a stack trace, cut short: `, RangeError: Maximum call stack size exceeded`. */
function firstError(stderr: string): string {
  const line = stderr.split('\n').find((l) => /^\w*Error\b|^lede:/.test(l.trim())) ?? stderr.trim().split('\n')[0] ?? '';
  return line ? `, ${line.trim().slice(0, 80)}` : '';
}

function analyzeInChild(file: string, capMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its own process group, so that a kill past the cap reaches anything it started.
    const child = spawn(process.execPath, [LEDE, 'analyze', file], { cwd: PROJECT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid === undefined) return child.once('error', reject);
    const pid = child.pid;
    const memory = sampleMemory(pid, 'VmHWM', MEMORY_EVERY_MS);
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(pid);
    }, capMs);
    let ms = 0;
    let peakBytes = 0;
    child.once('exit', () => {
      ms = performance.now() - started;
      peakBytes = memory.stop();
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ms, peakBytes, code, signal, timedOut, stdout: Buffer.concat(stdout).toString('utf8'), stderr });
    });
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
