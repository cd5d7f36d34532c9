import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { dynamo, s3 } from '../shared/aws/clients.ts';
import { logger } from '../shared/aws/logger.ts';
import { metrics, recordAnalysis } from '../shared/aws/metrics.ts';
import { parseS3Notification, versionOf } from '../shared/events/s3-notifications.ts';
import { IsolatedAnalyzer } from '../shared/pipeline/isolated-analysis.ts';
import { processObjectChange } from '../shared/pipeline/process-change.ts';
import { ArticleStore } from '../shared/store/articles.ts';
import { ENV } from '../shared/store/schema.ts';
import { TextStore } from '../shared/store/texts.ts';

const store = new ArticleStore(dynamo, process.env[ENV.tableName] ?? 'articles');
const texts = new TextStore(s3, process.env[ENV.textBucket] ?? 'articles-text');
const processor = new BatchProcessor(EventType.SQS);
// Its thread starts with the first analysis, not at import.
const analyzer = new IsolatedAnalyzer();
/** Time kept after an analysis for the writes that follow it. */
const WRITE_MARGIN_MS = 5_000;

/**
 * One SQS message: every S3 record in it, in order. A throw sends the message back for a retry;
 * so does an analysis that could not have its whole budget before the invocation ends.
 */
async function processMessage(message: SQSRecord, deadline: number): Promise<void> {
  for (const change of parseS3Notification(message.body)) {
    // Messages of a batch run concurrently: each gets its own logger, so every line names its article.
    const log = logger.createChild({ persistentKeys: { key: change.key, version: versionOf(change), event: change.kind } });
    const analyze = analyzer.analyze.bind(analyzer);
    await processObjectChange(change, { s3, store, texts, log, observe: recordAnalysis, analyze, deadline });
  }
}

/** SQS batches of S3 notifications; failed messages are reported, not the whole batch. */
export const handler = async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  try {
    // A batch whose messages all failed is reported like any other, so SQS retries each on its own count.
    const deadline = Date.now() + context.getRemainingTimeInMillis() - WRITE_MARGIN_MS;
    return await processPartialResponse(event, (message: SQSRecord) => processMessage(message, deadline), processor, {
      context,
      throwOnFullBatchFailure: false,
    });
  } finally {
    // a batch of deletions records no metric: publishing nothing would only log a warning
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
