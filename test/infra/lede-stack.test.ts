import { readFileSync } from 'node:fs';
import { App, Duration } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { ALARMS_WITHOUT_ACTIONS, cdkJsonContext } from '../../infra/lede-app.ts';
import { CURSOR_KEY_ENV, LEDE_DEFAULTS, LedeStack } from '../../infra/lede-stack.ts';
import { ARTICLES_TABLE, ENV } from '../../shared/store/schema.ts';
import { actionsOfRole, assemblyDir, removeAssemblies, resource, statementsOfRole, synthesize, testApp } from './synth.ts';

// One synthesis per configuration, shared by the assertions on it (each synthesis also runs cdk-nag).
const byDefault = synthesize();
const publicApi = synthesize({ publicApi: 'true', alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:lede-alarms' });

afterAll(removeAssemblies);

const { template } = byDefault;
const articles = resource(template, 'AWS::S3::Bucket', 'Articles');
const accessLogs = resource(template, 'AWS::S3::Bucket', 'AccessLogs');
const texts = resource(template, 'AWS::S3::Bucket', 'Texts');
const queue = resource(template, 'AWS::SQS::Queue', 'ArticleEvents');
const dlq = resource(template, 'AWS::SQS::Queue', 'DeadLetterQueue');
const processor = resource(template, 'AWS::Lambda::Function', 'Processor');
const query = resource(template, 'AWS::Lambda::Function', 'Query');
const processorRole = resource(template, 'AWS::IAM::Role', 'ProcessorRole');
const queryRole = resource(template, 'AWS::IAM::Role', 'QueryRole');

const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const sslOnlyStatement = Match.objectLike({
  Effect: 'Deny',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

describe('articles bucket', () => {
  it('blocks public access, is encrypted, versioned and retained', () => {
    // Assess
    expect(articles.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(articles.DeletionPolicy).toBe('Retain');
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  it('denies requests without TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: articles.id },
      PolicyDocument: { Statement: Match.arrayWith([sslOnlyStatement]) },
    });
  });

  it('writes server access logs to a separate, private, TLS-only bucket', () => {
    expect(articles.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: accessLogs.id }, LogFilePrefix: 'articles/' });
    expect(accessLogs.Properties.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: accessLogs.id },
      PolicyDocument: { Statement: Match.arrayWith([sslOnlyStatement]) },
    });
  });

  it('sends object-created and object-removed events to the queue, not to a function', () => {
    // Assess
    const notifications = template.findResources('Custom::S3BucketNotifications');
    const [config] = Object.values(notifications).map((r: any) => r.Properties.NotificationConfiguration);
    expect(config.QueueConfigurations).toEqual(
      expect.arrayContaining([
        { Events: ['s3:ObjectCreated:*'], QueueArn: arnOf(queue.id) },
        { Events: ['s3:ObjectRemoved:*'], QueueArn: arnOf(queue.id) },
      ]),
    );
    expect(config.LambdaFunctionConfigurations).toBeUndefined();
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue.id }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: Match.arrayWith(['sqs:SendMessage']),
            Principal: { Service: 's3.amazonaws.com' },
            Condition: { ArnLike: { 'aws:SourceArn': arnOf(articles.id) } },
          }),
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:SendMessage',
            Principal: { Service: 's3.amazonaws.com' },
            Condition: { StringNotEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });
});

describe('texts bucket', () => {
  it('is private, encrypted and TLS-only, and sends no events (writing there never re-triggers the pipeline)', () => {
    // Assess
    expect(texts.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(texts.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    const notified = Object.values(template.findResources('Custom::S3BucketNotifications')).map((r: any) => r.Properties.BucketName);
    expect(notified).toEqual([{ Ref: articles.id }]);
  });
});

describe('event queue', () => {
  it('redrives to the dead-letter queue after 5 receives', () => {
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: arnOf(dlq.id), maxReceiveCount: 5 });
    expect(dlq.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    expect(dlq.Properties.MessageRetentionPeriod).toBeGreaterThan(queue.Properties.MessageRetentionPeriod);
  });

  it('hides a message for at least six processor timeouts', () => {
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * processor.Properties.Timeout);
  });

  it('keeps that relation for a custom processor timeout', () => {
    // Prepare
    const app = new App({ context: cdkJsonContext(), outdir: assemblyDir() });
    // Act
    const stack = new LedeStack(app, 'Slow', { bundle: false, processorTimeout: Duration.minutes(2) });
    // Assess
    const visibility = (stack.queue.node.defaultChild as CfnQueue).visibilityTimeout;
    expect(visibility).toBeGreaterThanOrEqual(6 * 120);
    expect(LEDE_DEFAULTS.processorTimeout.toSeconds()).toBe(processor.Properties.Timeout);
  });

  it('uses SQS-managed encryption (S3 cannot publish to a queue under the AWS-managed KMS key) and TLS only', () => {
    for (const q of [queue, dlq]) {
      expect(q.Properties.SqsManagedSseEnabled).toBe(true);
      expect(q.Properties.KmsMasterKeyId).toBeUndefined();
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: q.id }],
        PolicyDocument: { Statement: Match.arrayWith([sslOnlyStatement]) },
      });
    }
  });
});

describe('processor', () => {
  it('consumes the queue in batches and reports partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(queue.id),
      FunctionName: { Ref: processor.id },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 1,
      ScalingConfig: { MaximumConcurrency: 10 },
    });
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
  });

  it('reads objects of the articles bucket and writes only to the texts bucket', () => {
    // Act
    const s3Statements = statementsOfRole(template, processorRole.id).filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    // Assess
    expect(s3Statements).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: { 'Fn::Join': ['', [arnOf(articles.id), '/*']] } },
      // Without ListBucket, S3 answers a missing object with 403, not 404.
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: arnOf(articles.id) },
      { Effect: 'Allow', Action: ['s3:DeleteObject', 's3:PutObject'], Resource: { 'Fn::Join': ['', [arnOf(texts.id), '/*']] } },
    ]);
    expect(processor.Properties.Environment.Variables[ENV.textBucket]).toEqual({ Ref: texts.id });
  });

  it('may do to the table what processing takes, and no more (no index reads, updates, deletes or Scan)', () => {
    // Act
    const dynamo = actionsOfRole(template, processorRole.id).filter((a) => a.startsWith('dynamodb:'));
    const statements = statementsOfRole(template, processorRole.id).filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    // Assess
    expect([...dynamo].sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    expect(statements.map((s) => s.Resource)).toEqual([arnOf(resource(template, 'AWS::DynamoDB::Table', 'ArticlesTable').id)]);
    expect(dynamo.filter((a) => a.includes('*') || /Table$|Tables$/.test(a))).toEqual([]);
    expect(processor.Properties.Environment.Variables[ENV.tableName]).toEqual({ Ref: resource(template, 'AWS::DynamoDB::Table', 'ArticlesTable').id });
  });
});

describe('articles table', () => {
  it('is on demand, recoverable to a point in time, encrypted and retained', () => {
    // Prepare
    const table = resource(template, 'AWS::DynamoDB::Table', 'ArticlesTable');
    // Assess
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
      KeySchema: [
        { AttributeName: ARTICLES_TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: ARTICLES_TABLE.sortKey, KeyType: 'RANGE' },
      ],
    });
    expect(table.DeletionPolicy).toBe('Retain');
  });

  it('has the two indexes of the schema, projecting all attributes', () => {
    // Prepare
    const table = resource(template, 'AWS::DynamoDB::Table', 'ArticlesTable');
    // Assess
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      [ARTICLES_TABLE.byEntity, ARTICLES_TABLE.byTime].map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const attributes = table.Properties.AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
    expect(attributes.every((a) => a.AttributeType === 'S')).toBe(true);
    expect(attributes.map((a) => a.AttributeName).sort()).toEqual(['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'pk', 'sk']);
  });
});

describe('query API', () => {
  it('gives the query function read-only table access (GetItem, Query, BatchGetItem)', () => {
    // Act
    const actions = actionsOfRole(template, queryRole.id);
    // Assess
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    for (const write of ['PutItem', 'DeleteItem', 'UpdateItem', 'BatchWriteItem', 'Scan']) expect(actions).not.toContain(`dynamodb:${write}`);
    expect(actions.filter((a) => a.startsWith('sqs:'))).toEqual([]);
    expect(statementsOfRole(template, queryRole.id).filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')))).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [arnOf(texts.id), '/*']] } },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: arnOf(texts.id) },
    ]);
    expect(query.Properties.Environment.Variables[ENV.tableName]).toBeDefined();
  });

  it('routes GET /articles, GET /articles/{key+} and GET /openapi.json to the query function', () => {
    // Act
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r: any) => r.Properties.RouteKey);
    // Assess
    expect(routes.sort()).toEqual(['GET /articles', 'GET /articles/{key+}', 'GET /openapi.json']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: arnOf(query.id),
      PayloadFormatVersion: '2.0',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
  });

  it('requires IAM (SigV4) authorization on every route by default', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as any[];
    expect(routes.map((r) => r.Properties.AuthorizationType)).toEqual(['AWS_IAM', 'AWS_IAM', 'AWS_IAM']);
  });

  it('opens every route for public reads with -c publicApi=true', () => {
    const routes = Object.values(publicApi.template.findResources('AWS::ApiGatewayV2::Route')) as any[];
    expect(routes.map((r) => r.Properties.AuthorizationType)).toEqual(['NONE', 'NONE', 'NONE']);
  });

  it('accepts the switch as a boolean too, and only "true" opens the API', () => {
    // Act
    const asBoolean = testApp({ context: { publicApi: true } }).stack;
    const asOther = testApp({ context: { publicApi: 'yes' } }).stack;
    // Assess: read from the routes' L1 properties (no synthesis needed)
    const authorizationOf = (s: typeof asBoolean) =>
      s.node.findAll().flatMap((c) => ((c as any).cfnResourceType === 'AWS::ApiGatewayV2::Route' ? [(c as any).authorizationType] : []));
    expect(authorizationOf(asBoolean)).toEqual(['NONE', 'NONE', 'NONE']);
    expect(authorizationOf(asOther)).toEqual(['AWS_IAM', 'AWS_IAM', 'AWS_IAM']);
  });

  it('hands the query function its cursor key from Secrets Manager at deploy time, with no run-time grant', () => {
    // Prepare
    const secret = resource(template, 'AWS::SecretsManager::Secret', 'CursorKey');
    // Assess: a dynamic reference CloudFormation resolves, not the value and not an SDK call
    expect(query.Properties.Environment.Variables[CURSOR_KEY_ENV]).toEqual({
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secret.id }, ':SecretString:::}}']],
    });
    expect(secret.Properties.GenerateSecretString).toEqual({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.DeletionPolicy).toBe('Delete');
    expect(actionsOfRole(template, queryRole.id).filter((a) => a.startsWith('secretsmanager:') || a.startsWith('kms:'))).toEqual([]);
    expect(processor.Properties.Environment.Variables[CURSOR_KEY_ENV]).toBeUndefined();
  });

  it('throttles the default stage and logs its access', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: arnOf(resource(template, 'AWS::Logs::LogGroup', 'ApiAccessLogs').id), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
  });
});

describe('functions', () => {
  it('run Node.js 24 on arm64 with JSON logs into log groups with a retention', () => {
    for (const fn of [processor, query]) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], LoggingConfig: { LogFormat: 'JSON' } });
      expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
    }
    for (const logs of Object.values(template.findResources('AWS::Logs::LogGroup')) as any[]) expect(logs.Properties.RetentionInDays).toBe(30);
    expect(processor.Properties.Timeout).toBe(60);
    expect(query.Properties.Timeout).toBe(10);
  });

  it('may write only to their own log group (no AWSLambdaBasicExecutionRole, no logs:* on *)', () => {
    for (const [role, fn] of [
      [processorRole, 'ProcessorLogs'],
      [queryRole, 'QueryLogs'],
    ] as const) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const logs = statementsOfRole(template, role.id).filter((s) => [s.Action].flat().some((a) => a.startsWith('logs:')));
      expect(logs).toEqual([
        expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: arnOf(resource(template, 'AWS::Logs::LogGroup', fn).id) }),
      ]);
    }
  });
});

describe('alarms', () => {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((r: any) => r.Properties);
  const alarmOn = (metricName: string, dimension: string) =>
    alarms.find((a) => a.MetricName === metricName && JSON.stringify(a.Dimensions).includes(dimension));

  it('fires on any message in the dead-letter queue', () => {
    expect(alarmOn('ApproximateNumberOfMessagesVisible', dlq.id)).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('fires on any processor error or throttle and an event backlog', () => {
    expect(alarmOn('Errors', processor.id)).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(alarmOn('Throttles', processor.id)).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 0 });
    expect(alarmOn('ApproximateAgeOfOldestMessage', queue.id)).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 900 });
  });

  it("fires on any 5xx the API answers, not on the query function's Lambda errors (it answers its faults with 500)", () => {
    // Prepare
    const api = resource(template, 'AWS::ApiGatewayV2::Api', 'Api');
    // Assess
    expect(alarmOn('5xx', api.id)).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: api.id } }],
      Statistic: 'Sum',
      Period: 60,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(alarmOn('Errors', query.id)).toBeUndefined();
  });

  it('fires on any article that ended ANALYZER_ERROR or TOO_COMPLEX (the embedded AnalysisFaults metric)', () => {
    expect(alarmOn('AnalysisFaults', 'lede-processor')).toMatchObject({
      Namespace: 'Lede',
      Dimensions: [{ Name: 'service', Value: 'lede-processor' }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(processor.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('lede-processor');
  });

  it('has no actions by default and notifies -c alarmTopicArn on ALARM and OK', () => {
    expect(alarms.every((a) => a.AlarmActions === undefined)).toBe(true);
    const withTopic = Object.values(publicApi.template.findResources('AWS::CloudWatch::Alarm')).map((r: any) => r.Properties);
    expect(withTopic).toHaveLength(6);
    for (const alarm of withTopic) {
      expect(alarm.AlarmActions).toEqual(['arn:aws:sns:eu-west-1:123456789012:lede-alarms']);
      expect(alarm.OKActions).toEqual(['arn:aws:sns:eu-west-1:123456789012:lede-alarms']);
    }
  });

  it('warns at synthesis that no alarm has an action, naming the context key, only without alarmTopicArn', () => {
    // Prepare
    const warning = Match.stringLikeRegexp('No alarm has an action.*alarmTopicArn');
    // Act
    const withoutTopic = Annotations.fromStack(byDefault.stack);
    const withTopic = Annotations.fromStack(publicApi.stack);
    // Assess: a warning, so synthesis (cdk-nag included) still succeeds
    withoutTopic.hasWarning('/Lede', warning);
    withTopic.hasNoWarning('*', warning);
    expect(withoutTopic.findWarning('/Lede', warning).map((w) => w.entry.data)).toEqual([expect.stringContaining(`[ack: ${ALARMS_WITHOUT_ACTIONS}]`)]);
  });
});

describe('dashboard', () => {
  it('charts the embedded metrics of the processor, the queues, the functions and the API', () => {
    const dashboards = template.findResources('AWS::CloudWatch::Dashboard');
    expect(Object.keys(dashboards)).toHaveLength(1);
    const body = JSON.stringify(Object.values(dashboards)[0].Properties.DashboardBody);
    for (const metric of ['ArticlesProcessed', 'ArticlesFailed', 'AnalysisFaults', 'AnalysisTime', 'ArticleBytes']) {
      expect(body).toContain(`\\"Lede\\",\\"${metric}\\",\\"service\\",\\"lede-processor\\"`);
    }
    for (const metric of ['ApproximateAgeOfOldestMessage', 'Errors', 'Throttles', 'Latency', '5xx']) expect(body).toContain(metric);
  });
});

describe('outputs', () => {
  it('name both buckets, the API URL, the table and both queues', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).sort()).toEqual(['ApiUrl', 'BucketName', 'DeadLetterQueueName', 'QueueName', 'TableName', 'TextBucketName']);
    expect(outputs.BucketName.Value).toEqual({ Ref: articles.id });
    expect(JSON.stringify(outputs.ApiUrl.Value)).toContain('execute-api');
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes with every finding acknowledged, in both API modes', () => {
    // Assess: synthesize() throws on an unacknowledged finding; both configurations synthesized above.
    expect(byDefault.template.toJSON().Resources).toBeDefined();
    expect(publicApi.template.toJSON().Resources).toBeDefined();
  });

  it('is really checking: an unacknowledged plain bucket fails the same synthesis', () => {
    // Prepare
    const { stack } = testApp();
    new Bucket(stack, 'Unchecked');
    // Act / Assess
    expect(() => Template.fromStack(stack)).toThrow(/AwsSolutions-S1'[\s\S]*AwsSolutions-S10'/);
  });

  it('acknowledges only reasoned, Lede-specific findings', () => {
    // Prepare
    const acknowledged = (s: typeof byDefault.stack) =>
      s.node.findAll().flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
          .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason }))),
      );
    // Act
    const all = [...acknowledged(byDefault.stack), ...acknowledged(publicApi.stack)];
    // Assess
    expect([...new Set(all.map((a) => `${a.path} ${a.id}`))].sort()).toEqual([
      'Lede/Api Annotation::AwsSolutions-APIG4',
      'Lede/BucketNotificationsHandler050a0587b7544547bf325f094a3db834 Annotation::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'Lede/CursorKey Annotation::AwsSolutions-SMG4',
      'Lede/ProcessorRole ' + `Annotation::AwsSolutions-IAM5[Resource::<${articles.id}.Arn>/*]`,
      'Lede/ProcessorRole ' + `Annotation::AwsSolutions-IAM5[Resource::<${texts.id}.Arn>/*]`,
      'Lede/QueryRole ' + `Annotation::AwsSolutions-IAM5[Resource::<${texts.id}.Arn>/*]`,
    ]);
    for (const a of all) expect(a.reason).toMatch(/Lede/);
  });
});

describe('cdk.json', () => {
  it('runs the app with tsx and lets nothing phone home during synth', () => {
    // Prepare
    const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
    // Assess
    expect(cdkJson).toMatchObject({ app: 'npx tsx infra/app.ts', notices: false, versionReporting: false });
    expect(cdkJson.context['cli-telemetry']).toBe(false);
    // The access-log bucket relies on this flag (log delivery through the bucket policy, not ACLs).
    expect(cdkJson.context['@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy']).toBe(true);
  });
});
