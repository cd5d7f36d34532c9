import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, type IAlarmAction, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ROUTES } from '../shared/api/routes.ts';
import { ARTICLES_TABLE } from '../shared/store/schema.ts';
import { LedeDashboard, processorMetric } from './lede-dashboard.ts';
import { LedeFunction } from './lede-function.ts';

const PROCESSOR_SERVICE = 'lede-processor';

/** The query function's environment variable holding the key that signs pagination cursors. */
export const CURSOR_KEY_ENV = 'CURSOR_KEY';

export interface ApiThrottle {
  /** Steady-state requests per second for the whole stage. */
  readonly rateLimit: number;
  /** Burst bucket size. */
  readonly burstLimit: number;
}

export interface LedeStackProps extends StackProps {
  /**
   * Open the query API for unauthenticated reads (context `publicApi=true`).
   * @default false: every route requires IAM (SigV4) authorization
   */
  readonly publicApi?: boolean;
  /**
   * Topic notified when an alarm goes into ALARM and back to OK (context `alarmTopicArn`).
   * @default - alarms without actions
   */
  readonly alarmTopic?: ITopic;
  /** @default { rateLimit: 50, burstLimit: 100 } */
  readonly apiThrottle?: ApiThrottle;
  /** @default Duration.seconds(60) */
  readonly processorTimeout?: Duration;
  /**
   * Upper bound of concurrent processor invocations the SQS event source starts (2-1000).
   * @default 10
   */
  readonly processorMaxConcurrency?: number;
  /** Retention of the function and API access logs. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /**
   * Bundle the handlers with esbuild. `false` puts placeholder inline code in the functions, for fast
   * template tests only.
   * @default true
   */
  readonly bundle?: boolean;
}

/** Defaults of the stack, exported for the README and the tests. */
export const LEDE_DEFAULTS = {
  apiThrottle: { rateLimit: 50, burstLimit: 100 },
  processorTimeout: Duration.seconds(60),
  processorMaxConcurrency: 10,
  processorMemoryMb: 1024,
  queryTimeout: Duration.seconds(10),
  queryMemoryMb: 512,
  batchSize: 10,
  maxBatchingWindow: Duration.seconds(1),
  maxReceiveCount: 5,
  logRetention: RetentionDays.ONE_MONTH,
} as const;

/**
 * Lede on AWS: articles bucket -> S3 event notifications -> SQS (with DLQ) -> processor Lambda ->
 * DynamoDB, and an HTTP API -> query Lambda -> DynamoDB (read-only).
 */
export class LedeStack extends Stack {
  readonly bucket: Bucket;
  /** The analyzed texts, one per article version: what mention offsets index. */
  readonly texts: Bucket;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly table: Table;
  readonly processor: LedeFunction;
  readonly query: LedeFunction;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The key the query function signs its pagination cursors with. */
  readonly cursorKey: Secret;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: LedeStackProps = {}) {
    super(scope, id, props);
    const logRetention = props.logRetention ?? LEDE_DEFAULTS.logRetention;
    const processorTimeout = props.processorTimeout ?? LEDE_DEFAULTS.processorTimeout;

    // ---- Storage: articles in S3, analyses in DynamoDB -------------------------------------------------------

    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Articles', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'articles/',
      lifecycleRules: [
        {
          id: 'tidy-versions-and-uploads',
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
      autoDeleteObjects: false,
    });

    // Derived from the articles, so no versioning and no notifications: writing here never re-triggers.
    this.texts = new Bucket(this, 'Texts', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'texts/',
      removalPolicy: RemovalPolicy.RETAIN,
      autoDeleteObjects: false,
    });

    this.table = new Table(this, 'ArticlesTable', {
      partitionKey: { name: ARTICLES_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: ARTICLES_TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of [ARTICLES_TABLE.byEntity, ARTICLES_TABLE.byTime]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // ---- Ingestion: S3 events -> SQS -> processor -------------------------------------------------------------

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    this.queue = new Queue(this, 'ArticleEvents', {
      // SQS-managed keys: a queue encrypted with the AWS-managed KMS key cannot receive S3 notifications.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      // AWS guidance for SQS event sources: at least 6x the function timeout, plus the batching window.
      visibilityTimeout: Duration.seconds(processorTimeout.toSeconds() * 6 + LEDE_DEFAULTS.maxBatchingWindow.toSeconds()),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: LEDE_DEFAULTS.maxReceiveCount },
    });

    const toQueue = new SqsDestination(this.queue);
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, toQueue);
    this.bucket.addEventNotification(EventType.OBJECT_REMOVED, toQueue);
    // The grant above names the bucket by ARN, which carries no account: should the bucket ever be deleted
    // and its name taken elsewhere, that bucket must not be able to feed this queue.
    this.queue.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: { StringNotEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.acknowledgeNotificationsHandler();

    this.processor = new LedeFunction(this, 'Processor', {
      entry: 'functions/processor.ts',
      // each article is analyzed on a thread of its own, under a time and memory budget
      workers: ['shared/pipeline/analysis-worker.ts'],
      description: 'Lede: analyzes uploaded articles (S3 events via SQS) and stores their records',
      serviceName: PROCESSOR_SERVICE,
      timeout: processorTimeout,
      memorySize: LEDE_DEFAULTS.processorMemoryMb,
      logRetention,
      bundle: props.bundle,
    });
    this.processor.grantObjectRead(this.bucket);
    this.processor.grantTextWrite(this.texts);
    this.processor.grantTableProcessing(this.table);
    this.processor.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: LEDE_DEFAULTS.batchSize,
        maxBatchingWindow: LEDE_DEFAULTS.maxBatchingWindow,
        reportBatchItemFailures: true,
        // Caps the pollers instead of reserving concurrency: reserved concurrency throttles SQS
        // deliveries, and throttled messages count as receives and end up in the DLQ.
        maxConcurrency: props.processorMaxConcurrency ?? LEDE_DEFAULTS.processorMaxConcurrency,
      }),
    );
    Validations.of(this.processor.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.bucket.node.defaultChild as never)}.Arn>/*]`,
      reason:
        'The Lede processor must read whichever article key the S3 event names; keys are chosen by uploaders, so ' +
        'the grant covers the objects of the articles bucket (GetObject/GetObjectVersion only) and nothing else.',
    });
    this.acknowledgeTextObjects(this.processor, 'writes (PutObject/DeleteObject) the analyzed text of each article version');

    // ---- Query API: HTTP API -> query function (read-only) ----------------------------------------------------

    this.query = new LedeFunction(this, 'Query', {
      entry: 'functions/query.ts',
      description: 'Lede: serves article records over the HTTP API (read-only)',
      serviceName: 'lede-query',
      timeout: LEDE_DEFAULTS.queryTimeout,
      memorySize: LEDE_DEFAULTS.queryMemoryMb,
      logRetention,
      bundle: props.bundle,
    });
    this.query.grantTableRead(this.table);
    this.query.grantTextRead(this.texts);
    this.cursorKey = this.addCursorKey(this.query);
    this.acknowledgeTextObjects(this.query, 'reads (GetObject) the analyzed text of whichever article a client asks for');

    this.api = new HttpApi(this, 'Api', {
      description: 'Lede query API',
      createDefaultStage: false,
    });
    const authorizer: IHttpRouteAuthorizer = props.publicApi ? new HttpNoneAuthorizer() : new HttpIamAuthorizer();
    const integration = new HttpLambdaIntegration('QueryIntegration', this.query);
    for (const { path } of Object.values(ROUTES)) {
      this.api.addRoutes({ path, methods: [HttpMethod.GET], integration, authorizer });
    }
    if (props.publicApi) {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Deployed with publicApi=true on purpose: the Lede query API serves read-only article analyses to anyone; ' +
          'stage throttling bounds the cost. The default deployment requires IAM (SigV4).',
      });
    }

    const apiLogs = new LogGroup(this, 'ApiAccessLogs', { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const throttle = props.apiThrottle ?? LEDE_DEFAULTS.apiThrottle;
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(apiLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            sourceIp: '$context.identity.sourceIp',
            caller: '$context.identity.userArn',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    // ---- Alarms ------------------------------------------------------------------------------------------

    const oneMinute = Duration.minutes(1);
    this.alarm('DeadLetterMessages', 'Article events failed 5 times and sit in the dead-letter queue', {
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: oneMinute, statistic: 'Maximum' }),
      threshold: 0,
    });
    this.alarm('ProcessorErrors', 'The processor function failed whole invocations', {
      metric: this.processor.metricErrors({ period: oneMinute, statistic: 'Sum' }),
      threshold: 0,
    });
    this.alarm('AnalysisFaults', 'Articles ended failed with ANALYZER_ERROR (a bug) or TOO_COMPLEX (over the per-article budget)', {
      metric: processorMetric(PROCESSOR_SERVICE, 'AnalysisFaults', { period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
    });
    this.alarm('ProcessorThrottles', 'The processor function was throttled (account concurrency exhausted?)', {
      metric: this.processor.metricThrottles({ period: oneMinute, statistic: 'Sum' }),
      threshold: 0,
    });
    this.alarm('QueueBacklog', 'The oldest article event has waited more than 15 minutes', {
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: Duration.minutes(15).toSeconds(),
    });
    // The query function turns its own faults into 500 answers and returns normally, so Lambda's Errors never
    // count them: alarm on what clients see, the API's 5xx (function faults, timeouts and crashes alike).
    this.alarm('ApiServerErrors', 'The query API answered 5xx', {
      metric: this.api.metricServerError({ period: oneMinute, statistic: 'Sum' }),
      threshold: 0,
    });
    if (props.alarmTopic) this.notifyOnAlarms(props.alarmTopic);

    new LedeDashboard(this, 'Operations', {
      processor: this.processor,
      query: this.query,
      queue: this.queue,
      deadLetterQueue: this.deadLetterQueue,
      api: this.api,
      processorService: PROCESSOR_SERVICE,
    });

    // ---- Outputs ----------------------------------------------------------------------------------------

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName, description: 'Upload articles here' });
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'Query API base URL (GET articles, articles/{key})' });
    new CfnOutput(this, 'TextBucketName', { value: this.texts.bucketName, description: 'Analyzed texts (what mention offsets index)' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'Article records' });
    new CfnOutput(this, 'QueueName', { value: this.queue.queueName, description: 'S3 event queue feeding the processor' });
    new CfnOutput(this, 'DeadLetterQueueName', { value: this.deadLetterQueue.queueName, description: 'Events that failed 5 times' });
  }

  /** Send every alarm's ALARM and OK transitions to `topic`. */
  notifyOnAlarms(topic: ITopic): void {
    const action: IAlarmAction = new SnsAction(topic);
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }

  private alarm(id: string, description: string, props: { metric: IMetric; threshold: number }): void {
    this.alarms.push(
      new Alarm(this, `${id}Alarm`, {
        alarmDescription: `Lede: ${description}`,
        metric: props.metric,
        threshold: props.threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /**
   * A generated key in Secrets Manager, handed to `fn` as `CURSOR_KEY` by a CloudFormation dynamic
   * reference: CloudFormation reads it at deploy time, so the function makes no SDK call and gets no grant
   * for it (and anyone who may read the function's configuration may read the key).
   */
  private addCursorKey(fn: LedeFunction): Secret {
    // Destroyed with the stack: it protects nothing stored, only cursors of this stack's API, which a new
    // stack (a new API URL) could not answer anyway.
    const key = new Secret(this, 'CursorKey', {
      description: 'Lede: key that signs the query API pagination cursors',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    fn.addEnvironment(CURSOR_KEY_ENV, key.secretValue.unsafeUnwrap());
    Validations.of(key).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The Lede pagination-cursor HMAC key: rotating it only invalidates the cursors clients hold, and the ' +
        'query function receives the value at deploy time (a dynamic reference), so a rotation would not reach it ' +
        'before the next deploy.',
    });
    return key;
  }

  /** Text objects are keyed by article key and version, so a grant on them is necessarily by prefix. */
  private acknowledgeTextObjects(fn: LedeFunction, what: string): void {
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.texts.node.defaultChild as never)}.Arn>/*]`,
      reason: `The Lede ${fn.node.id.toLowerCase()} function ${what}; keys follow article keys, so the grant covers the objects of the texts bucket and nothing else.`,
    });
  }

  /**
   * S3 bucket notifications are configured by a CDK-provided custom resource (a singleton Lambda in the
   * stack); its role and runtime are not ours to choose.
   */
  private acknowledgeNotificationsHandler(): void {
    const handler = this.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (!handler) return;
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'aws-cdk-lib\'s singleton handler that sets the notification configuration of the Lede articles bucket at ' +
        'deploy time; the managed policy only lets it write its own logs (its s3:PutBucketNotification grant is ' +
        'scoped to the bucket).',
    });
  }
}
