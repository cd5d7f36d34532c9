/** Runs `npx lede analyze --jsonl` the way benchmarks and outside judges do, and times it. */
import { spawn } from 'node:child_process';

export interface CliRun {
  /** The output lines, parsed. */
  records: Array<Record<string, unknown>>;
  seconds: number;
}

/** Feeds the lines to one `lede analyze --jsonl` process; resolves with its parsed output and wall time. */
export function runCli(lines: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('npx', ['lede', 'analyze', '--jsonl'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`lede analyze exited with ${code}`));
      const records = out
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ records, seconds });
    });
    child.stdin.end(lines.length ? `${lines.join('\n')}\n` : '');
  });
}

/** The CLI's output for the lines, and the wall seconds it spent on them less the start-up of a run on no input. */
export async function timeCli(lines: string[]): Promise<CliRun & { startup: number }> {
  const empty = await runCli([]);
  const run = await runCli(lines);
  if (run.records.length !== lines.length) throw new Error(`lede analyze wrote ${run.records.length} lines for ${lines.length}`);
  return { records: run.records, seconds: Math.max(1e-6, run.seconds - empty.seconds), startup: empty.seconds };
}
