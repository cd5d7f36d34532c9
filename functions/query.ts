import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handleQueryRequest } from '../shared/api/query-api.ts';
import { dynamo } from '../shared/aws/clients.ts';
import { logger } from '../shared/aws/logger.ts';
import { ArticleStore } from '../shared/store/articles.ts';
import { ENV } from '../shared/store/schema.ts';

const store = new ArticleStore(dynamo, process.env[ENV.tableName] ?? 'articles');

/** The read-only HTTP API: an article by key, and articles by entity. */
export const handler = async (event: APIGatewayProxyEventV2, context: Context) => {
  logger.addContext(context);
  return handleQueryRequest(event, { store, log: logger });
};
