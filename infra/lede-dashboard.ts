import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Dashboard, GraphWidget, Metric, TextWidget, type IMetric, type MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface LedeDashboardProps {
  processor: IFunction;
  query: IFunction;
  queue: IQueue;
  deadLetterQueue: IQueue;
  api: HttpApi;
  /** The `service` dimension of the processor's embedded metrics (its POWERTOOLS_SERVICE_NAME). */
  processorService: string;
}

const PERIOD = Duration.minutes(1);

/** One of the processor's embedded metrics (`shared/aws/metrics.ts`): namespace `Lede`, dimension `service`. */
export function processorMetric(service: string, metricName: string, options: MetricOptions): Metric {
  return new Metric({ namespace: 'Lede', metricName, dimensionsMap: { service }, ...options });
}

/** One page an operator reads first: the pipeline's flow, its backlog, its failures, and the API. */
export class LedeDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: LedeDashboardProps) {
    super(scope, id);
    const lede = (metricName: string, statistic: string) => processorMetric(props.processorService, metricName, { statistic, period: PERIOD });
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) => new GraphWidget({ title, left, right, width: 8, height: 6 });

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: '# Lede\nUploads flow bucket → queue → processor → table; the query API reads the table. Alarms fire on dead letters, processor errors and throttles, analysis faults (ANALYZER_ERROR, TOO_COMPLEX), backlog age and API 5xx answers.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph('Articles', [lede('ArticlesProcessed', 'Sum'), lede('ArticlesFailed', 'Sum'), lede('AnalysisFaults', 'Sum')]),
      graph('Analysis time (ms)', [lede('AnalysisTime', 'p50'), lede('AnalysisTime', 'p95'), lede('AnalysisTime', 'Maximum')]),
      graph('Article size (bytes)', [lede('ArticleBytes', 'Average'), lede('ArticleBytes', 'Maximum')]),
    );
    this.dashboard.addWidgets(
      graph(
        'Event queue',
        [props.queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD })],
        [props.queue.metricApproximateAgeOfOldestMessage({ period: PERIOD })],
      ),
      graph('Dead-letter queue', [props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' })]),
      graph(
        'Processor',
        [props.processor.metricInvocations({ period: PERIOD }), props.processor.metricErrors({ period: PERIOD }), props.processor.metricThrottles({ period: PERIOD })],
        [props.processor.metricDuration({ period: PERIOD, statistic: 'p95' })],
      ),
    );
    this.dashboard.addWidgets(
      graph('API requests', [props.api.metricCount({ period: PERIOD }), props.api.metricClientError({ period: PERIOD }), props.api.metricServerError({ period: PERIOD })]),
      graph('API latency (ms)', [props.api.metricLatency({ period: PERIOD, statistic: 'p50' }), props.api.metricLatency({ period: PERIOD, statistic: 'p95' })]),
      graph('Query function', [props.query.metricErrors({ period: PERIOD }), props.query.metricThrottles({ period: PERIOD })], [props.query.metricDuration({ period: PERIOD, statistic: 'p95' })]),
    );
  }
}
