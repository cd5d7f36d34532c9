/**
 * The local-stack path: `lede start` in a child process with its own data folder and free ports;
 * each input is uploaded with the AWS SDK and timed until its record reads back through the API,
 * while the stack's memory is sampled and `/openapi.json` is polled for its slowest answer.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULTS } from '../../local/start.ts';
import { generateArticle } from '../generate.ts';
import { startStackProcess, type StackProcess } from '../../local/stack-process.ts';
import { articlePath, getRaw, parseBody } from './api.ts';
import type { FuzzInput } from './families.ts';
import { measured, type Measurement } from './measurement.ts';
import { sampleMemory } from './proc.ts';
import { judgeRecord, noRecord, type Verdict } from './records.ts';

const RECORD_POLL_MS = 50;
const API_POLL_MS = 100;
const RSS_EVERY_MS = 20;
const WARM_UP_MS = 60_000;

export interface FuzzStack {
  process: StackProcess;
  workDir: string;
  latency: LatencyWatch;
}

/** A stack in a new data folder, warmed up on one ordinary article so that no input pays for compiling the analyzer. */
export async function startFuzzStack(): Promise<FuzzStack> {
  const workDir = await mkdtemp(join(tmpdir(), 'lede-fuzz-'));
  const process = await startStackProcess(workDir);
  const stack = { process, workDir, latency: watchLatency(process.apiUrl) };
  const key = 'fuzz/warm-up.txt';
  await process.s3.send(new PutObjectCommand({ Bucket: DEFAULTS.bucket, Key: key, Body: generateArticle(0), ContentType: 'text/plain' }));
  const { verdict } = await waitForRecord(stack, key, performance.now() + WARM_UP_MS, 0);
  if (!verdict.endedInRecord) throw new Error(`the stack gives no record for an ordinary article: ${verdict.label}`);
  return stack;
}

/** Kills the stack's process group (a stack busy on a hostile input would not stop in time) and removes its data. */
export async function stopFuzzStack(stack: FuzzStack): Promise<void> {
  stack.latency.stop();
  await stack.process.kill();
  stack.process.s3.destroy();
  await rm(stack.workDir, { recursive: true, force: true });
}

/** Uploads one input and waits for its record, up to `capMs`. */
export async function runStackInput(stack: FuzzStack, input: FuzzInput, capMs: number): Promise<{ measurement: Measurement; healthy: boolean }> {
  const pid = stack.process.child.pid!;
  const deadLetters = await deadLetterLines(stack.workDir);
  stack.latency.startWindow();
  const memory = sampleMemory(pid, 'VmRSS', RSS_EVERY_MS);
  const started = performance.now();
  let outcome: { verdict: Verdict; answered: boolean };
  try {
    await stack.process.s3.send(
      new PutObjectCommand({ Bucket: DEFAULTS.bucket, Key: input.key, Body: Buffer.from(input.body), ContentType: input.contentType }),
    );
    outcome = await waitForRecord(stack, input.key, started + capMs, deadLetters);
  } catch (error) {
    outcome = { verdict: noRecord(`upload failed: ${describe(error)}`), answered: false };
  }
  const ms = performance.now() - started;
  const measurement = measured(input, { ms, peakBytes: memory.stop(), verdict: outcome.verdict, apiWorstMs: stack.latency.windowWorst() });
  return { measurement, healthy: outcome.answered };
}

/** Reads the key's record until it is there, the message is dead-lettered, the stack exits or time runs out. */
async function waitForRecord(stack: FuzzStack, key: string, deadline: number, deadLettersBefore: number): Promise<{ verdict: Verdict; answered: boolean }> {
  let lastProblem = '';
  for (;;) {
    if (stack.process.child.exitCode !== null || stack.process.child.signalCode !== null) {
      return { verdict: noRecord('no record: the stack exited'), answered: false };
    }
    const remaining = deadline - performance.now();
    if (remaining <= 0) return { verdict: noRecord(`timeout${lastProblem ? ` (${lastProblem})` : ''}`), answered: false };
    try {
      const answer = await getRaw(stack.process.apiUrl, articlePath(key), Math.max(1000, remaining));
      if (answer.status === 200) return { verdict: judgeRecord(parseBody(answer), key), answered: true };
      if (answer.status !== 404) lastProblem = `the API answers ${answer.status}`;
    } catch (error) {
      lastProblem = (error as Error).name === 'NoAnswer' ? 'the API does not answer' : describe(error);
    }
    const deadLetter = await newDeadLetter(stack.workDir, deadLettersBefore);
    if (deadLetter) return { verdict: noRecord(`dead-lettered: ${deadLetter}`), answered: false };
    await sleep(RECORD_POLL_MS);
  }
}

function deadLetterFile(workDir: string): string {
  return join(workDir, DEFAULTS.dataDir, 'dead-letter.jsonl');
}

async function deadLetterLines(workDir: string): Promise<number> {
  const text = await readFile(deadLetterFile(workDir), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).length;
}

/** The reason of a line added to the dead-letter file since `before` lines (inputs run one at a time). */
async function newDeadLetter(workDir: string, before: number): Promise<string | undefined> {
  const lines = (await readFile(deadLetterFile(workDir), 'utf8').catch(() => '')).split('\n').filter(Boolean);
  if (lines.length <= before) return undefined;
  const { reason } = JSON.parse(lines[before]) as { reason?: string };
  return (reason ?? 'no reason given').slice(0, 80);
}

export interface LatencyWatch {
  /** Starts a new window: `windowWorst` then covers only what follows. */
  startWindow(): void;
  /** The slowest answer in the window, counting a request still waiting for its answer. */
  windowWorst(): number;
  stop(): void;
}

/** Polls `/openapi.json` one request at a time, a pause between answers, for as long as the stack runs. */
function watchLatency(apiUrl: string): LatencyWatch {
  let running = true;
  let worst = 0;
  let waitingSince: number | undefined;
  void (async () => {
    while (running) {
      waitingSince = performance.now();
      try {
        await getRaw(apiUrl, '/openapi.json');
      } catch {
        // an unanswered request counts with the time it waited
      }
      worst = Math.max(worst, performance.now() - waitingSince);
      waitingSince = undefined;
      await sleep(API_POLL_MS);
    }
  })();
  return {
    startWindow: () => {
      worst = waitingSince === undefined ? 0 : performance.now() - waitingSince;
    },
    windowWorst: () => Math.max(worst, waitingSince === undefined ? 0 : performance.now() - waitingSince),
    stop: () => {
      running = false;
    },
  };
}

function describe(error: unknown): string {
  const { name, message } = error as Error;
  return `${name}: ${message}`.replace(/\s+/g, ' ').slice(0, 100);
}
