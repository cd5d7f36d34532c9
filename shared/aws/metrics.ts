import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AnalysisObservation } from '../pipeline/process-change.ts';

// CloudWatch embedded metrics: written to the log as JSON, no API calls. The service name
// (dimension) comes from POWERTOOLS_SERVICE_NAME, which the stack sets per function.
export const metrics = new Metrics({ namespace: 'Lede' });

const FAULT_CODES = new Set(['ANALYZER_ERROR', 'TOO_COMPLEX']);

export function recordAnalysis(observation: AnalysisObservation): void {
  metrics.addMetric(observation.status === 'ok' ? 'ArticlesProcessed' : 'ArticlesFailed', MetricUnit.Count, 1);
  // Failures that are not the upload's fault alone: an analyzer bug, or an upload over the budget.
  if (observation.errorCode && FAULT_CODES.has(observation.errorCode)) metrics.addMetric('AnalysisFaults', MetricUnit.Count, 1);
  metrics.addMetric('AnalysisTime', MetricUnit.Milliseconds, observation.analysisMs);
  metrics.addMetric('ArticleBytes', MetricUnit.Bytes, observation.bytes);
}
