import { basename, extname, join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ARTICLES_TABLE, ENV } from '../shared/store/schema.ts';

/** The repository root: entries, package-lock.json and tsconfig.json live there. */
export const PROJECT_ROOT = join(import.meta.dirname, '..');

/** Lambda runtime of every Lede function: the newest Node.js LTS Lambda offers (cdk-nag L1 wants the latest). */
export const LEDE_RUNTIME = Runtime.NODEJS_24_X;

/**
 * ESM output bundles CommonJS dependencies (parts of the AWS SDK among them) that call `require` for Node
 * built-ins; esbuild's ESM output has no `require`, so give it one.
 */
const ESM_REQUIRE_SHIM = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Credential providers a Lambda function never loads, left out of the bundles. Lambda hands a function
 * its role's credentials in the environment (AWS_ACCESS_KEY_ID, ...), the first link of the SDK's
 * default chain (`@aws-sdk/credential-provider-node`), which imports every later link dynamically only
 * when the links before it failed: profiles and SSO, credential processes, web-identity token files,
 * container and instance metadata. What only those links import (the SSO, STS and sign-in clients of
 * `nested-clients`, token providers, login) goes with them. Nothing relies on the copy of SDK v3 the
 * Node.js runtime ships: should a later link ever run, its import would resolve there (another version)
 * or fail. `test/infra/bundling.test.ts` checks they are imported only dynamically, so a bundle loads
 * on its own.
 */
export const UNUSED_IN_LAMBDA = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/token-providers',
  '@aws-sdk/nested-clients',
  '@smithy/credential-provider-imds',
] as const;

/**
 * How every Lede function is bundled: one minified ES module (`index.mjs`) with a source map. The AWS
 * SDK is bundled too (the pinned, tested version instead of whatever the runtime ships), all but the
 * credential providers Lambda never loads. Worker threads' entries are bundled the same way next to
 * `index.mjs` (`workerBundling`).
 */
export const LEDE_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: false,
  // Prefer the ES module builds of dual packages (the AWS SDK): better tree shaking.
  mainFields: ['module', 'main'],
  externalModules: [...UNUSED_IN_LAMBDA],
  banner: ESM_REQUIRE_SHIM,
};

/**
 * Bundles each worker entry (a path from the repository root) with the function's own options into
 * `<name>.mjs` beside `index.mjs`, where the handler starts it from (`new URL('./<name>.mjs',
 * import.meta.url)`). NodejsFunction bundles one entry; the others run after it, as a shell hook.
 */
export function workerBundling(workers: readonly string[]): BundlingOptions['commandHooks'] {
  const esbuild = join(PROJECT_ROOT, 'node_modules', '.bin', 'esbuild');
  const command = (entry: string, outputDir: string) =>
    [
      esbuild,
      '--bundle',
      join(PROJECT_ROOT, entry),
      `--outfile=${join(outputDir, `${basename(entry, extname(entry))}.mjs`)}`,
      '--platform=node',
      `--format=${LEDE_BUNDLING.format}`,
      `--target=${LEDE_BUNDLING.target}`,
      '--minify',
      '--sourcemap',
      '--sources-content=false',
      `--main-fields=${LEDE_BUNDLING.mainFields!.join(',')}`,
      ...LEDE_BUNDLING.externalModules!.map((name) => `--external:${name}`),
      `--banner:js=${LEDE_BUNDLING.banner}`,
    ]
      .map(shellQuote)
      .join(' ');
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => workers.map((entry) => command(entry, outputDir)),
  };
}

function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

export interface LedeFunctionProps {
  /** Handler source, relative to the repository root, exporting `handler` (e.g. `functions/processor.ts`). */
  readonly entry: string;
  /** One-line purpose, used as the function description. */
  readonly description: string;
  /** Value of POWERTOOLS_SERVICE_NAME, the `service` key of every log line. */
  readonly serviceName: string;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Extra environment variables. */
  readonly environment?: Record<string, string>;
  /**
   * `true` (default): bundle `entry` with esbuild, as deployed.
   * `false`: a placeholder inline handler, no bundling. The template is identical in every other
   * respect; only for fast template tests, never deployable usefully.
   */
  readonly bundle?: boolean;
  /** Entries of worker threads the handler starts, bundled beside it (see workerBundling). */
  readonly workers?: readonly string[];
}

/**
 * A Lede Lambda function with the project's defaults captured once: Node.js 24 on arm64, esbuild
 * ESM bundle (`LEDE_BUNDLING`), a log group of its own with a retention period, JSON log format, and grant helpers
 * that say what the function may do rather than which IAM actions it gets.
 */
export class LedeFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: LedeFunctionProps) {
    // A log group of our own (instead of the deprecated `logRetention`, which adds a custom-resource
    // Lambda): retention set, removed with the stack since it holds only operational logs.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A role of our own instead of AWSLambdaBasicExecutionRole (logs on `*`): it may write to its
    // own log group only; the grant helpers below add the rest.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the Lede ${id} function`,
    });
    logGroup.grantWrite(role);
    const bundle = props.bundle ?? true;
    super(scope, id, {
      entry: join(PROJECT_ROOT, props.entry),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      handler: bundle ? 'handler' : 'index.handler',
      code: bundle ? undefined : Code.fromInline('exports.handler = async () => { throw new Error("placeholder: synthesized without bundling"); };'),
      description: props.description,
      runtime: LEDE_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        // Stack traces point into the TypeScript sources (maps ship without sources content).
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: props.workers?.length ? { ...LEDE_BUNDLING, commandHooks: workerBundling(props.workers) } : LEDE_BUNDLING,
    });
  }

  /** Read the article table and its indexes: GetItem, BatchGetItem, Query. Nothing that writes or scans. */
  grantTableRead(table: ITable): void {
    this.addToRolePolicy(LedeFunction.tableReadStatement(table));
    this.addEnvironment(ENV.tableName, table.tableName);
  }

  /**
   * What processing articles takes of the table, and no more: read and conditionally write records,
   * query an article's entity items, write and delete them in batches. No index reads, no Scan.
   */
  grantTableProcessing(table: ITable): void {
    this.addToRolePolicy(new PolicyStatement({ actions: [...LedeFunction.TABLE_PROCESSING_ACTIONS], resources: [table.tableArn] }));
    this.addEnvironment(ENV.tableName, table.tableName);
  }

  /**
   * Read any object (and any version of it) of the bucket. ListBucket too: without it S3 answers a
   * missing object with 403 instead of 404, and a deleted article would look like a fault to retry.
   */
  grantObjectRead(bucket: IBucket): void {
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  }

  /** Read the analyzed texts (what mention offsets index). */
  grantTextRead(texts: IBucket): void {
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [texts.arnForObjects('*')] }));
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [texts.bucketArn] }));
    this.addEnvironment(ENV.textBucket, texts.bucketName);
  }

  /** Write and delete analyzed texts: the only S3 writes Lede makes, never into the articles bucket. */
  grantTextWrite(texts: IBucket): void {
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [texts.arnForObjects('*')] }));
    this.addEnvironment(ENV.textBucket, texts.bucketName);
  }

  static readonly TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
  static readonly TABLE_PROCESSING_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem'] as const;

  private static tableReadStatement(table: ITable): PolicyStatement {
    // The schema's indexes named one by one, not `index/*`.
    const indexes = [ARTICLES_TABLE.byEntity.indexName, ARTICLES_TABLE.byTime.indexName];
    return new PolicyStatement({
      actions: [...LedeFunction.TABLE_READ_ACTIONS],
      resources: [table.tableArn, ...indexes.map((name) => `${table.tableArn}/index/${name}`)],
    });
  }
}
