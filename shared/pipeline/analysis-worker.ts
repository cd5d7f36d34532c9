/** The analyzer on a worker thread of its own (see isolated-analysis.ts): one upload at a time. */
import { parentPort } from 'node:worker_threads';
import { analyzeArticle } from '../nlp/analyze.ts';
import type { WorkerReply, WorkerRequest } from './isolated-analysis.ts';

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const outcome = analyzeArticle({ bytes: request.bytes, contentType: request.contentType, key: request.key });
    reply = { id: request.id, outcome };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
// Load the analyzer's models now (they load on first use): an article's budget starts after this.
analyzeArticle({ bytes: new TextEncoder().encode('Warm-up: Angela Merkel met Emmanuel Macron in Paris on Monday.') });
parentPort?.postMessage({ ready: true });
