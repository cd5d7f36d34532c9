/**
 * The analyzer under a budget of time and memory per article. Each analysis runs on a worker
 * thread with a heap limit; one that runs past the time budget is stopped by terminating the
 * thread, one that needs more memory is killed by V8, and either ends as a `TOO_COMPLEX` failure
 * of that article alone. The calling thread stays free meanwhile (the local stack's API answers
 * while a long upload is analyzed), and no upload can stall a batch, kill the Lambda or loop on
 * retries.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { AnalysisOutcome, ArticleSource, FailedAnalysis } from '../nlp/analysis.ts';

export interface AnalysisBudget {
  /** Wall time one article may take, from the moment its analysis starts. */
  timeMs: number;
  /** Heap (V8's old generation) the analysis thread may use. */
  heapMb: number;
}

/**
 * Every hostile family of the fuzz bench at 5 MiB fits this heap (bench:adversarial); a news
 * story needs a small part of it. The processor has 1,024 MB.
 */
export const ANALYSIS_BUDGET: AnalysisBudget = { timeMs: 10_000, heapMb: 192 };

/** What loading the analyzer on a new thread may take, on top of the first article's budget. */
const WORKER_START_MS = 10_000;

/** There is not enough time left in this invocation to give the article its whole budget. */
export class AnalysisDeferredError extends Error {
  override name = 'AnalysisDeferredError';
}

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  contentType?: string;
  key?: string;
}

export type WorkerReply = { id: number; outcome: AnalysisOutcome } | { id: number; error: string };

/** What the worker says once its modules are loaded, before any reply. */
export interface WorkerReady {
  ready: true;
}

interface Job {
  source: ArticleSource;
  /** Epoch milliseconds by which the analysis must be over (the invocation's end), if any. */
  deadline?: number;
  resolve(outcome: AnalysisOutcome): void;
  reject(error: Error): void;
  id?: number;
  timer?: NodeJS.Timeout;
}

export class IsolatedAnalyzer {
  private worker: Worker | undefined;
  /** Whether the worker has loaded the analyzer: its start-up is not an article's time. */
  private workerReady = false;
  private running: Job | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly budget: AnalysisBudget = ANALYSIS_BUDGET) {}

  /**
   * Analyzes one upload on the analysis thread, after those queued before it. Rejects with
   * AnalysisDeferredError when, at its turn, the deadline leaves less than the time budget.
   */
  analyze(source: ArticleSource, options: { deadline?: number } = {}): Promise<AnalysisOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ source, deadline: options.deadline, resolve, reject });
      this.startNext();
    });
  }

  /** Stops the analysis thread; a later analysis starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private startNext(): void {
    while (!this.running && this.queue.length) {
      const job = this.queue.shift()!;
      if (job.deadline !== undefined && job.deadline - Date.now() < this.budget.timeMs) {
        job.reject(new AnalysisDeferredError(`Less than the analysis budget (${this.budget.timeMs} ms) is left before the deadline.`));
        continue;
      }
      this.running = job;
      job.id = this.nextId++;
      const { bytes, contentType, key } = job.source;
      const request: WorkerRequest = { id: job.id, bytes, contentType, key };
      this.ensureWorker().postMessage(request);
      // a thread still loading gets time to load on top of the budget (and the budget anew when ready)
      this.startClock(job, this.workerReady ? 0 : WORKER_START_MS);
    }
  }

  private startClock(job: Job, extraMs: number): void {
    clearTimeout(job.timer);
    job.timer = setTimeout(() => this.stopOverBudget(job), this.budget.timeMs + extraMs);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker({
      resourceLimits: { maxOldGenerationSizeMb: this.budget.heapMb },
    });
    worker.on('message', (message: WorkerReply | WorkerReady) => ('ready' in message ? this.onReady(worker) : this.onReply(worker, message)));
    worker.on('error', (error: Error & { code?: string }) => this.onWorkerDeath(worker, error));
    worker.on('exit', (code) => this.onWorkerDeath(worker, new Error(`The analysis thread exited with code ${code}.`)));
    // An idle analysis thread must not keep a CLI or test process alive (a running job's timer
    // does). After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    this.worker = worker;
    this.workerReady = false;
    return worker;
  }

  private onReady(worker: Worker): void {
    if (worker !== this.worker) return;
    this.workerReady = true;
    if (this.running) this.startClock(this.running, 0);
  }

  private onReply(worker: Worker, reply: WorkerReply): void {
    const job = this.running;
    if (worker !== this.worker || !job || reply.id !== job.id) return;
    if ('error' in reply) return this.finish(job, () => job.reject(Object.assign(new Error('The analyzer threw.'), { stack: reply.error })));
    const { outcome } = reply;
    this.finish(job, () => job.resolve(outcome));
  }

  private onWorkerDeath(worker: Worker, error: Error & { code?: string }): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    const job = this.running;
    if (!job) return;
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.finish(job, () => job.resolve(tooComplex(`needed more than ${this.budget.heapMb} MB of memory`)));
    else this.finish(job, () => job.reject(error));
  }

  private stopOverBudget(job: Job): void {
    if (this.running !== job) return;
    void this.close();
    this.finish(job, () => job.resolve(tooComplex(`took longer than ${this.budget.timeMs / 1000} s`)));
  }

  private finish(job: Job, settle: () => void): void {
    clearTimeout(job.timer);
    this.running = undefined;
    settle();
    this.startNext();
  }
}

function tooComplex(what: string): FailedAnalysis {
  return {
    status: 'failed',
    error: {
      code: 'TOO_COMPLEX',
      message: `The analysis was stopped: it ${what}, the budget of one article. The upload is too complex to analyze (deeply nested markup, or long runs without words, for example).`,
    },
  };
}

/**
 * The worker's script: in a deployed bundle, `analysis-worker.mjs` beside it; from the sources
 * (tsx, vitest), a bootstrap that registers tsx's loader, which a worker does not inherit, and
 * imports the TypeScript file.
 */
function startWorker(options: WorkerOptions): Worker {
  const bundled = new URL('./analysis-worker.mjs', import.meta.url);
  if (existsSync(bundled)) return new Worker(bundled, options);
  // the ES module build of tsx's API (`resolve` would give the CommonJS one)
  const tsxApi = new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;
  const source = new URL('./analysis-worker.ts', import.meta.url).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(source)});`;
  // an ES module from a data: URL, not `eval: true`: an eval'd script's `require` would be visible
  // to the analyzer's modules and resolve packages from the working directory (html-libs.ts)
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), options);
}
