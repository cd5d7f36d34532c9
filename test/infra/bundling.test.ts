import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNUSED_IN_LAMBDA } from '../../infra/lede-function.ts';
import type { WorkerReady, WorkerReply, WorkerRequest } from '../../shared/pipeline/isolated-analysis.ts';
import { removeAssemblies, testApp } from './synth.ts';

/** The real thing: esbuild bundles both handlers during one synthesis, as `cdk synth` does. */
let assemblyDir: string;
let template: { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };

beforeAll(() => {
  // Act
  const { app } = testApp({ bundle: true });
  const assembly = app.synth();
  assemblyDir = assembly.directory;
  template = assembly.getStackArtifact('Lede').template;
}, 120_000);

// The bundles land in a temporary cloud assembly (a few MB per run): don't let them pile up.
afterAll(removeAssemblies);

function assetOf(logicalIdPrefix: string): string {
  const [, fn] = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(logicalIdPrefix))!;
  const key = fn.Properties.Code.S3Key as string;
  return join(assemblyDir, `asset.${key.replace(/\.zip$/, '')}`);
}

describe.each(['Processor', 'Query'])('%s bundle', (name) => {
  it('is one minified ES module with a source map and no node_modules', () => {
    // Prepare
    const dir = assetOf(name);
    // Assess
    expect(existsSync(join(dir, 'index.mjs'))).toBe(true);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    const size = statSync(join(dir, 'index.mjs')).size;
    expect(size).toBeGreaterThan(50_000); // the AWS SDK is bundled, not left to the runtime
    expect(size).toBeLessThan(5_000_000);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code.length / code.split('\n').length).toBeGreaterThan(1_000); // minified: long lines, no indentation
    expect(JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')).sourcesContent).toBeUndefined();
  });

  it('leaves out the credential providers Lambda never loads, imported only dynamically', () => {
    // Prepare
    const dir = assetOf(name);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    const sources = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')).sources as string[];
    // Act
    const bundled = sources.filter((source) => UNUSED_IN_LAMBDA.some((pkg) => source.includes(`node_modules/${pkg}/`)));
    const imports = UNUSED_IN_LAMBDA.flatMap((pkg) => [...code.matchAll(new RegExp(`(.{0,7})"${pkg}"`, 'g'))].map(([, before]) => `${before}${pkg}`));
    // Assess: none of their code in the bundle; a static import would need them to resolve at load time
    expect(bundled).toEqual([]);
    expect(sources.some((source) => source.includes('node_modules/@aws-sdk/credential-provider-env/'))).toBe(true);
    expect(imports.length).toBeGreaterThan(0);
    for (const found of imports) expect(found).toMatch(/import\(@/);
  });

  it('loads on its own (outside the repository) and exports handler', async () => {
    // Prepare: the asset directory sits in the OS temp dir, away from the project's node_modules
    const entry = join(assetOf(name), 'index.mjs');
    // Act
    const mod = await import(pathToFileURL(entry).href);
    // Assess
    expect(typeof mod.handler).toBe('function');
  });
});

it('bundles the analysis worker beside the processor, and it analyzes on its own', async () => {
  // Prepare
  const entry = join(assetOf('Processor'), 'analysis-worker.mjs');
  const worker = new Worker(entry);
  const request: WorkerRequest = { id: 7, bytes: new TextEncoder().encode('Angela Merkel met Emmanuel Macron in Paris on Monday.') };
  // Act
  const reply = await new Promise<WorkerReply>((resolve, reject) => {
    worker.on('message', (message: WorkerReply | WorkerReady) => 'id' in message && resolve(message));
    worker.once('error', reject);
    worker.postMessage(request);
  }).finally(() => worker.terminate());
  // Assess
  expect(existsSync(`${entry}.map`)).toBe(true);
  expect(reply.id).toBe(7);
  expect('outcome' in reply && reply.outcome.status).toBe('ok');
  expect('outcome' in reply && reply.outcome.status === 'ok' && reply.outcome.text).toContain('Macron');
});

it('points the functions at the bundles (handler index.handler)', () => {
  const handlers = Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime === 'nodejs24.x')
    .map((r) => r.Properties.Handler);
  expect(handlers).toEqual(['index.handler', 'index.handler']);
});
