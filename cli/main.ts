import { parseArgs } from 'node:util';
import { analyzeFile, analyzeJsonLines } from './analyze.ts';

const USAGE = `Usage:
  lede analyze FILE [--text] print the analysis of one article as JSON (--text: the text it analyzed)
  lede analyze --jsonl       read {"id","text"} lines on stdin, write one result line each
  lede start                 run the local stack (S3 and DynamoDB emulators, pipeline, HTTP API)
  lede query KEY | --entity NAME [--type T] | --all  [--limit N] [--cursor C] [--url API_URL] [--region R] [--sign]
                             read the query API: the local stack by default; a deployed stack's
                             ApiUrl is signed with SigV4 and your usual AWS credentials
  lede reanalyze [--rate N] [--concurrency N] [--bucket B --table T --text-bucket X [--region R]]
                             re-analyze every stored article an older analyzer wrote
                             (the local stack by default; a deployed stack given its bucket and table)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { jsonl: { type: 'boolean' }, text: { type: 'boolean' } } });
      if (values.jsonl) return analyzeJsonLines(process.stdin, process.stdout);
      if (positionals.length !== 1) return usage();
      return analyzeFile(positionals[0], process.stdout, { text: values.text ?? false });
    }
    case 'start': {
      const { startFromCli } = await import('../local/start.ts');
      return startFromCli();
    }
    case 'query': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          entity: { type: 'string' },
          type: { type: 'string' },
          all: { type: 'boolean' },
          limit: { type: 'string' },
          cursor: { type: 'string' },
          url: { type: 'string' },
          region: { type: 'string' },
          sign: { type: 'boolean' },
        },
      });
      const chosen = [positionals.length === 1, values.entity !== undefined, values.all === true].filter(Boolean).length;
      if (chosen !== 1 || positionals.length > 1) return usage();
      const { apiPath, isLocal, localApiUrl, queryApi } = await import('./query.ts');
      const baseUrl = values.url ?? localApiUrl();
      const path = apiPath({ key: positionals[0], entity: values.entity, type: values.type, limit: values.limit, cursor: values.cursor });
      const { status, body } = await queryApi({ baseUrl, path, sign: values.sign ?? !isLocal(new URL(baseUrl)), region: values.region });
      process.stdout.write(`${prettyJson(body)}\n`);
      if (status >= 300) process.stderr.write(`lede: the API answered ${status}\n`);
      return status < 300 ? 0 : 1;
    }
    case 'reanalyze': {
      const { values } = parseArgs({
        args: rest,
        options: {
          rate: { type: 'string', default: '50' },
          concurrency: { type: 'string', default: '4' },
          bucket: { type: 'string' },
          'text-bucket': { type: 'string' },
          table: { type: 'string' },
          region: { type: 'string' },
        },
      });
      const { resolveTarget } = await import('./targets.ts');
      const { reanalyzeAll } = await import('./reanalyze.ts');
      const target = resolveTarget(values);
      process.stderr.write(`lede: re-analyzing outdated records in ${target.description}\n`);
      const interrupt = new AbortController();
      process.once('SIGINT', () => interrupt.abort());
      const summary = await reanalyzeAll(target, {
        rate: positiveNumber('--rate', values.rate),
        concurrency: positiveNumber('--concurrency', values.concurrency),
        signal: interrupt.signal,
        progress: true,
      });
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return summary.interrupted ? 130 : 0;
    }
    default:
      return usage();
  }
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function positiveNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not '${raw}'.`);
  return value;
}

function usage(): number {
  process.stderr.write(USAGE);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
