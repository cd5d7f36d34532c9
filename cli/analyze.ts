import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { failedRecord, toRecord } from '../shared/model/record.ts';
import type { AnalysisOutcome, ArticleSource } from '../shared/nlp/analysis.ts';
import { IsolatedAnalyzer } from '../shared/pipeline/isolated-analysis.ts';

// The processor's budget: an upload it would fail as TOO_COMPLEX fails the same way here.
const analyzer = new IsolatedAnalyzer();

/**
 * Prints the record of one file, or with `text` the text Lede analyzed: what it kept of the upload
 * (for a web page, the article it extracted), which mention offsets index.
 */
export async function analyzeFile(path: string, out: Writable, options: { text?: boolean } = {}): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    process.stderr.write(`lede: cannot read ${path}: ${(error as Error).message}\n`);
    return 1;
  }
  const outcome = await analyzeOutcome({ bytes, key: path });
  await analyzer.close();
  if (!options.text) {
    await write(out, `${JSON.stringify(toRecord(outcome), null, 2)}\n`);
    return 0;
  }
  if (outcome.status !== 'ok') {
    process.stderr.write(`lede: ${path} was not analyzed: ${outcome.error.code}: ${outcome.error.message}\n`);
    return 1;
  }
  await write(out, outcome.text?.endsWith('\n') ? outcome.text : `${outcome.text ?? ''}\n`);
  return 0;
}

/** One output line per input line, in order; a bad line yields a failed result and the stream goes on. */
export async function analyzeJsonLines(input: Readable, out: Writable): Promise<number> {
  const encoder = new TextEncoder();
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const parsed = parseLine(line);
    const record =
      'text' in parsed ? await analyzeSafely({ bytes: encoder.encode(parsed.text) }) : failedRecord({ code: 'BAD_INPUT_LINE', message: parsed.problem });
    await write(out, `${JSON.stringify({ id: parsed.id, ...record })}\n`);
  }
  await analyzer.close();
  return 0;
}

/** A crash on one article must not end the stream: it gets a failed line, as in the pipeline. */
async function analyzeSafely(source: ArticleSource) {
  return toRecord(await analyzeOutcome(source));
}

async function analyzeOutcome(source: ArticleSource): Promise<AnalysisOutcome> {
  try {
    return await analyzer.analyze(source);
  } catch (error) {
    process.stderr.write(`lede: the analyzer failed: ${(error as Error).stack ?? error}\n`);
    return { status: 'failed', error: { code: 'ANALYZER_ERROR', message: 'The analyzer failed on this article.' } };
  }
}

type ParsedLine = { id: unknown; text: string } | { id: unknown; problem: string };

function parseLine(line: string): ParsedLine {
  if (!line.trim()) return { id: null, problem: 'The line is empty.' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, problem: 'The line is not valid JSON.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, problem: 'The line is not a JSON object with "id" and "text".' };
  }
  const { id = null, text } = value as { id?: unknown; text?: unknown };
  if (typeof text !== 'string') return { id, problem: 'The line has no string "text" field.' };
  return { id, text };
}

function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
