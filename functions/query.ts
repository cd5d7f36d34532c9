import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handleQueryRequest } from '../shared/api/query-api.ts';
import { dynamo, s3 } from '../shared/aws/clients.ts';
import { logger } from '../shared/aws/logger.ts';
import { ArticleStore } from '../shared/store/articles.ts';
import { ENV } from '../shared/store/schema.ts';
import { TextStore } from '../shared/store/texts.ts';

const store = new ArticleStore(dynamo, process.env[ENV.tableName] ?? 'articles');
const texts = new TextStore(s3, process.env[ENV.textBucket] ?? 'articles-text');

/** The read-only HTTP API: an article by key, and articles by entity. */
export const handler = async (event: APIGatewayProxyEventV2, context: Context) => {
  logger.addContext(context);
  return handleQueryRequest(event, { store, texts, log: logger });
};
