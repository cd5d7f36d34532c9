import { parseArgs } from 'node:util';
import { analyzeFile, analyzeJsonLines } from './analyze.ts';

const USAGE = `Usage:
  lede analyze FILE          print the analysis of one article as JSON
  lede analyze --jsonl       read {"id","text"} lines on stdin, write one result line each
  lede start                 run the local stack (S3 and DynamoDB emulators, pipeline, HTTP API)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { jsonl: { type: 'boolean' } } });
      if (values.jsonl) return analyzeJsonLines(process.stdin, process.stdout);
      if (positionals.length !== 1) return usage();
      return analyzeFile(positionals[0], process.stdout);
    }
    case 'start': {
      const { startFromCli } = await import('../local/start.ts');
      return startFromCli();
    }
    default:
      return usage();
  }
}

function usage(): number {
  process.stderr.write(USAGE);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
