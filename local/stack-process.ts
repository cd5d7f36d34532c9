import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';

const LEDE = join(import.meta.dirname, '../cli/lede.mjs');


export interface StackProcess {
  child: ChildProcess;
  s3Endpoint: string;
  dynamoEndpoint: string;
  apiUrl: string;
  s3: S3Client;
  output(): string;
  /** Ctrl-C, then waits for the exit. */
  stop(): Promise<number | null>;
  /** kill -9 of the whole process group. */
  kill(): Promise<void>;
}

/** `lede start` as a user runs it (own process group, free ports), in `cwd`. */
export async function startStackProcess(cwd: string, env: Record<string, string> = {}): Promise<StackProcess> {
  const child = spawn('node', [LEDE, 'start'], {
    cwd,
    detached: true,
    env: { ...process.env, LEDE_S3_PORT: '0', LEDE_DYNAMODB_PORT: '0', LEDE_API_PORT: '0', POWERTOOLS_LOG_LEVEL: 'WARN', ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => output.includes('Press Ctrl-C') && resolve());
    child.once('exit', (code) => reject(new Error(`lede start exited with ${code}: ${output}`)));
  });
  const s3Endpoint = /S3 endpoint:\s+(\S+)/.exec(output)![1];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    s3Endpoint,
    dynamoEndpoint: /DynamoDB endpoint:\s+(\S+)/.exec(output)![1],
    apiUrl: /HTTP API:\s+(\S+)/.exec(output)![1],
    s3: new S3Client({
      endpoint: s3Endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    output: () => output,
    async stop() {
      child.kill('SIGINT');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
  };
}
