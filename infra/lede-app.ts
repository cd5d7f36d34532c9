import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, App, type AppProps, Validations } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PROJECT_ROOT } from './lede-function.ts';
import { LedeStack } from './lede-stack.ts';

/** Context keys the app reads (`cdk synth -c key=value`, or cdk.json). */
export const CONTEXT = {
  /** `true`: the query API accepts unauthenticated reads. Default: IAM (SigV4) on every route. */
  publicApi: 'publicApi',
  /** ARN of an existing SNS topic the alarms notify. Default: alarms without actions. */
  alarmTopicArn: 'alarmTopicArn',
} as const;

/** Id of the warning that the alarms notify no one (no `alarmTopicArn`). */
export const ALARMS_WITHOUT_ACTIONS = '@lede/alarms-without-actions';
const ALARMS_WITHOUT_ACTIONS_MESSAGE =
  `No alarm has an action: alarms change state in CloudWatch and notify no one. Set context ${CONTEXT.alarmTopicArn} ` +
  `to an existing SNS topic (cdk deploy -c ${CONTEXT.alarmTopicArn}=arn:aws:sns:REGION:ACCOUNT:TOPIC).`;

export interface LedeAppOptions extends AppProps {
  /** Forwarded to the stack; `false` only in template tests. @default true */
  readonly bundle?: boolean;
}

/** The Lede app: one stack, `Lede`, checked by cdk-nag's AwsSolutions pack at synthesis. */
export function createLedeApp(options: LedeAppOptions = {}): { app: App; stack: LedeStack } {
  const { bundle, context, ...appProps } = options;
  // cdk.json's context (feature flags) as defaults, so an app built in-process (tests) synthesizes
  // exactly what `cdk synth` does; the CLI's own context still takes precedence.
  const app = new App({ ...appProps, context: { ...cdkJsonContext(), ...context } });
  const publicApi = String(app.node.tryGetContext(CONTEXT.publicApi) ?? 'false').toLowerCase() === 'true';
  const alarmTopicArn = app.node.tryGetContext(CONTEXT.alarmTopicArn);

  const stack = new LedeStack(app, 'Lede', {
    description: 'Lede: article analysis pipeline (S3 -> SQS -> Lambda -> DynamoDB, HTTP API)',
    publicApi,
    bundle,
  });
  if (typeof alarmTopicArn === 'string' && alarmTopicArn !== '') {
    stack.notifyOnAlarms(Topic.fromTopicArn(stack, 'AlarmTopic', alarmTopicArn));
  } else {
    // A warning, not an error: cdk-nag fails synthesis on errors, and a stack without a topic is valid.
    Annotations.of(stack).addWarningV2(ALARMS_WITHOUT_ACTIONS, ALARMS_WITHOUT_ACTIONS_MESSAGE);
  }

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

/** The `context` block of the project's cdk.json. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}
