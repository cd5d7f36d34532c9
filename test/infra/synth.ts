import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createLedeApp, type LedeAppOptions } from '../../infra/lede-app.ts';
import type { LedeStack } from '../../infra/lede-stack.ts';

// The built-in CloudFormation schema validation costs seconds per synthesis; cdk-nag (a plugin we
// register) still runs. `cdk synth` and `cdk deploy` keep the built-in validation.
process.env.CDK_VALIDATION = 'false';

let scratch: string | undefined;
let apps = 0;

/** A fresh cloud assembly directory inside this test file's scratch directory (see `removeAssemblies`). */
export function assemblyDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'lede-infra-test-'));
  return join(scratch, `app${++apps}`);
}

/** `createLedeApp`, placeholder code unless `bundle` is set, its cloud assembly in the scratch directory. */
export function testApp(options: LedeAppOptions = {}): ReturnType<typeof createLedeApp> {
  return createLedeApp({ bundle: false, outdir: assemblyDir(), ...options });
}

/** Delete every cloud assembly this test file synthesized. */
export function removeAssemblies(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

export interface Synthesized {
  stack: LedeStack;
  template: Template;
}

/**
 * Synthesizes the Lede app as `cdk synth` does (cdk.json context, cdk-nag AwsSolutions checks, which
 * throw on any unacknowledged finding), with placeholder function code unless `bundle` is set.
 */
export function synthesize(context: Record<string, unknown> = {}, options: { bundle?: boolean } = {}): Synthesized {
  const { stack } = testApp({ context, bundle: options.bundle ?? false });
  return { stack, template: Template.fromStack(stack) };
}

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;

/** The one resource of `type` whose logical id starts with `prefix` (construct ids are stable, hashes are not). */
export function resource(template: Template, type: string, prefix: string): { id: string; Properties: Record<string, any>; DeletionPolicy?: string } {
  const matches = Object.entries(template.findResources(type) as Resources).filter(([id]) => id.startsWith(prefix));
  if (matches.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${matches.map(([id]) => id).join(', ') || 'none'}`);
  const [id, r] = matches[0];
  return { id, ...r };
}

/** Every IAM action granted (Allow) to a role, across all policies attached to it. */
export function actionsOfRole(template: Template, roleId: string): string[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy') as Resources).filter((p) =>
    (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
  );
  return policies.flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[] }[])
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
  );
}

/** The Allow statements of all policies attached to a role. */
export function statementsOfRole(template: Template, roleId: string): { Action: string | string[]; Resource: unknown }[] {
  return Object.values(template.findResources('AWS::IAM::Policy') as Resources)
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .filter((s: { Effect: string }) => s.Effect === 'Allow');
}
